"""The working-day calendar for statutory time limits, tolerant of years without a notice.

A limit that reaches a year whose holiday notice is not yet published (or entered) is counted
with weekends only; the case shows it as provisional rather than refusing to compute it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ohs.core.calendar import get_calendar
from ohs.core.rules.workdays import UnknownCalendarYear, WorkdayCalendar

_SATURDAY = 5  # weekday() of Saturday: the rest days of a year without a notice


@dataclass
class LimitCalendar:
    inner: WorkdayCalendar = field(default_factory=get_calendar)
    provisional: bool = False

    def is_workday(self, day: dt.date) -> bool:
        try:
            return self.inner.is_workday(day)
        except UnknownCalendarYear:
            self.provisional = True
            return day.weekday() < _SATURDAY

    def _next_workday(self, day: dt.date) -> dt.date:
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        current, left = day, n
        while left:
            current += dt.timedelta(days=1)
            if self.is_workday(current):
                left -= 1
        return current

    def add_calendar_days(self, day: dt.date, n: int, *, roll_to_workday: bool = True) -> dt.date:
        end = day + dt.timedelta(days=n)
        return self._next_workday(end) if roll_to_workday else end

    def add_months(self, day: dt.date, months: int, *, roll_to_workday: bool = True) -> dt.date:
        end = self.inner.add_months(day, months, roll_to_workday=False)
        return self._next_workday(end) if roll_to_workday else end


def limit_calendar() -> LimitCalendar:
    return LimitCalendar()
