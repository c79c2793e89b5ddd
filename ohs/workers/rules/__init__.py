"""Pure rules about workers: checking a roster before it is imported."""
