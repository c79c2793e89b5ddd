"""Concentration formulas of GBZ 2.1: C_TWA over 8 h and C_STE over 15 min.

Formulas: reference/excursion_limits.md section 5. Concentrations are in the
limit's unit (mg/m3 for nearly every agent).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ohs.hazards.rules.errors import RuleInputError, check_non_negative

REFERENCE_DAY_HOURS = 8.0  # GBZ 2.1 C_TWA divisor T0: always 8 h (excursion_limits.md section 5)
MAX_DAY_HOURS = 24.0  # the segments of one working day cannot exceed a day
MINUTES_PER_HOUR = 60.0
SHORT_TERM_MINUTES = 15.0  # GBZ 2.1 C_STE: a 15-min average, even for shorter exposure (section 4)
DURATION_TOLERANCE = 1e-9  # float sums of exact durations may overshoot a bound by rounding


class Edition(StrEnum):
    """Edition of GBZ 2.1 whose short-term rule applies (2019 peak rule or 2007 excursion multiples)."""

    GBZ_2_1_2019 = "GBZ 2.1-2019"
    GBZ_2_1_2007 = "GBZ 2.1-2007"


RULE_VERSIONS = {
    Edition.GBZ_2_1_2019: "gbz2.1-2019/1",
    Edition.GBZ_2_1_2007: "gbz2.1-2007/1",
}


@dataclass(frozen=True, slots=True)
class TwaSegment:
    """A part of the working day at one concentration, for C_TWA."""

    concentration_mg_per_m3: float
    duration_hours: float


@dataclass(frozen=True, slots=True)
class SteSegment:
    """A part of a 15-min period at one concentration, for C_STE."""

    concentration_mg_per_m3: float
    duration_minutes: float


@dataclass(frozen=True, slots=True)
class ShortSample:
    """A short-term sample (at most 15 min) taken at a known time of the shift."""

    concentration_mg_per_m3: float
    started_at_minutes: float
    duration_minutes: float = SHORT_TERM_MINUTES


def _time_weighted_mean(
    pairs: Iterable[tuple[float, float]], duration_field: str, max_duration: float, divisor: float
) -> float:
    """sum(C x t) / divisor over (concentration, duration) pairs, checking each value and the total."""
    dose, total, count = 0.0, 0.0, 0
    for i, (raw_concentration, raw_duration) in enumerate(pairs):
        concentration = check_non_negative(raw_concentration, f"segments[{i}].concentration_mg_per_m3")
        duration = check_non_negative(raw_duration, f"segments[{i}].{duration_field}")
        dose += concentration * duration
        total += duration
        count += 1
    if count == 0:
        raise RuleInputError("segments", "at least one segment is required")
    if total > max_duration + DURATION_TOLERANCE:
        raise RuleInputError("segments", f"total {duration_field} {total:g} exceeds {max_duration:g}")
    return dose / divisor


def compute_twa(segments: Iterable[TwaSegment]) -> float:
    """8-h C_TWA = sum(C_i x T_i) / 8 h, unexposed time at zero (GBZ 2.1-2019; excursion_limits.md s.5)."""
    pairs = ((s.concentration_mg_per_m3, s.duration_hours) for s in segments)
    return _time_weighted_mean(pairs, "duration_hours", MAX_DAY_HOURS, REFERENCE_DAY_HOURS)


def total_hours(segments: Iterable[TwaSegment]) -> float:
    """Sum of the segments' durations in hours."""
    return sum(segment.duration_hours for segment in segments)


def compute_ste(segments: Iterable[SteSegment]) -> float:
    """15-min C_STE = sum(C_j x t_j) / 15 min, averaged over 15 min even when shorter (GBZ 2.1-2019)."""
    pairs = ((s.concentration_mg_per_m3, s.duration_minutes) for s in segments)
    return _time_weighted_mean(pairs, "duration_minutes", SHORT_TERM_MINUTES, SHORT_TERM_MINUTES)


def check_short_sample(sample: ShortSample, field: str) -> ShortSample:
    """Return ``sample`` if it is a valid short-term sample within one day."""
    check_non_negative(sample.concentration_mg_per_m3, f"{field}.concentration_mg_per_m3")
    start = check_non_negative(sample.started_at_minutes, f"{field}.started_at_minutes")
    minutes = check_non_negative(sample.duration_minutes, f"{field}.duration_minutes")
    if not 0 < minutes <= SHORT_TERM_MINUTES + DURATION_TOLERANCE:
        raise RuleInputError(
            f"{field}.duration_minutes",
            f"must be in (0, {SHORT_TERM_MINUTES:g}], got {minutes!r}",
        )
    if start + minutes > MAX_DAY_HOURS * MINUTES_PER_HOUR:
        raise RuleInputError(f"{field}.started_at_minutes", "sample ends after the end of the day")
    return sample


def ste_of_sample(sample: ShortSample) -> float:
    """C_STE of one short sample: its dose spread over 15 min (GBZ 2.1-2019, PC-STEL definition)."""
    return sample.concentration_mg_per_m3 * sample.duration_minutes / SHORT_TERM_MINUTES
