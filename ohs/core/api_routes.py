"""Core API: the working-day calendar, so institutions compute deadlines as the platform does."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from ohs.core.api import actor_of
from ohs.core.calendar import get_calendar
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.rules.workdays import UnknownCalendarYear

router = Router(tags=["core"])


class WorkingDayOut(Schema):
    start: dt.date
    working_days: int
    result: dt.date


class BetweenOut(Schema):
    start: dt.date
    end: dt.date
    working_days: int


@router.get("/calendar/add-working-days", response=WorkingDayOut)
def add_working_days(request: HttpRequest, start: dt.date, n: int) -> dict[str, object]:
    """The n-th working day after ``start`` under the State Council holiday notices."""
    actor_of(request)
    if n < 0:
        raise DomainError(ErrorCode.INVALID, "n must not be negative", field="n")
    try:
        result = get_calendar().add_working_days(start, n)
    except UnknownCalendarYear as exc:
        raise DomainError(ErrorCode.CALENDAR_UNKNOWN_YEAR, str(exc), field="start") from exc
    return {"start": start, "working_days": n, "result": result}


@router.get("/calendar/working-days-between", response=BetweenOut)
def working_days_between(request: HttpRequest, start: dt.date, end: dt.date) -> dict[str, object]:
    actor_of(request)
    try:
        count = get_calendar().working_days_between(start, end)
    except UnknownCalendarYear as exc:
        raise DomainError(ErrorCode.CALENDAR_UNKNOWN_YEAR, str(exc), field="end") from exc
    return {"start": start, "end": end, "working_days": count}
