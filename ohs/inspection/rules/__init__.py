"""Pure inspection rules (no Django): the 双随机 draw and plan completion/coverage rates."""
