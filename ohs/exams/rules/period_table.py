"""Explicit reading of the free-text period columns of reference/surveillance_gbz188.csv.

Each entry names the row it reads (edition, hazard, and the exact `on_duty_period` and
`period_conditions` texts). A row whose texts match no entry is flagged UNMAPPED by the
parser instead of being guessed, so a corrected CSV row needs a reviewed entry here. Every
value below is the row's own text turned into months or bands; `cited_from` quotes it.
Conditions the rows mention but that are not computed (silicosis observation cases, coal
pneumoconiosis patients, the 3-month lead recheck) stay visible in the rule's
`period_conditions_text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from ohs.exams.rules.protocol_types import (
    CoreItem,
    FollowUpDuration,
    FollowUpPolicy,
    PeriodBand,
    PeriodBasis,
    PeriodPolicy,
    PeriodStatus,
)
from ohs.exams.rules.provenance import Edition

_CSV: Final = "reference/surveillance_gbz188.csv"
_NO_CONDITIONS: Final = "-"  # the CSV's empty-cell marker


@dataclass(frozen=True)
class PeriodTextEntry:
    """How one CSV row's period texts are read; a follow-up row names the hazard it extends."""

    edition: Edition
    hazard: str
    on_duty_period: str
    period_conditions: str
    policy: PeriodPolicy | None
    core_items: tuple[CoreItem, ...] = ()
    follow_up_for: str | None = None
    follow_up: FollowUpPolicy | None = None


def _cite(hazard: str, text: str) -> str:
    return f"{_CSV}, {hazard}: {text}"


def _fixed(
    hazard: str,
    text: str,
    months: int,
    conditions: str = _NO_CONDITIONS,
    *,
    is_before_hot_season: bool = False,
) -> PeriodTextEntry:
    band = PeriodBand(period_months=months, condition_zh="固定周期")
    cited = _cite(hazard, text if conditions == _NO_CONDITIONS else text + "; " + conditions)
    policy = PeriodPolicy(PeriodStatus.STATED, PeriodBasis.FIXED, (band,), cited, is_before_hot_season)
    return PeriodTextEntry(Edition.GBZ188_2014, hazard, text, conditions, policy)


def _not_stated(hazard: str, text: str) -> PeriodTextEntry:
    policy = PeriodPolicy(PeriodStatus.NOT_IN_REFERENCE, PeriodBasis.FIXED, (), _cite(hazard, text))
    return PeriodTextEntry(Edition.GBZ188_2014, hazard, text, _NO_CONDITIONS, policy)


def _graded(hazard: str, text: str, conditions: str, grade_i: int, grade_ii_up: int) -> PeriodTextEntry:
    """Rows whose period is set by work grade: grade I (1) versus grade II (2) or above."""
    bands = (
        PeriodBand(grade_ii_up, "作业分级II级及以上", work_grade_min=2),
        PeriodBand(grade_i, "作业分级I级", work_grade_min=1, work_grade_max=1),
    )
    policy = PeriodPolicy(PeriodStatus.STATED, PeriodBasis.WORK_GRADE, bands, _cite(hazard, conditions))
    return PeriodTextEntry(Edition.GBZ188_2014, hazard, text, conditions, policy)


def _with_items(entry: PeriodTextEntry, *items: tuple[str, str]) -> PeriodTextEntry:
    cited = _cite(entry.hazard, entry.period_conditions)
    core = tuple(CoreItem(name=name, note=note, cited_from=cited) for name, note in items)
    return PeriodTextEntry(
        entry.edition,
        entry.hazard,
        entry.on_duty_period,
        entry.period_conditions,
        entry.policy,
        core,
    )


_NOISE = "噪声"
_NOISE_CONDITIONS = "L_EX_8h >=85 dB(A): every 1 year; 80<=L<85: every 2 years"
_NOISE_ENTRY = PeriodTextEntry(
    Edition.GBZ188_2014,
    _NOISE,
    "1 year or 2 years",
    _NOISE_CONDITIONS,
    PeriodPolicy(
        PeriodStatus.STATED,
        PeriodBasis.NOISE_LEX_8H,
        (
            PeriodBand(12, "L_EX,8h ≥ 85 dB(A)", lex_8h_min_dba=Decimal(85)),
            PeriodBand(
                24,
                "80 dB(A) ≤ L_EX,8h < 85 dB(A)",
                lex_8h_min_dba=Decimal(80),
                lex_8h_below_dba=Decimal(85),
            ),
        ),
        _cite(_NOISE, _NOISE_CONDITIONS),
    ),
)

_SILICA = "矽尘(游离SiO2>=10%)"
_SILICA_CONDITIONS = (
    "exposure within limit: every 2 years; exceeding limit: every 1 year; silicosis "
    "observation cases: yearly for 5 years (period unconfirmed; the 2014 text probably ties "
    "the period to dust-work grade I vs II+ as for coal dust 6.2.2.3)"
)
_SILICA_ENTRY = PeriodTextEntry(
    Edition.GBZ188_2014,
    _SILICA,
    "2 years / 1 year",
    _SILICA_CONDITIONS,
    PeriodPolicy(
        PeriodStatus.STATED,
        PeriodBasis.LIMIT_EXCEEDANCE,
        (
            PeriodBand(12, "浓度超过接触限值", is_exceeding_limit=True),
            PeriodBand(24, "浓度符合接触限值", is_exceeding_limit=False),
        ),
        _cite(_SILICA, _SILICA_CONDITIONS),
    ),
)

