"""Pure generators of synthetic but valid identities for the demo province."""
