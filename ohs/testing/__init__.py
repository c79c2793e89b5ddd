"""Test support shared by every app: personas, the scoping matrix, query budgets."""
