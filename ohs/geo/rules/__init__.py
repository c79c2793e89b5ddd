"""Pure rules about GB/T 2260 region codes."""
