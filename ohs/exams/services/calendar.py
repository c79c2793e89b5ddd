"""Working days for exam deadlines, including years whose holiday notice is not entered yet."""

from __future__ import annotations

import datetime as dt

from ohs.core.calendar import get_calendar
from ohs.core.rules.workdays import UnknownCalendarYear

SATURDAY = 5  # date.weekday(): Monday 0 … Saturday 5


class WeekdaysBeyondNotices:
    """The working-day calendar, counting Monday to Friday in a year whose holiday notice is not
    entered yet (the State Council publishes it in the autumn before): the date is then a
    provisional, slightly early deadline rather than no deadline at all."""

    def __init__(self) -> None:
        self.known = get_calendar()

    def is_workday(self, day: dt.date) -> bool:
        try:
            return self.known.is_workday(day)
        except UnknownCalendarYear:
            return day.weekday() < SATURDAY

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        current, left = day, n
        while left:
            current += dt.timedelta(days=1)
            left -= self.is_workday(current)
        return current

    def add_calendar_days(self, day: dt.date, n: int, *, roll_to_workday: bool = True) -> dt.date:
        end = day + dt.timedelta(days=n)
        while roll_to_workday and not self.is_workday(end):
            end += dt.timedelta(days=1)
        return end


def weekdays_beyond_notices() -> WeekdaysBeyondNotices:
    return WeekdaysBeyondNotices()
