"""Working days under the State Council holiday notices (国务院办公厅关于2026年部分节假日安排的通知)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.core.rules.workdays import LIBRARY_YEARS, ExtraYears, UnknownCalendarYear, WorkdayCalendar

CAL = WorkdayCalendar()
D = dt.date


def test_national_day_2026_is_off_and_make_up_saturday_is_on() -> None:
    # 2026 notice: 10月1日至7日放假调休；10月10日（周六）上班.
    assert not CAL.is_workday(D(2026, 10, 1))
    assert not CAL.is_workday(D(2026, 10, 7))
    assert CAL.is_workday(D(2026, 10, 10))
    assert CAL.is_workday(D(2026, 10, 8))


def test_add_working_days_skips_the_golden_week() -> None:
    # From Wed 30 Sep 2026, the 1st working day is Thu 8 Oct; the 3rd is Sat 10 Oct (make-up).
    assert CAL.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert CAL.add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)


def test_start_day_is_not_counted() -> None:
    assert CAL.add_working_days(D(2026, 11, 16), 0) == D(2026, 11, 16)
    assert CAL.add_working_days(D(2026, 11, 16), 5) == D(2026, 11, 23)  # Mon + 5 working days = next Mon


def test_period_ending_on_a_rest_day_ends_on_next_working_day() -> None:
    # 15 calendar days after 16 Sep 2026 is Thu 1 Oct (holiday): the period ends on Thu 8 Oct.
    assert CAL.add_calendar_days(D(2026, 9, 16), 15) == D(2026, 10, 8)
    assert CAL.add_calendar_days(D(2026, 9, 16), 15, roll_to_workday=False) == D(2026, 10, 1)


def test_add_months_clamps_to_month_end() -> None:
    assert CAL.add_months(D(2026, 1, 31), 1, roll_to_workday=False) == D(2026, 2, 28)


def test_year_unknown_to_library_and_province_is_a_clear_error() -> None:
    year = max(LIBRARY_YEARS) + 1
    with pytest.raises(UnknownCalendarYear, match=f"no holiday arrangement is known for {year}"):
        CAL.add_working_days(D(year - 1, 12, 30), 5)


def test_province_entered_year_extends_the_calendar() -> None:
    year = max(LIBRARY_YEARS) + 1
    new_year = D(year, 1, 1)
    calendar = WorkdayCalendar(extra=ExtraYears(holidays=frozenset({new_year}), years=frozenset({year})))
    assert not calendar.is_workday(new_year)
    assert calendar.add_working_days(D(year - 1, 12, 31), 1) > new_year


dates_2025_2026 = st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 11, 30))


@given(dates_2025_2026, st.integers(min_value=0, max_value=20))
def test_add_then_count_round_trips(start: dt.date, n: int) -> None:
    end = CAL.add_working_days(start, n)
    assert CAL.working_days_between(start, end) == n
    if n:
        assert CAL.is_workday(end)


@given(dates_2025_2026, dates_2025_2026)
def test_between_is_antisymmetric(a: dt.date, b: dt.date) -> None:
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)
