"""The error raised for bad input to a hazard rule, and the checks that raise it."""

from __future__ import annotations

import math


class RuleInputError(ValueError):
    """Bad input to a rule; ``field`` names the offending field as a dotted path."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def check_non_negative(value: float, field: str) -> float:
    """Return ``value`` if it is a finite number >= 0, else raise RuleInputError."""
    if not math.isfinite(value) or value < 0:
        raise RuleInputError(field, f"must be a finite number >= 0, got {value!r}")
    return float(value)


def check_positive(value: float, field: str) -> float:
    """Return ``value`` if it is a finite number > 0, else raise RuleInputError."""
    if not math.isfinite(value) or value <= 0:
        raise RuleInputError(field, f"must be a finite number > 0, got {value!r}")
    return float(value)


def check_finite(value: float, field: str) -> float:
    """Return ``value`` if it is a finite number, else raise RuleInputError."""
    if not math.isfinite(value):
        raise RuleInputError(field, f"must be a finite number, got {value!r}")
    return float(value)


def check_probability(value: float, field: str) -> float:
    """Return ``value`` if it lies strictly between 0 and 1, else raise RuleInputError."""
    if not math.isfinite(value) or not 0.0 < value < 1.0:
        raise RuleInputError(field, f"must lie strictly between 0 and 1, got {value!r}")
    return float(value)
