"""Period arithmetic for the GBZ 188 schedule: pick a band for an exposure, add months.

The bands come from the rule set (period_table.py reads them from the reference rows); this
module only decides which band an exposure falls in and never supplies a period itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ohs.exams.rules.protocol_types import (
    FollowUpPolicy,
    GapKind,
    HazardExposure,
    PeriodBand,
    PeriodBasis,
    PeriodPolicy,
    PeriodStatus,
)
from ohs.exams.rules.provenance import reason_text

_MISSING_FACT_ZH = {
    PeriodBasis.FIXED: "",
    PeriodBasis.NOISE_LEX_8H: "L_EX,8h 噪声等效声级",
    PeriodBasis.WORK_GRADE: "作业分级",
    PeriodBasis.LIMIT_EXCEEDANCE: "是否超过接触限值",
}
_DUE_DAY = timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (first_of_next - _DUE_DAY).day))


@dataclass(frozen=True)
class PeriodChoice:
    """The period chosen for one hazard's exposure, or the gap that prevents a choice."""

    period_months: int | None
    gap: GapKind | None
    reason: str


def _in_range(
    value: Decimal | int | None,
    low: Decimal | int | None,
    high: Decimal | int | None,
    *,
    high_inclusive: bool,
) -> bool | None:
    if low is None and high is None:
        return True
    if value is None:
        return None
    below_high = high is None or (value <= high if high_inclusive else value < high)
    return (low is None or value >= low) and below_high


def _band_matches(band: PeriodBand, exposure: HazardExposure) -> bool | None:
    """True/False when the facts decide the band, None when a needed fact is missing."""
    limit = (
        None
        if band.is_exceeding_limit is None or exposure.is_exceeding_limit is None
        else (band.is_exceeding_limit == exposure.is_exceeding_limit)
    )
    checks = (
        _in_range(
            exposure.lex_8h_dba,
            band.lex_8h_min_dba,
            band.lex_8h_below_dba,
            high_inclusive=False,
        ),
        _in_range(
            exposure.work_grade,
            band.work_grade_min,
            band.work_grade_max,
            high_inclusive=True,
        ),
        True if band.is_exceeding_limit is None else limit,
    )
    if False in checks:
        return False
    return None if None in checks else True


def choose_period(policy: PeriodPolicy, exposure: HazardExposure) -> PeriodChoice:
    """The on-duty period for an exposure: matching band, else shortest possible, else a gap."""
    if policy.status is PeriodStatus.NOT_IN_REFERENCE:
        return PeriodChoice(None, GapKind.PERIOD_NOT_IN_REFERENCE, "参考资料未给出在岗检查周期")
    if policy.status is PeriodStatus.UNMAPPED:
        return PeriodChoice(None, GapKind.PERIOD_TEXT_UNMAPPED, "周期文字未经解读，请补充对照表")
    outcomes = [(band, _band_matches(band, exposure)) for band in policy.bands]
    matched = [band for band, ok in outcomes if ok]
    if matched:
        band = min(matched, key=lambda b: b.period_months)
        text = reason_text("%(cond)s：每%(m)d个月一次", cond=band.condition_zh, m=band.period_months)
        return PeriodChoice(band.period_months, None, text)
    possible = [band for band, ok in outcomes if ok is None]
    if possible:
        months = min(band.period_months for band in possible)
        text = reason_text(
            "缺少%(fact)s，按可能适用的最短周期每%(m)d个月一次",
            fact=_MISSING_FACT_ZH[policy.basis],
            m=months,
        )
        return PeriodChoice(months, None, text)
    return PeriodChoice(None, GapKind.NO_BAND_FOR_EXPOSURE, "接触情况不在参考周期分级范围内")


def choose_follow_up_months(policy: FollowUpPolicy, years: Decimal | None) -> tuple[int, str] | None:
    """Follow-up length in months for the exposure years, or None when no duration fits."""
    if years is None:
        longest = max(policy.durations, key=lambda d: d.follow_up_months)
        return (
            longest.follow_up_months,
            "缺少接尘工龄，按最长随访期：" + longest.condition_zh,
        )
    for duration in policy.durations:
        above = duration.exposure_years_above is None or years > duration.exposure_years_above
        within = duration.exposure_years_max is None or years <= duration.exposure_years_max
        if above and within:
            return duration.follow_up_months, duration.condition_zh
    return None
