"""Calendar and Chinese working days for statutory deadlines.

Working days follow the State Council's annual holiday notices (国务院办公厅关于节假日安排的通知):
public holidays are off, and the make-up working days (调休上班) on weekends are on. The
notices up to the last year it knows come from the maintained ``chinesecalendar`` package;
later years are entered by the province as data (``extra``), never guessed: a date in a year
that neither knows raises ``UnknownCalendarYear``.

Counting follows the rule for legal periods (行政处罚法 / 民事诉讼法 期间): the day on which a
period starts is not counted, and a period whose last day is a rest day ends on the next
working day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import chinese_calendar
from chinese_calendar import constants as _cc

RULE_VERSION = "workdays/1"
_SATURDAY = 5  # date.weekday(): Monday is 0


class UnknownCalendarYear(ValueError):
    """No holiday notice is known for the year: the deadline cannot be computed honestly."""

    def __init__(self, year: int, known: Iterable[int]) -> None:
        years = sorted(known)
        span = f"{years[0]}–{years[-1]}" if years else "none"
        super().__init__(
            f"no holiday arrangement is known for {year} (known: {span}); "
            "enter the State Council's holiday notice for that year first"
        )
        self.year = year


LIBRARY_YEARS = frozenset(range(min(_cc.holidays).year, max(_cc.holidays).year + 1))


@dataclass(frozen=True)
class ExtraYears:
    """Holiday notices entered by the province for years the library does not know."""

    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    years: frozenset[int] = frozenset()


@dataclass(frozen=True)
class WorkdayCalendar:
    extra: ExtraYears = field(default_factory=ExtraYears)

    @property
    def known_years(self) -> frozenset[int]:
        return LIBRARY_YEARS | self.extra.years

    def is_workday(self, day: dt.date) -> bool:
        """True when people work on ``day`` under that year's holiday notice."""
        if day.year in self.extra.years:
            if day in self.extra.holidays:
                return False
            return day in self.extra.workdays or day.weekday() < _SATURDAY
        if day.year not in LIBRARY_YEARS:
            raise UnknownCalendarYear(day.year, self.known_years)
        return bool(chinese_calendar.is_workday(day))

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day`` (the start day itself is not counted)."""
        if n < 0:
            raise ValueError("n must not be negative")
        current, left = day, n
        while left:
            current += dt.timedelta(days=1)
            if self.is_workday(current):
                left -= 1
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days d with start < d <= end (negative when end is before start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count, current = 0, start
        while current < end:
            current += dt.timedelta(days=1)
            count += self.is_workday(current)
        return count

    def next_workday_on_or_after(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the next one."""
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def add_calendar_days(self, day: dt.date, n: int, *, roll_to_workday: bool = True) -> dt.date:
        """``day`` + n calendar days; a period ending on a rest day ends on the next working day."""
        end = day + dt.timedelta(days=n)
        return self.next_workday_on_or_after(end) if roll_to_workday else end

    def roll_if_known(self, day: dt.date) -> tuple[dt.date, bool]:
        """Roll a period's last day past rest days when the year's notice is known; otherwise keep
        the day and say so (the caller shows it as provisional)."""
        try:
            return self.next_workday_on_or_after(day), True
        except UnknownCalendarYear:
            return day, False

    def add_months(self, day: dt.date, months: int, *, roll_to_workday: bool = True) -> dt.date:
        """Same day ``months`` later (clamped to the month's last day), rolled to a working day."""
        month_index = day.month - 1 + months
        year, month = day.year + month_index // 12, month_index % 12 + 1
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        end = dt.date(year, month, min(day.day, last))
        return self.next_workday_on_or_after(end) if roll_to_workday else end


DEFAULT_CALENDAR = WorkdayCalendar()