_SILICA_FOLLOW_UP = "矽尘离岗后随访"
_SILICA_FOLLOW_UP_CONDITIONS = "dust-exposure years <=10: follow 10 years; >10: follow 21 years (unconfirmed)"
_SILICA_FOLLOW_UP_ENTRY = PeriodTextEntry(
    Edition.GBZ188_2014,
    _SILICA_FOLLOW_UP,
    "every 3 years (unconfirmed)",
    _SILICA_FOLLOW_UP_CONDITIONS,
    None,
    follow_up_for=_SILICA,
    follow_up=FollowUpPolicy(
        interval_months=36,
        durations=(
            FollowUpDuration(120, "接尘工龄≤10年：随访10年", exposure_years_max=Decimal(10)),
            FollowUpDuration(252, "接尘工龄>10年：随访21年", exposure_years_above=Decimal(10)),
        ),
        cited_from=_cite(_SILICA_FOLLOW_UP, _SILICA_FOLLOW_UP_CONDITIONS),
    ),
)

_COAL = "煤尘(含煤矽尘)"
_COAL_CONDITIONS = (
    "GBZ 188-2014 6.2.2.3: concentration within standard and dust-work grade I (GBZ/T 229.1): "
    "every 3 years; grade II or above: every 2 years; coal workers pneumoconiosis patients: "
    "every 1-2 years or as condition requires"
)
_DUST_LUNG = "其他致尘肺病的无机粉尘(含电焊烟尘、炭黑、石墨、滑石、云母、水泥等)"
_LEAD_CONDITIONS = "blood lead >=400 ug/L (or urine lead >=70 ug/L) -> recheck in 3 months (unconfirmed)"
_LIVER_CONDITIONS = "graded II+: 1 year; grade I: 2 years; liver function every half year (per page)"
_TCE_CONDITIONS = "first 3 months after starting: weekly skin examination (drug-eruption-like dermatitis)"
_HEAT = "高温"
_HEAT_CONDITIONS = "before each hot season"
_RADIATION = "电离辐射(放射工作人员)"
_RADIATION_TEXT = "1-2 years (not exceeding 2 years) - GBZ 98/GBZ 235"

PERIOD_TABLE: Final[tuple[PeriodTextEntry, ...]] = (
    _NOISE_ENTRY,
    _SILICA_ENTRY,
    _SILICA_FOLLOW_UP_ENTRY,
    _graded(_COAL, "3 years / 2 years", _COAL_CONDITIONS, grade_i=36, grade_ii_up=24),
    _not_stated("石棉", "unconfirmed"),
    _not_stated(_DUST_LUNG, "unconfirmed"),
    _fixed("苯(甲苯、二甲苯参照执行)", "1 year", 12),
    _fixed("正己烷", "1 year", 12),
    _fixed("1,2-二氯乙烷", "3 years", 36),
    _with_items(
        _fixed("铅及其无机化合物", "1 year", 12, _LEAD_CONDITIONS),
        ("血铅（或尿铅）", "血铅≥400 µg/L（或尿铅≥70 µg/L）时3个月复查（未核实）"),
    ),
    _fixed("锰及其无机化合物", "1 year", 12),
    _graded(
        "汞及其无机化合物",
        "1 year or 2 years",
        "work graded II or above: every 1 year; grade I: every 2 years",
        grade_i=24,
        grade_ii_up=12,
    ),
    _fixed("镉及其无机化合物", "1 year", 12),
    _fixed("铬及其无机化合物", "1 year", 12),
    _with_items(
        _graded("砷", "1 year or 2 years", _LIVER_CONDITIONS, grade_i=24, grade_ii_up=12),
        ("肝功能", "每半年一次（据来源页面）"),
    ),
    _fixed("二硫化碳", "1 year", 12),
    _fixed("甲醇", "3 years", 36),
    _fixed("氯气", "1 year", 12),
    _fixed("二氧化硫", "1 year", 12),
    _fixed("氮氧化物", "1 year", 12),
    _fixed("氨", "1 year", 12),
    _fixed("光气", "3 years", 36),
    _fixed("甲醛", "1 year", 12),
    _fixed("一氧化碳", "3 years", 36),
    _fixed("硫化氢", "3 years", 36),
    _with_items(
        _graded("氯乙烯", "1 year or 2 years", _LIVER_CONDITIONS, grade_i=24, grade_ii_up=12),
        ("肝功能", "每半年一次（据来源页面）"),
    ),
    _with_items(
        _fixed("三氯乙烯", "3 years", 36, _TCE_CONDITIONS),
        ("皮肤检查", "上岗后前3个月每周一次（药疹样皮炎）"),
    ),
    _fixed(_HEAT, "1 year", 12, _HEAT_CONDITIONS, is_before_hot_season=True),
    _fixed("手传振动", "2 years (unconfirmed)", 24),
    # "not exceeding 2 years": the longest interval allowed is the one that schedules.
    _fixed(_RADIATION, _RADIATION_TEXT, 24),
)


def find_period_entry(
    edition: Edition, hazard: str, on_duty_period: str, period_conditions: str
) -> PeriodTextEntry | None:
    """The entry reading exactly these texts of this edition, or None when unmapped."""
    key = (edition, hazard.strip(), on_duty_period.strip(), period_conditions.strip())
    for entry in PERIOD_TABLE:
        if (
            entry.edition,
            entry.hazard,
            entry.on_duty_period,
            entry.period_conditions,
        ) == key:
            return entry
    return None
