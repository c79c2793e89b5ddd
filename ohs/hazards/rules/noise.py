"""Noise: L_EX,8h, L_EX,W and impulse-noise peaks (GBZ 2.2-2007 11.2, table 10; GBZ/T 189.8-2007).

Formulas: reference/physical_agents.md, section Noise. Limits come from
noise_heat.csv through :func:`ohs.hazards.rules.limits.build_noise_limits`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ohs.hazards.rules.errors import (
    RuleInputError,
    check_finite,
    check_non_negative,
    check_positive,
)
from ohs.hazards.rules.judgement import (
    LimitJudgement,
    RatioKind,
    judge_against_limit,
    require_unit,
)
from ohs.hazards.rules.limits import ImpulseNoiseTier, NoiseLimits

RULE_VERSION = "gbz2.2-2007/1"
REFERENCE_DAY_HOURS = 8.0  # T0 of L_EX,8h (GBZ/T 189.8-2007)
REFERENCE_WEEK_DAYS = 5.0  # L_EX,W normalises to a 40 h week = 5 days x 8 h (GBZ 2.2-2007 11.2.1)
MAX_DAY_HOURS = 24.0
MAX_WEEK_DAYS = 7
DECIBEL_UNIT = "dB(A)"
_DURATION_TOLERANCE = 1e-9  # float sums of exact durations may overshoot a bound by rounding


@dataclass(frozen=True, slots=True)
class NoiseSegment:
    """A part of the working day at one A-weighted equivalent level."""

    laeq_dba: float
    duration_hours: float


def _energy(level_dba: float) -> float:
    """Relative sound energy of a level: 10^(0.1 L)."""
    return float(10.0 ** (0.1 * level_dba))


def _level(energy: float) -> float:
    """Level of a relative sound energy: 10 lg(E)."""
    return 10.0 * math.log10(energy)


def _dose(segments: Iterable[NoiseSegment]) -> tuple[float, float]:
    """Sum of T_i x 10^(0.1 L_i) and of T_i, validating each segment."""
    dose, hours_sum = 0.0, 0.0
    for i, segment in enumerate(segments):
        level = check_finite(segment.laeq_dba, f"segments[{i}].laeq_dba")
        hours = check_non_negative(segment.duration_hours, f"segments[{i}].duration_hours")
        dose += hours * _energy(level)
        hours_sum += hours
    if hours_sum <= 0:
        raise RuleInputError("segments", "total duration_hours must be > 0")
    if hours_sum > MAX_DAY_HOURS + _DURATION_TOLERANCE:
        raise RuleInputError(
            "segments",
            f"total duration_hours {hours_sum:g} exceeds {MAX_DAY_HOURS:g} h",
        )
    return dose, hours_sum


def laeq_te(segments: Iterable[NoiseSegment]) -> float:
    """L_Aeq,Te = 10 lg((1/Te) sum T_i 10^(0.1 L_i)) over the exposure time Te (GBZ/T 189.8-2007)."""
    dose, hours_sum = _dose(segments)
    return _level(dose / hours_sum)


def lex_8h(segments: Iterable[NoiseSegment]) -> float:
    """L_EX,8h = 10 lg((1/8) sum T_i 10^(0.1 L_i)), T_i in hours (GBZ/T 189.8-2007; GBZ 2.2-2007 11.2.1)."""
    dose, _ = _dose(segments)
    return _level(dose / REFERENCE_DAY_HOURS)


def lex_8h_from_laeq(laeq_te_dba: float, exposure_hours: float) -> float:
    """L_EX,8h = L_Aeq,Te + 10 lg(Te / 8 h) (GBZ/T 189.8-2007)."""
    check_finite(laeq_te_dba, "laeq_te_dba")
    hours = check_positive(exposure_hours, "exposure_hours")
    if hours > MAX_DAY_HOURS:
        raise RuleInputError("exposure_hours", f"exceeds {MAX_DAY_HOURS:g} h, got {hours!r}")
    return laeq_te_dba + 10.0 * math.log10(hours / REFERENCE_DAY_HOURS)


def lex_w(daily_lex_8h_dba: Sequence[float]) -> float:
    """L_EX,W = 10 lg((1/5) sum_d 10^(0.1 L_EX,8h,d)) for a week not of 5 days (GBZ 2.2-2007 11.2.1)."""
    if not 1 <= len(daily_lex_8h_dba) <= MAX_WEEK_DAYS:
        raise RuleInputError(
            "daily_lex_8h_dba",
            f"needs 1 to {MAX_WEEK_DAYS} days, got {len(daily_lex_8h_dba)}",
        )
    energy = sum(_energy(check_finite(level, f"daily_lex_8h_dba[{i}]")) for i, level in enumerate(daily_lex_8h_dba))
    return _level(energy / REFERENCE_WEEK_DAYS)


def judge_lex_8h(lex_8h_dba: float, limits: NoiseLimits) -> LimitJudgement:
    """Judge L_EX,8h against its limit; the ratio is the energy ratio (GBZ 2.2-2007 11.2.1)."""
    limit = require_unit(limits.lex_8h, DECIBEL_UNIT, "limits.lex_8h")
    return judge_against_limit(
        "L_EX,8h",
        lex_8h_dba,
        limit,
        limit_name="L_EX,8h limit",
        rule_version=RULE_VERSION,
        ratio_kind=RatioKind.DECIBEL,
    )


def judge_lex_w(lex_w_dba: float, limits: NoiseLimits) -> LimitJudgement:
    """Judge L_EX,W (40 h) against its limit for a week not of 5 days (GBZ 2.2-2007 11.2.1)."""
    limit = require_unit(limits.lex_w, DECIBEL_UNIT, "limits.lex_w")
    return judge_against_limit(
        "L_EX,W",
        lex_w_dba,
        limit,
        limit_name="L_EX,W limit",
        rule_version=RULE_VERSION,
        ratio_kind=RatioKind.DECIBEL,
    )


def impulse_peak_tier(impulses_per_day: int, limits: NoiseLimits) -> ImpulseNoiseTier:
    """The impulse-noise tier for a daily impulse count (GBZ 2.2-2007 table 10)."""
    if isinstance(impulses_per_day, bool) or impulses_per_day < 0:
        raise RuleInputError("impulses_per_day", f"must be a whole number >= 0, got {impulses_per_day!r}")
    for tier in limits.impulse_tiers:
        if tier.min_impulses_exclusive < impulses_per_day <= tier.max_impulses_inclusive or (
            impulses_per_day == 0 and tier.min_impulses_exclusive == 0
        ):
            return tier
    top = max(t.max_impulses_inclusive for t in limits.impulse_tiers)
    raise RuleInputError(
        "impulses_per_day",
        f"{impulses_per_day} is above the table's {top} impulses a day",
    )


def judge_impulse_noise(peak_dba: float, impulses_per_day: int, limits: NoiseLimits) -> LimitJudgement:
    """Judge an impulse-noise peak level against the limit for its daily count (GBZ 2.2-2007 table 10)."""
    tier = impulse_peak_tier(impulses_per_day, limits)
    limit = require_unit(tier.peak_limit, DECIBEL_UNIT, "limits.impulse_tiers")
    return judge_against_limit(
        "impulse peak",
        peak_dba,
        limit,
        limit_name=f"peak limit for n <= {tier.max_impulses_inclusive}",
        rule_version=RULE_VERSION,
        ratio_kind=RatioKind.DECIBEL,
    )
