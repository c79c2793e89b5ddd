"""Registry pages, one module per area."""
