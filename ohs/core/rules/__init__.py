"""Pure rules of the platform core (no Django imports)."""
