"""Heat: WBGT judged by labour intensity and contact-time ratio (GBZ 2.2-2007 10.2, tables 8 and 13).

Limits come from noise_heat.csv through
:func:`ohs.hazards.rules.limits.build_wbgt_table` and
:func:`ohs.hazards.rules.limits.build_labour_intensity_tiers`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ohs.hazards.rules.errors import (
    RuleInputError,
    check_finite,
    check_non_negative,
    check_positive,
)
from ohs.hazards.rules.judgement import LimitJudgement, RatioKind, judge_against_limit
from ohs.hazards.rules.limits import (
    LabourIntensity,
    LabourIntensityTier,
    LimitValue,
    WbgtTable,
)

RULE_VERSION = "gbz2.2-2007/1"
SHIFT_HOURS = 8.0  # contact-time ratio = heat exposure time in the shift / 8 h (physical_agents.md, [M])
PERCENT = 100.0
MAX_DAY_HOURS = 24.0


@dataclass(frozen=True, slots=True)
class WbgtSegment:
    """A part of the shift at one WBGT index."""

    wbgt_c: float
    duration_hours: float


def classify_labour_intensity(index_n: float, tiers: Sequence[LabourIntensityTier]) -> LabourIntensity:
    """Labour intensity class from the index n (GBZ 2.2-2007 table 13: I <= 15 < II <= 20 < III <= 25 < IV)."""
    check_non_negative(index_n, "index_n")
    for tier in sorted(tiers, key=lambda t: t.intensity):
        if tier.max_index_inclusive is None or index_n <= tier.max_index_inclusive:
            return tier.intensity
    raise RuleInputError("tiers", "no open-ended top class in the labour intensity tiers")


def contact_time_ratio_percent(heat_exposure_hours: float) -> float:
    """Contact-time ratio = heat exposure hours / 8 h x 100 % (physical_agents.md, [M])."""
    hours = check_positive(heat_exposure_hours, "heat_exposure_hours")
    if hours > SHIFT_HOURS:
        raise RuleInputError(
            "heat_exposure_hours",
            f"cannot exceed the {SHIFT_HOURS:g} h shift, got {hours!r}",
        )
    return hours / SHIFT_HOURS * PERCENT


def wbgt_column_percent(table: WbgtTable, contact_time_ratio_percent: float) -> float:
    """The table column used for a ratio: the smallest column at or above it (the stricter limit)."""
    ratio = check_positive(contact_time_ratio_percent, "contact_time_ratio_percent")
    if ratio > PERCENT:
        raise RuleInputError("contact_time_ratio_percent", f"must be at most 100, got {ratio!r}")
    columns = sorted({cell.contact_time_ratio_percent for cell in table.cells})
    column = next((c for c in columns if c >= ratio), None)
    if column is None:
        raise RuleInputError("table", f"no WBGT column at or above {ratio:g}%")
    return column


def wbgt_limit(
    table: WbgtTable,
    intensity: LabourIntensity,
    contact_time_ratio_percent: float,
    *,
    is_hot_region: bool,
) -> LimitValue:
    """WBGT limit for a class and ratio, +adjustment where summer ventilation design temp >= 30 C (10.2.2)."""
    column = wbgt_column_percent(table, contact_time_ratio_percent)
    cell = next(
        (c for c in table.cells if c.intensity is intensity and c.contact_time_ratio_percent == column),
        None,
    )
    if cell is None:
        raise RuleInputError("intensity", f"no WBGT cell for class {intensity.name} at {column:g}%")
    if not is_hot_region:
        return cell.limit
    return replace(cell.limit, value=cell.limit.value + table.hot_region_adjustment.value)


def judge_wbgt(
    wbgt_c: float,
    table: WbgtTable,
    intensity: LabourIntensity,
    contact_time_ratio_percent: float,
    *,
    is_hot_region: bool,
) -> LimitJudgement:
    """Judge a WBGT index against GBZ 2.2-2007 table 8; no ratio is given for a Celsius scale."""
    limit = wbgt_limit(table, intensity, contact_time_ratio_percent, is_hot_region=is_hot_region)
    column = wbgt_column_percent(table, contact_time_ratio_percent)
    judgement = judge_against_limit(
        "WBGT",
        wbgt_c,
        limit,
        limit_name="WBGT limit",
        rule_version=RULE_VERSION,
        ratio_kind=RatioKind.NONE,
    )
    context = (
        f"labour intensity {intensity.name}, contact-time ratio {contact_time_ratio_percent:.3g}% "
        f"judged in the {column:g}% column"
    )
    extra = [context]
    if is_hot_region:
        extra.append(f"hot-region adjustment +{table.hot_region_adjustment.value:g} C applied (GBZ 2.2-2007 10.2.2)")
    return replace(judgement, reasons=(*judgement.reasons, *extra))


def compute_wbgt_twa(segments: Iterable[WbgtSegment]) -> float:
    """Time-weighted WBGT = sum(WBGT_i x t_i) / sum(t_i) over the exposure time (GBZ/T 189.7-2007, [M])."""
    weighted, hours_sum = 0.0, 0.0
    for i, segment in enumerate(segments):
        wbgt = check_finite(segment.wbgt_c, f"segments[{i}].wbgt_c")
        hours = check_non_negative(segment.duration_hours, f"segments[{i}].duration_hours")
        weighted += wbgt * hours
        hours_sum += hours
    if hours_sum <= 0:
        raise RuleInputError("segments", "total duration_hours must be > 0")
    if hours_sum > MAX_DAY_HOURS:
        raise RuleInputError(
            "segments",
            f"total duration_hours {hours_sum:g} exceeds {MAX_DAY_HOURS:g} h",
        )
    return weighted / hours_sum
