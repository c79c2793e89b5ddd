"""Incremental exposure for a monitoring pipeline: running and projected 8-h TWA, rolling 15-min mean.

Readings carry minutes since the shift start. A reading's value holds over
the interval since the previous reading (the first one: since the shift
start), as monitors report interval means (HJ 212 minute data). A long gap
is therefore filled with the next reading's value; the pipeline decides what
a gap means before feeding readings here.

Pure: every function returns a new frozen state of plain numbers, so a state
can be stored (``dataclasses.asdict``) and restored (``restore_*``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ohs.hazards.rules.concentration import (
    MINUTES_PER_HOUR,
    REFERENCE_DAY_HOURS,
    SHORT_TERM_MINUTES,
)
from ohs.hazards.rules.errors import RuleInputError, check_non_negative, check_positive

MAX_SHIFT_MINUTES = 24 * MINUTES_PER_HOUR


@dataclass(frozen=True, slots=True)
class TwaShiftState:
    """Dose so far in one shift, for running and projected 8-h C_TWA (GBZ 2.1-2019)."""

    planned_exposure_hours: float
    elapsed_minutes: float
    dose_mg_min_per_m3: float
    reading_count: int


@dataclass(frozen=True, slots=True)
class RollingSteState:
    """Held intervals (start_min, end_min, mg/m3) overlapping the last window, their dose, and the mean."""

    window_minutes: float
    last_at_minutes: float
    window: tuple[tuple[float, float, float], ...]
    window_dose_mg_min_per_m3: float  # of the whole held intervals, before clipping at the window start
    ste_mg_per_m3: float
    max_ste_mg_per_m3: float


def _check_reading(concentration_mg_per_m3: float, at_minutes: float, last_at_minutes: float) -> None:
    """Reject a negative or non-finite reading and one that is not later than the last."""
    if not (math.isfinite(concentration_mg_per_m3) and concentration_mg_per_m3 >= 0):
        raise RuleInputError(
            "concentration_mg_per_m3",
            f"must be a finite number >= 0, got {concentration_mg_per_m3!r}",
        )
    if not (math.isfinite(at_minutes) and last_at_minutes < at_minutes <= MAX_SHIFT_MINUTES):
        raise RuleInputError(
            "at_minutes",
            f"must be after {last_at_minutes:g} and within 24 h, got {at_minutes!r}",
        )


def start_twa_shift(
    planned_exposure_hours: float = REFERENCE_DAY_HOURS,
) -> TwaShiftState:
    """An empty shift; the projection assumes exposure lasts ``planned_exposure_hours``."""
    hours = check_positive(planned_exposure_hours, "planned_exposure_hours")
    if hours * MINUTES_PER_HOUR > MAX_SHIFT_MINUTES:
        raise RuleInputError("planned_exposure_hours", f"cannot exceed 24 h, got {hours!r}")
    return TwaShiftState(hours, 0.0, 0.0, 0)


def add_twa_reading(state: TwaShiftState, concentration_mg_per_m3: float, at_minutes: float) -> TwaShiftState:
    """Add a reading held since the previous one (GBZ 2.1-2019 C_TWA: sum of C_i x T_i)."""
    _check_reading(concentration_mg_per_m3, at_minutes, state.elapsed_minutes)
    dose = state.dose_mg_min_per_m3 + concentration_mg_per_m3 * (at_minutes - state.elapsed_minutes)
    return TwaShiftState(state.planned_exposure_hours, at_minutes, dose, state.reading_count + 1)


def running_twa_mg_per_m3(state: TwaShiftState) -> float:
    """C_TWA so far, the rest of the 8 h counted at zero (GBZ 2.1-2019: divisor always 8 h)."""
    return state.dose_mg_min_per_m3 / (REFERENCE_DAY_HOURS * MINUTES_PER_HOUR)


def projected_twa_mg_per_m3(state: TwaShiftState) -> float:
    """C_TWA if the mean so far lasts for the rest of the planned exposure time."""
    if state.elapsed_minutes <= 0:
        return 0.0
    remaining = max(0.0, state.planned_exposure_hours * MINUTES_PER_HOUR - state.elapsed_minutes)
    mean = state.dose_mg_min_per_m3 / state.elapsed_minutes
    return (state.dose_mg_min_per_m3 + mean * remaining) / (REFERENCE_DAY_HOURS * MINUTES_PER_HOUR)


def start_rolling_ste(window_minutes: float = SHORT_TERM_MINUTES) -> RollingSteState:
    """An empty rolling window; 15 min gives C_STE (GBZ 2.1-2019)."""
    return RollingSteState(check_positive(window_minutes, "window_minutes"), 0.0, (), 0.0, 0.0, 0.0)


def add_ste_reading(state: RollingSteState, concentration_mg_per_m3: float, at_minutes: float) -> RollingSteState:
    """Add a reading; the mean of the window ending now is always over the full window (as C_STE is)."""
    _check_reading(concentration_mg_per_m3, at_minutes, state.last_at_minutes)
    cutoff = at_minutes - state.window_minutes
    dose = state.window_dose_mg_min_per_m3 + concentration_mg_per_m3 * (at_minutes - state.last_at_minutes)
    expired = 0  # a running dose keeps each reading O(1) but for dropping what left the window
    for start, end, level in state.window:
        if end > cutoff:
            break
        dose -= level * (end - start)
        expired += 1
    window = (*state.window[expired:], (state.last_at_minutes, at_minutes, concentration_mg_per_m3))
    first_start, _, first_level = window[0]
    clipped = first_level * (cutoff - first_start) if first_start < cutoff else 0.0
    ste = max(0.0, dose - clipped) / state.window_minutes  # max: float drift must not go below zero
    peak = max(state.max_ste_mg_per_m3, ste)
    return RollingSteState(state.window_minutes, at_minutes, window, dose, ste, peak)


def dump_twa_shift(state: TwaShiftState) -> dict[str, Any]:
    """The stored form of a TwaShiftState (what ``dataclasses.asdict`` gives, several times faster:
    a province's monitoring checkpoints tens of thousands of these a minute)."""
    return {
        "planned_exposure_hours": state.planned_exposure_hours,
        "elapsed_minutes": state.elapsed_minutes,
        "dose_mg_min_per_m3": state.dose_mg_min_per_m3,
        "reading_count": state.reading_count,
    }


def dump_rolling_ste(state: RollingSteState) -> dict[str, Any]:
    """The stored form of a RollingSteState (as ``dataclasses.asdict`` gives it)."""
    return {
        "window_minutes": state.window_minutes,
        "last_at_minutes": state.last_at_minutes,
        "window": state.window,
        "window_dose_mg_min_per_m3": state.window_dose_mg_min_per_m3,
        "ste_mg_per_m3": state.ste_mg_per_m3,
        "max_ste_mg_per_m3": state.max_ste_mg_per_m3,
    }


def restore_twa_shift(data: Mapping[str, Any]) -> TwaShiftState:
    """Rebuild a TwaShiftState from its stored dict, validating every field."""
    state = start_twa_shift(float(data["planned_exposure_hours"]))
    elapsed = check_non_negative(float(data["elapsed_minutes"]), "elapsed_minutes")
    dose = check_non_negative(float(data["dose_mg_min_per_m3"]), "dose_mg_min_per_m3")
    count = int(data["reading_count"])
    if count < 0 or elapsed > MAX_SHIFT_MINUTES:
        raise RuleInputError("reading_count", "stored shift state is out of range")
    return TwaShiftState(state.planned_exposure_hours, elapsed, dose, count)


def restore_rolling_ste(data: Mapping[str, Any]) -> RollingSteState:
    """Rebuild a RollingSteState from its stored dict (lists become tuples), validating it."""
    empty = start_rolling_ste(float(data["window_minutes"]))
    window = tuple((float(s), float(e), float(c)) for s, e, c in data["window"])
    for i, (start, end, concentration) in enumerate(window):
        if not (0 <= start < end and concentration >= 0):
            raise RuleInputError(f"window[{i}]", "held interval is out of range")
    dose = sum(c * (end - start) for start, end, c in window)  # recomputed, not trusted
    return RollingSteState(
        empty.window_minutes,
        check_non_negative(float(data["last_at_minutes"]), "last_at_minutes"),
        window,
        dose,
        check_non_negative(float(data["ste_mg_per_m3"]), "ste_mg_per_m3"),
        check_non_negative(float(data["max_ste_mg_per_m3"]), "max_ste_mg_per_m3"),
    )
