"""GB/T 2260 administrative division codes: levels and descendant ranges.

A six-digit code is province (``33`` + ``0000``), prefecture-level city (``3301`` + ``00``) or
county-level unit (``330102``). Every descendant of a region shares its significant prefix, so
"everything inside region R" is the half-open string range [lo, hi) of six-digit codes: a range
on an indexed column, which both SQLite and PostgreSQL answer from the B-tree (a LIKE 'x%'
prefix match would not use the index on SQLite).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

CODE_LENGTH = 6  # GB/T 2260: two digits each for province, city, county


class Level(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


_SIGNIFICANT_DIGITS = {Level.PROVINCE: 2, Level.CITY: 4, Level.COUNTY: 6}


class InvalidRegionCode(ValueError):
    """A string that is not a six-digit GB/T 2260 code."""


@dataclass(frozen=True, slots=True)
class CodeRange:
    """Half-open range [lo, hi) of six-digit codes inside one region."""

    lo: str
    hi: str

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.lo <= code < self.hi


def validate_code(code: str) -> str:
    """Return the code when it is six decimal digits, else raise InvalidRegionCode."""
    if len(code) != CODE_LENGTH or not code.isdigit():
        raise InvalidRegionCode(f"region code must be {CODE_LENGTH} digits, got {code!r}")
    return code


def level_of(code: str) -> Level:
    """The level a code names: trailing zeros mark province and city codes."""
    validate_code(code)
    if code[2:] == "0000":
        return Level.PROVINCE
    if code[4:] == "00":
        return Level.CITY
    return Level.COUNTY


def descendant_range(code: str) -> CodeRange:
    """The code range holding the region itself and everything below it."""
    prefix = code[: _SIGNIFICANT_DIGITS[level_of(code)]]
    upper = str(int(prefix) + 1).zfill(len(prefix))
    return CodeRange(lo=prefix.ljust(CODE_LENGTH, "0"), hi=upper.ljust(CODE_LENGTH, "0"))


def parent_code(code: str) -> str | None:
    """The code of the region directly above, or None for a province."""
    level = level_of(code)
    if level is Level.PROVINCE:
        return None
    if level is Level.CITY:
        return code[:2] + "0000"
    return code[:4] + "00"
