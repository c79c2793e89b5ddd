"""Random-inspection plan rates: completion (完结率) and item coverage (事项覆盖率), pure rules.

Source: 2023 健康浙江考核 卫生监督 item 2.1 (seed 001): the national random supervision
plan at 双随机完结率 100 %; provincial random items at >= 50 % coverage by the end of
July. Definitions: reference/assessment_indicators.md rows 1 and 2 (a task is complete
when the inspection is done, the result entered and any case handled). Targets and
deadlines are data (``RateTarget``); numerator and denominator are kept on every rate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

RULE_VERSION = "inspection.rates/1"


@dataclass(frozen=True)
class RateTarget:
    """An indicator's target fraction, optional deadline, source and published precision."""

    indicator: str
    minimum: Decimal
    deadline_on: date | None
    source: str
    places: Decimal = Decimal("0.0001")


NATIONAL_COMPLETION_TARGET_2023 = RateTarget(
    "national_random_completion", Decimal(1), None, "2023 健康浙江考核 item 2.1：双随机完结率达到100%"
)
PROVINCIAL_ITEM_COVERAGE_TARGET_2023 = RateTarget(
    "provincial_item_coverage",
    Decimal("0.5"),
    date(2023, 7, 31),
    "2023 健康浙江考核 item 2.1：7月底前随机抽查事项覆盖率大于50%（含）",
)


@dataclass(frozen=True)
class TaskRecord:
    """One task of a plan: the items it covers and when it was completed (完结), if yet."""

    task_id: str
    item_ids: frozenset[str]
    completed_on: date | None = None


@dataclass(frozen=True)
class Rate:
    """A published fraction with its counts, target, verdict, reasons and rule version."""

    indicator: str
    numerator: int
    denominator: int
    value: Decimal | None
    target: Decimal
    is_met: bool | None
    counted_until: date
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


def _percent(value: Decimal) -> str:
    return format((value * 100).normalize(), "f")


def rate_from_counts(numerator: int, denominator: int, *, target: RateTarget, counted_until: date) -> Rate:
    """Turn counts into a rate: exact verdict, value rounded half-up to the target's places."""
    if numerator < 0 or denominator < 0 or numerator > denominator:
        raise ValueError(f"need 0 <= numerator <= denominator, got {numerator}/{denominator}")
    if denominator == 0:
        reason = f"{target.indicator}：截至 {counted_until.isoformat()} 无应计对象，不适用"
        return Rate(target.indicator, 0, 0, None, target.minimum, None, counted_until, (reason,))
    value = (Decimal(numerator) / Decimal(denominator)).quantize(target.places, rounding=ROUND_HALF_UP)
    is_met = Decimal(numerator) >= target.minimum * Decimal(denominator)
    reasons = (
        f"{target.indicator}：截至 {counted_until.isoformat()} {numerator}/{denominator} = {_percent(value)}%",
        f"目标 ≥ {_percent(target.minimum)}%（{target.source}）：{'达到' if is_met else '未达到'}",
    )
    return Rate(target.indicator, numerator, denominator, value, target.minimum, is_met, counted_until, reasons)


def counting_cutoff(target: RateTarget, today: date) -> date:
    """The last day that counts: today, or the target's deadline if that is earlier."""
    if target.deadline_on is None:
        return today
    return min(today, target.deadline_on)


def _is_done_by(record: TaskRecord, cutoff: date) -> bool:
    return record.completed_on is not None and record.completed_on <= cutoff


def completion_rate(records: Iterable[TaskRecord], *, target: RateTarget, today: date) -> Rate:
    """完结率: tasks completed by the cutoff over all tasks of the plan."""
    tasks = {r.task_id: r for r in records}
    cutoff = counting_cutoff(target, today)
    done = sum(1 for r in tasks.values() if _is_done_by(r, cutoff))
    return rate_from_counts(done, len(tasks), target=target, counted_until=cutoff)


def item_coverage_rate(
    plan_items: Iterable[str], records: Iterable[TaskRecord], *, target: RateTarget, today: date
) -> Rate:
    """事项覆盖率: plan items with at least one task completed by the cutoff over all plan items."""
    items = set(plan_items)
    cutoff = counting_cutoff(target, today)
    covered: set[str] = set()
    for record in records:
        if _is_done_by(record, cutoff):
            covered |= record.item_ids & items
    return rate_from_counts(len(covered), len(items), target=target, counted_until=cutoff)
