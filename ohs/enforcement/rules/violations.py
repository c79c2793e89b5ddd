"""Violations of the Occupational Disease Prevention Law as data: their legal fine ranges and
measures, parsed from reference/penalties_odpl.csv (split from discretion.py, which re-exports them)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

RULE_VERSION = "enforcement.discretion/1"
ZERO_YUAN = Decimal(0)
YUAN = Decimal(1)  # proposals are whole yuan
PROVINCE_REGION_CODE = "330000"  # GB/T 2260 浙江省
BENCHMARK_2024_EFFECTIVE_ON = date(2024, 11, 30)  # 浙卫发〔2024〕27号
# ODPL Art.69, 70, 72: 逾期不改正的，处…罚款
_UNCORRECTED_MARKER = "only if not corrected"
_OPTIONAL_MARKER = "optional"  # 可以并处
_UNCONFIRMED_MARKER = "UNCONFIRMED"
_SERIOUS_MARKER = "serious:"  # what follows applies only 情节严重
_CONFISCATE_MARKER = "confiscat"  # 没收违法所得 / 收受的财物
_STOP_MARKER = "stop"  # 责令停止违法行为 / 产生职业病危害的作业
_SAME_AS = re.compile(r"^Same as (\S+)$")
_FALSIFIED = re.compile(r"falsified \('弄虚作假'\) fine (\d+)-(\d+)")
_INCOME_MULTIPLE = re.compile(r"income >=(\d+): fine (\d+)-(\d+) x income")
_WARNING = {"yes": True, "no": False}


class FineMode(StrEnum):
    """How the article imposes its fine."""

    MANDATORY = "mandatory"  # 并处
    OPTIONAL = "optional"  # 可以并处
    ONLY_IF_UNCORRECTED = "only_if_uncorrected"  # 逾期不改正的
    NONE = "none"  # no amount in this Law


class Measure(StrEnum):
    """Penalties and measures a proposal may carry."""

    WARNING = "警告"
    FINE = "罚款"
    CONFISCATE = "没收违法所得或财物"
    ORDER_TO_STOP = "责令停止违法行为或产生职业病危害的作业"
    SERIOUS_SANCTION = "情节严重的法定措施（停止作业、提请关闭或吊销资质）"


class TierLevel(StrEnum):
    """Discretion tiers, lightest first."""

    LIGHT = "从轻"
    ORDINARY = "一般"
    HEAVY = "从重"
    SEVERE = "严重"


TIER_ORDER = (TierLevel.LIGHT, TierLevel.ORDINARY, TierLevel.HEAVY, TierLevel.SEVERE)


class Circumstance(StrEnum):
    """Facts an officer records; the benchmark maps them to tiers."""

    ELIMINATED_HARM = "主动消除或者减轻违法行为危害后果"  # 行政处罚法 Art.32(1)
    COERCED = "受他人胁迫或者诱骗实施违法行为"  # Art.32(2)
    CONFESSED_UNKNOWN = "主动供述行政机关尚未掌握的违法行为"  # Art.32(3)
    MERITORIOUS_COOPERATION = "配合行政机关查处违法行为有立功表现"  # Art.32(4)
    FIRST_VIOLATION = "初次违法"
    CORRECTED_PROMPTLY = "及时改正"
    FEW_WORKERS_AFFECTED = "涉及劳动者人数少"
    REPEATED_VIOLATION = "曾因同类违法行为受过处罚"
    REFUSED_CORRECTION = "明确拒不改正"
    OBSTRUCTED_INSPECTION = "阻挠检查或隐匿、销毁证据"
    MANY_WORKERS_AFFECTED = "涉及劳动者人数多"
    DISEASE_CAUSED = "造成职业病或疑似职业病"
    ACUTE_HARM = "造成急性职业中毒或人员伤亡"


STATUTORY_MITIGATION = frozenset(
    {
        Circumstance.ELIMINATED_HARM,
        Circumstance.COERCED,
        Circumstance.CONFESSED_UNKNOWN,
        Circumstance.MERITORIOUS_COOPERATION,
    }
)


@dataclass(frozen=True)
class FineRange:
    """An inclusive fine range in yuan."""

    fine_min_yuan: Decimal
    fine_max_yuan: Decimal

    def contains(self, amount_yuan: Decimal) -> bool:
        """True when the amount lies inside the range."""
        return self.fine_min_yuan <= amount_yuan <= self.fine_max_yuan


@dataclass(frozen=True)
class IncomeMultiple:
    """Fine as a multiple of illegal income once it reaches a threshold (ODPL Art.79, 80)."""

    threshold_yuan: Decimal
    min_multiple: Decimal
    max_multiple: Decimal


@dataclass(frozen=True)
class Violation:
    """One penalty row of penalties_odpl.csv."""

    article: str
    summary_zh: str
    summary_en: str
    is_warning_possible: bool | None
    legal_range: FineRange | None
    fine_mode: FineMode
    base_measures: frozenset[Measure]
    other_measures: str
    is_confirmed: bool
    has_serious_escalation: bool = False
    falsified_range: FineRange | None = None
    income_multiple: IncomeMultiple | None = None


def _yuan(row: Mapping[str, str], column: str) -> Decimal | None:
    text = row[column].strip()
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise ValueError(f"{row['article']}: {column} is not a number: {text!r}") from error


def _resolve_measures(text: str, texts: Mapping[str, str]) -> str:
    match = _SAME_AS.match(text.strip())
    if match is None:
        return text
    if match.group(1) not in texts:
        raise ValueError(f"other_measures refers to unknown row {match.group(1)}")
    return texts[match.group(1)]


def _fine_mode(measures: str, legal: FineRange | None) -> FineMode:
    lowered = measures.lower()
    if legal is None:
        return FineMode.NONE
    if _UNCORRECTED_MARKER in lowered:
        return FineMode.ONLY_IF_UNCORRECTED
    return FineMode.OPTIONAL if _OPTIONAL_MARKER in lowered else FineMode.MANDATORY


def _base_measures(measures: str, is_warning_possible: bool | None) -> frozenset[Measure]:
    base = measures.lower().split(_SERIOUS_MARKER)[0]
    found = {Measure.WARNING} if is_warning_possible else set()
    if _CONFISCATE_MARKER in base:
        found.add(Measure.CONFISCATE)
    if _STOP_MARKER in base:
        found.add(Measure.ORDER_TO_STOP)
    return frozenset(found)


def _special_ranges(measures: str) -> tuple[FineRange | None, IncomeMultiple | None]:
    falsified = _FALSIFIED.search(measures)
    income = _INCOME_MULTIPLE.search(measures)
    return (
        FineRange(Decimal(falsified.group(1)), Decimal(falsified.group(2))) if falsified else None,
        IncomeMultiple(*(Decimal(income.group(i)) for i in (1, 2, 3))) if income else None,
    )


def _violation_from_row(row: Mapping[str, str], measures: str) -> Violation:
    low, high = _yuan(row, "fine_min_yuan"), _yuan(row, "fine_max_yuan")
    legal = None if high is None else FineRange(low or ZERO_YUAN, high)
    if legal is not None and legal.fine_min_yuan > legal.fine_max_yuan:
        raise ValueError(f"{row['article']}: fine_min_yuan exceeds fine_max_yuan")
    warning = _WARNING.get(row["warning_possible"].strip().lower())
    falsified, income = _special_ranges(measures)
    return Violation(
        article=row["article"].strip(),
        summary_zh=row["violation_summary_zh"],
        summary_en=row["violation_summary_en"],
        is_warning_possible=warning,
        legal_range=legal,
        fine_mode=_fine_mode(measures, legal),
        base_measures=_base_measures(measures, warning),
        other_measures=measures,
        is_confirmed=_UNCONFIRMED_MARKER not in measures.upper(),
        has_serious_escalation=_SERIOUS_MARKER in measures.lower(),
        falsified_range=falsified,
        income_multiple=income,
    )


def violations_from_rows(rows: Iterable[Mapping[str, str]]) -> tuple[Violation, ...]:
    """Parse penalties_odpl.csv rows into violations, resolving 'Same as …' references."""
    materialised = tuple(rows)
    texts = {row["article"].strip(): row["other_measures"] for row in materialised}
    return tuple(_violation_from_row(row, _resolve_measures(row["other_measures"], texts)) for row in materialised)


def select_governing_violation(candidates: Iterable[Violation]) -> Violation:
    """One act, one fine: of several norms breached, the one with the higher fine governs."""
    fined = [v for v in candidates if v.legal_range is not None]
    if not fined:
        raise ValueError("no candidate violation carries a fine range")
    return max(fined, key=lambda v: v.legal_range.fine_max_yuan if v.legal_range else ZERO_YUAN)
