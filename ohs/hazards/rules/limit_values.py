"""Limit values with their provenance, and the cell parsers shared by the reference loaders.

Confidence grades follow reference/README.md: A read in a retrieved copy of
the source, B corroborated by two secondary sources, C not yet confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from ohs.hazards.rules.errors import RuleInputError, check_non_negative

# GBZ 2.1 expresses OELs in mg/m3 unless the cell says otherwise.
DEFAULT_CONCENTRATION_UNIT = "mg/m3"

NUMBER_RE = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*(.*?)\s*$")


class Confidence(StrEnum):
    """How far a reference value is confirmed (reference/README.md)."""

    A = "A"  # read in a retrieved copy of the source
    B = "B"  # corroborated by two secondary sources
    C = "C"  # not yet confirmed against the standard


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a limit came from: source, confidence, edition and clause."""

    source: str
    confidence: Confidence
    edition: str
    clause: str = ""

    @property
    def is_confirmed(self) -> bool:
        """True when the value was read in a copy of the standard (confidence A)."""
        return self.confidence is Confidence.A


@dataclass(frozen=True, slots=True)
class LimitValue:
    """One limit figure with its unit and provenance."""

    value: float
    unit: str
    provenance: Provenance


def cell(row: Mapping[str, str], column: str) -> str:
    """Return a stripped cell, raising RuleInputError naming a missing column."""
    if column not in row or row[column] is None:
        raise RuleInputError(column, "column missing from the reference row")
    return row[column].strip()


def parse_confidence(text: str, field: str = "confidence") -> Confidence:
    """Parse an A/B/C confidence cell (reference/README.md)."""
    try:
        return Confidence(text.strip().upper())
    except ValueError:
        raise RuleInputError(field, f"must be A, B or C, got {text!r}") from None


def parse_limit_value(
    text: str,
    *,
    field: str,
    default_unit: str,
    provenance: Provenance,
    is_offset: bool = False,
) -> LimitValue | None:
    """Parse a cell such as '3' or '30 pgTEQ/m3' ('+1' when ``is_offset``); empty gives None."""
    if not text.strip():
        return None
    match = NUMBER_RE.match(text)
    if match is None:
        raise RuleInputError(field, f"not a number with an optional unit: {text!r}")
    value = float(match.group(1))
    if not is_offset:
        check_non_negative(value, field)
    return LimitValue(value=value, unit=match.group(2) or default_unit, provenance=provenance)
