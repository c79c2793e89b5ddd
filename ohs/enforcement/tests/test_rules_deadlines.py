"""Statutory time limits and the late-payment surcharge (reference/case_review.md §3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.enforcement.rules.deadlines import (
    DEADLINE_TABLE,
    LATE_PAYMENT_CAP_RATIO_OF_FINE,
    LATE_PAYMENT_DAILY_RATE,
    Bound,
    DeadlineKind,
    PeriodUnit,
    compute_deadline,
    late_payment_surcharge,
)

SATURDAY = 5


@dataclass(frozen=True)
class FakeCalendar:
    """Test double: weekends off, listed holidays off, listed make-up days on."""

    holidays: frozenset[date] = frozenset()
    makeup_workdays: frozenset[date] = frozenset()

    def is_workday(self, day: date) -> bool:
        """True when people work on ``day``."""
        if day in self.holidays:
            return False
        return day in self.makeup_workdays or day.weekday() < SATURDAY

    def _roll(self, day: date, roll: bool) -> date:
        while roll and not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after ``day``."""
        current, left = day, n
        while left:
            current += timedelta(days=1)
            left -= self.is_workday(current)
        return current

    def add_calendar_days(self, day: date, n: int, *, roll_to_workday: bool = True) -> date:
        """``day`` + n days, rolled when asked."""
        return self._roll(day + timedelta(days=n), roll_to_workday)

    def add_months(self, day: date, months: int, *, roll_to_workday: bool = True) -> date:
        """Same day ``months`` later, clamped to the month's end, rolled when asked."""
        index = day.month - 1 + months
        year, month = day.year + index // 12, index % 12 + 1
        next_first = date(year + month // 12, month % 12 + 1, 1)
        last_day = (next_first - timedelta(days=1)).day
        return self._roll(date(year, month, min(day.day, last_day)), roll_to_workday)


# National Day 2025 as a fixture: 1-8 October off, Sunday 28 Sept and Saturday 11 Oct on.
NATIONAL_DAY_2025 = FakeCalendar(
    holidays=frozenset(date(2025, 10, d) for d in range(1, 9)),
    makeup_workdays=frozenset({date(2025, 9, 28), date(2025, 10, 11)}),
)


def test_deadline_table_when_read_has_one_row_per_kind_with_basis() -> None:
    assert set(DEADLINE_TABLE) == set(DeadlineKind)
    assert all(rule.basis and rule.start_event_zh for rule in DEADLINE_TABLE.values())


def test_deadline_table_when_read_holds_the_statutory_figures() -> None:
    expected = {
        DeadlineKind.DECISION_AFTER_FILING: (
            90,
            PeriodUnit.CALENDAR_DAYS,
        ),  # APL Art.60
        DeadlineKind.HEARING_REQUEST: (5, PeriodUnit.WORKING_DAYS),  # APL Art.64, 85
        DeadlineKind.FINE_PAYMENT: (15, PeriodUnit.CALENDAR_DAYS),  # APL Art.67
        DeadlineKind.RECONSIDERATION_APPLICATION: (
            60,
            PeriodUnit.CALENDAR_DAYS,
        ),  # 复议法 Art.20
        DeadlineKind.LITIGATION_DIRECT: (6, PeriodUnit.MONTHS),  # 行政诉讼法 Art.46
        DeadlineKind.LITIGATION_AFTER_RECONSIDERATION: (15, PeriodUnit.CALENDAR_DAYS),
        DeadlineKind.COURT_ENFORCEMENT_APPLICATION: (
            3,
            PeriodUnit.MONTHS,
        ),  # 强制法 Art.53
    }
    for kind, (amount, unit) in expected.items():
        assert (DEADLINE_TABLE[kind].amount, DEADLINE_TABLE[kind].unit) == (
            amount,
            unit,
        )


def test_deadline_table_when_working_days_cites_the_counting_article() -> None:
    for rule in DEADLINE_TABLE.values():
        if rule.unit is PeriodUnit.WORKING_DAYS:
            assert "第八十五条" in rule.basis or "第六十九条" in rule.basis


def test_compute_deadline_hearing_request_skips_national_day() -> None:
    # APL Art.64(1) + Art.85: 5 working days; Friday 26 Sept 2025.
    deadline = compute_deadline(DeadlineKind.HEARING_REQUEST, date(2025, 9, 26), NATIONAL_DAY_2025)
    assert deadline.due_on == date(2025, 10, 10)
    assert deadline.bound is Bound.LATEST
    assert "第六十四条" in deadline.reasons[0]


def test_compute_deadline_fine_payment_ending_on_holiday_rolls_forward() -> None:
    # APL Art.67: 15 days from 20 Sept 2025 is 5 Oct, a holiday -> 9 Oct.
    deadline = compute_deadline(DeadlineKind.FINE_PAYMENT, date(2025, 9, 20), NATIONAL_DAY_2025)
    assert deadline.due_on == date(2025, 10, 9)


def test_compute_deadline_decision_on_saturday_does_not_roll() -> None:
    # APL Art.60: 90 days from 5 Jan 2025 is Saturday 5 April; the agency's limit stays.
    deadline = compute_deadline(DeadlineKind.DECISION_AFTER_FILING, date(2025, 1, 5), FakeCalendar())
    assert deadline.due_on == date(2025, 4, 5)


def test_compute_deadline_litigation_six_months_clamps_and_rolls() -> None:
    # 行政诉讼法 Art.46: 31 Aug 2025 + 6 months -> 28 Feb 2026 (Saturday) -> Monday 2 March.
    deadline = compute_deadline(DeadlineKind.LITIGATION_DIRECT, date(2025, 8, 31), FakeCalendar())
    assert deadline.due_on == date(2026, 3, 2)


def test_compute_deadline_reminder_gives_earliest_court_application() -> None:
    # 行政强制法 Art.54 + Art.69: apply no earlier than 10 working days after the reminder.
    kind = DeadlineKind.COURT_APPLICATION_AFTER_REMINDER
    deadline = compute_deadline(kind, date(2025, 3, 3), FakeCalendar())
    assert (deadline.due_on, deadline.bound) == (date(2025, 3, 17), Bound.EARLIEST)


def test_compute_deadline_reconsideration_extension_within_cap_extends() -> None:
    # 复议法 Art.62: 60 days + at most 30; 3 March 2025 -> 2 May -> 1 June (Sunday) -> 2 June.
    kind = DeadlineKind.RECONSIDERATION_DECISION
    deadline = compute_deadline(kind, date(2025, 3, 3), FakeCalendar(), extension_days=30)
    assert deadline.due_on == date(2025, 6, 2)
    assert any("延长 30 日" in r for r in deadline.reasons)


@pytest.mark.parametrize(
    ("kind", "extension_days"),
    [
        (DeadlineKind.RECONSIDERATION_DECISION, 31),
        (DeadlineKind.DECISION_SERVICE, 1),
        (DeadlineKind.DECISION_AFTER_FILING, -1),
    ],
)
def test_compute_deadline_when_extension_unlawful_raises(kind: DeadlineKind, extension_days: int) -> None:
    with pytest.raises(ValueError, match=r"extension|extended|negative"):
        compute_deadline(kind, date(2025, 3, 3), FakeCalendar(), extension_days=extension_days)


def test_late_payment_surcharge_ten_days_is_thirty_percent() -> None:
    # APL Art.72(1)(一): 3 % per day.
    result = late_payment_surcharge(Decimal(10000), date(2025, 3, 1), date(2025, 3, 11))
    assert (result.days_late, result.surcharge_yuan, result.is_capped) == (
        10,
        Decimal("3000.00"),
        False,
    )


def test_late_payment_surcharge_forty_days_is_capped_at_fine() -> None:
    result = late_payment_surcharge(Decimal(10000), date(2025, 3, 1), date(2025, 4, 10))
    assert result.surcharge_yuan == Decimal(10000)
    assert result.is_capped
    assert any("不得超出罚款数额" in r for r in result.reasons)


def test_late_payment_surcharge_paid_on_due_day_is_zero() -> None:
    result = late_payment_surcharge(Decimal(10000), date(2025, 3, 1), date(2025, 3, 1))
    assert result.surcharge_yuan == Decimal("0.00")


def test_late_payment_surcharge_reconsideration_days_not_counted() -> None:
    # APL Art.73(3).
    result = late_payment_surcharge(Decimal(10000), date(2025, 3, 1), date(2025, 3, 11), suspended_days=5)
    assert (result.days_late, result.surcharge_yuan) == (5, Decimal("1500.00"))


def test_late_payment_surcharge_rounds_down_to_fen() -> None:
    result = late_payment_surcharge(Decimal("333.33"), date(2025, 3, 1), date(2025, 3, 2))
    assert result.surcharge_yuan == Decimal("9.99")


def test_late_payment_surcharge_when_fine_negative_raises() -> None:
    with pytest.raises(ValueError, match="negative"):
        late_payment_surcharge(Decimal(-1), date(2025, 3, 1), date(2025, 3, 2))


def test_surcharge_constants_when_read_are_the_statutory_rate_and_cap() -> None:
    assert Decimal("0.03") == LATE_PAYMENT_DAILY_RATE
    assert Decimal(1) == LATE_PAYMENT_CAP_RATIO_OF_FINE


fines = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False)
days = st.integers(min_value=-30, max_value=1000)
start_days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(fine_yuan=fines, late=days)
def test_surcharge_property_never_exceeds_fine(fine_yuan: Decimal, late: int) -> None:
    due_on = date(2025, 1, 1)
    result = late_payment_surcharge(fine_yuan, due_on, due_on + timedelta(days=late))
    assert Decimal(0) <= result.surcharge_yuan <= fine_yuan


@given(fine_yuan=fines, late=days, more=st.integers(min_value=0, max_value=100))
def test_surcharge_property_later_payment_never_owes_less(fine_yuan: Decimal, late: int, more: int) -> None:
    due_on = date(2025, 1, 1)
    early = late_payment_surcharge(fine_yuan, due_on, due_on + timedelta(days=late))
    later = late_payment_surcharge(fine_yuan, due_on, due_on + timedelta(days=late + more))
    assert later.surcharge_yuan >= early.surcharge_yuan


@given(kind=st.sampled_from(list(DeadlineKind)), start_on=start_days)
def test_compute_deadline_property_due_after_start(kind: DeadlineKind, start_on: date) -> None:
    rule = DEADLINE_TABLE[kind]
    deadline = compute_deadline(kind, start_on, NATIONAL_DAY_2025)
    assert deadline.due_on > start_on
    if rule.unit is PeriodUnit.CALENDAR_DAYS and not rule.rolls_past_rest_day:
        assert (deadline.due_on - start_on).days == rule.amount
