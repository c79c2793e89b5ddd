"""Plan completion and item coverage rates (2023 健康浙江考核 item 2.1, seed 001)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.inspection.rules.rates import (
    NATIONAL_COMPLETION_TARGET_2023,
    PROVINCIAL_ITEM_COVERAGE_TARGET_2023,
    RateTarget,
    TaskRecord,
    completion_rate,
    item_coverage_rate,
    rate_from_counts,
)

OCT_31 = date(2023, 10, 31)


def _task(task_id: str, completed_on: date | None, *items: str) -> TaskRecord:
    return TaskRecord(task_id, frozenset(items), completed_on)


def test_completion_rate_one_task_open_misses_national_target() -> None:
    records = [_task(f"T{i}", date(2023, 6, 1)) for i in range(9)] + [_task("T9", None)]
    rate = completion_rate(records, target=NATIONAL_COMPLETION_TARGET_2023, today=OCT_31)
    assert (rate.numerator, rate.denominator, rate.value, rate.is_met) == (9, 10, Decimal("0.9000"), False)
    assert "9/10" in rate.reasons[0] and "未达到" in rate.reasons[1]


def test_completion_rate_all_closed_meets_national_target() -> None:
    records = [_task(f"T{i}", date(2023, 6, 1)) for i in range(4)]
    rate = completion_rate(records, target=NATIONAL_COMPLETION_TARGET_2023, today=OCT_31)
    assert (rate.value, rate.is_met, rate.rule_version) == (Decimal("1.0000"), True, "inspection.rates/1")


def test_completion_rate_ignores_completion_after_today() -> None:
    rate = completion_rate([_task("T1", date(2023, 11, 2))], target=NATIONAL_COMPLETION_TARGET_2023, today=OCT_31)
    assert (rate.numerator, rate.is_met) == (0, False)


def test_item_coverage_half_of_items_by_end_of_july_meets_target_inclusive() -> None:
    items = ["公共场所", "生活饮用水", "职业卫生", "放射卫生"]
    records = [
        _task("T1", date(2023, 5, 10), "职业卫生"),
        _task("T2", date(2023, 7, 31), "放射卫生", "未列入计划的事项"),
        _task("T3", date(2023, 8, 1), "公共场所"),
        _task("T4", None, "生活饮用水"),
    ]
    rate = item_coverage_rate(items, records, target=PROVINCIAL_ITEM_COVERAGE_TARGET_2023, today=date(2023, 9, 30))
    assert (rate.numerator, rate.denominator, rate.value, rate.is_met) == (2, 4, Decimal("0.5000"), True)
    assert rate.counted_until == date(2023, 7, 31)


def test_item_coverage_before_deadline_counts_until_today() -> None:
    records = [_task("T1", date(2023, 3, 1), "A"), _task("T2", date(2023, 6, 1), "B")]
    rate = item_coverage_rate(
        ["A", "B", "C"], records, target=PROVINCIAL_ITEM_COVERAGE_TARGET_2023, today=date(2023, 4, 1)
    )
    assert (rate.numerator, rate.value, rate.is_met, rate.counted_until) == (
        1,
        Decimal("0.3333"),
        False,
        date(2023, 4, 1),
    )


def test_rate_from_counts_empty_is_not_applicable() -> None:
    rate = rate_from_counts(0, 0, target=NATIONAL_COMPLETION_TARGET_2023, counted_until=OCT_31)
    assert (rate.value, rate.is_met) == (None, None)
    assert "不适用" in rate.reasons[0]


def test_rate_from_counts_rejects_impossible_counts() -> None:
    with pytest.raises(ValueError):
        rate_from_counts(3, 2, target=NATIONAL_COMPLETION_TARGET_2023, counted_until=OCT_31)


@given(st.integers(0, 500), st.integers(1, 500), st.decimals(min_value=0, max_value=1, places=3))
def test_rate_from_counts_verdict_is_exact_and_value_bounded(
    numerator: int, denominator: int, minimum: Decimal
) -> None:
    numerator = min(numerator, denominator)
    target = RateTarget("x", minimum, None, "test")
    rate = rate_from_counts(numerator, denominator, target=target, counted_until=OCT_31)
    assert rate.is_met == (Fraction(numerator, denominator) >= Fraction(minimum))
    assert rate.value is not None and Decimal(0) <= rate.value <= Decimal(1)
    assert (rate.numerator, rate.denominator) == (numerator, denominator)
