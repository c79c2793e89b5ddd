"""Pure rules of the registry: declaration deadlines."""
