"""Pure risk rules (no Django): employer classification 甲/乙/丙 under a stored scheme."""
