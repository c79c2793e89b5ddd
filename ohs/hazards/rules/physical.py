"""Hand-arm vibration, microwave dose and the other GBZ 2.2-2007 single-figure limits.

Limits are rows of noise_heat.csv (reference/physical_agents.md), looked up
with :func:`ohs.hazards.rules.limits.find_physical_limit`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ohs.hazards.rules.errors import RuleInputError, check_non_negative
from ohs.hazards.rules.judgement import (
    LimitJudgement,
    judge_against_limit,
    require_unit,
)
from ohs.hazards.rules.limits import LimitValue

RULE_VERSION = "gbz2.2-2007/1"
VIBRATION_REFERENCE_HOURS = 4.0  # a_hw(4): energy equivalent over 4 h (GBZ 2.2-2007 table 11)
MAX_DAY_HOURS = 24.0
ACCELERATION_UNIT = "m/s2"
DOSE_UNIT = "uW*h/cm2"
MILLIWATT_UNIT = "mW/cm2"
MICROWATTS_PER_MILLIWATT = 1000.0


@dataclass(frozen=True, slots=True)
class VibrationSegment:
    """Use of one tool: frequency-weighted hand-arm acceleration and daily duration."""

    ahw_m_per_s2: float
    duration_hours: float


@dataclass(frozen=True, slots=True)
class MicrowaveSegment:
    """A part of the day at one microwave power density."""

    power_density_uw_per_cm2: float
    duration_hours: float


def _check_day(total: float, field: str) -> None:
    """Reject a day whose durations add up to more than 24 h or to nothing."""
    if total <= 0:
        raise RuleInputError(field, "total duration_hours must be > 0")
    if total > MAX_DAY_HOURS:
        raise RuleInputError(field, f"total duration_hours {total:g} exceeds {MAX_DAY_HOURS:g} h")


def compute_ahw_4h(segments: Iterable[VibrationSegment]) -> float:
    """a_hw(4) = sqrt(sum a_i^2 T_i / 4 h); one tool gives a_hw(T) sqrt(T/4) (GBZ 2.2-2007 table 11, [M])."""
    energy, hours_sum = 0.0, 0.0
    for i, segment in enumerate(segments):
        acceleration = check_non_negative(segment.ahw_m_per_s2, f"segments[{i}].ahw_m_per_s2")
        hours = check_non_negative(segment.duration_hours, f"segments[{i}].duration_hours")
        energy += acceleration**2 * hours
        hours_sum += hours
    _check_day(hours_sum, "segments")
    return math.sqrt(energy / VIBRATION_REFERENCE_HOURS)


def judge_hand_arm_vibration(ahw_4h_m_per_s2: float, limit: LimitValue) -> LimitJudgement:
    """Judge a_hw(4) against the hand-arm vibration limit (GBZ 2.2-2007 table 11)."""
    return judge_against_limit(
        "a_hw(4)",
        ahw_4h_m_per_s2,
        require_unit(limit, ACCELERATION_UNIT, "limit"),
        limit_name="a_hw(4) limit",
        rule_version=RULE_VERSION,
    )


def compute_microwave_dose_uw_h_per_cm2(segments: Iterable[MicrowaveSegment]) -> float:
    """Daily microwave dose = sum(power density x hours) in uW*h/cm2 (GBZ 2.2-2007 table 6)."""
    dose, hours_sum = 0.0, 0.0
    for i, segment in enumerate(segments):
        density = check_non_negative(segment.power_density_uw_per_cm2, f"segments[{i}].power_density_uw_per_cm2")
        hours = check_non_negative(segment.duration_hours, f"segments[{i}].duration_hours")
        dose += density * hours
        hours_sum += hours
    _check_day(hours_sum, "segments")
    return dose


def judge_microwave(
    segments: Sequence[MicrowaveSegment],
    *,
    daily_dose_limit: LimitValue,
    short_exposure_limit: LimitValue,
) -> tuple[LimitJudgement, LimitJudgement]:
    """Judge the daily dose and the highest power density (GBZ 2.2-2007 table 6).

    The non-8-h mean limit (dose / t) is the daily dose limit spread over t
    hours, so the dose check covers it.
    """
    dose = compute_microwave_dose_uw_h_per_cm2(segments)
    highest_mw = max(s.power_density_uw_per_cm2 for s in segments) / MICROWATTS_PER_MILLIWATT
    dose_judgement = judge_against_limit(
        "microwave daily dose",
        dose,
        require_unit(daily_dose_limit, DOSE_UNIT, "daily_dose_limit"),
        limit_name="daily dose limit",
        rule_version=RULE_VERSION,
    )
    peak_judgement = judge_against_limit(
        "highest power density",
        highest_mw,
        require_unit(short_exposure_limit, MILLIWATT_UNIT, "short_exposure_limit"),
        limit_name="short-exposure limit",
        rule_version=RULE_VERSION,
    )
    return dose_judgement, peak_judgement


def judge_physical_limit(metric: str, measured_value: float, limit: LimitValue) -> LimitJudgement:
    """Judge a single figure (field strength, irradiance, heart rate...) against its GBZ 2.2-2007 limit."""
    return judge_against_limit(
        metric,
        measured_value,
        limit,
        limit_name=f"{metric} limit",
        rule_version=RULE_VERSION,
    )
