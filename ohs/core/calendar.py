"""The one calendar service every deadline uses (see ohs.core.rules.workdays for the rules)."""

from __future__ import annotations

from django.core.cache import cache

from ohs.core.models.calendar import HolidayDay, HolidayYear
from ohs.core.rules.workdays import ExtraYears, WorkdayCalendar

_CACHE_KEY = "ohs:calendar:extra"
_CACHE_SECONDS = 300


def _load_extra() -> ExtraYears:
    days = list(HolidayDay.objects.values_list("day", "is_workday"))
    return ExtraYears(
        holidays=frozenset(d for d, work in days if not work),
        workdays=frozenset(d for d, work in days if work),
        years=frozenset(HolidayYear.objects.values_list("year", flat=True)),
    )


def get_calendar() -> WorkdayCalendar:
    """The working-day calendar: the library's notices plus the years the province entered."""
    extra = cache.get(_CACHE_KEY)
    if extra is None:
        extra = _load_extra()
        cache.set(_CACHE_KEY, extra, _CACHE_SECONDS)
    return WorkdayCalendar(extra=extra)


def forget_calendar() -> None:
    """Drop the cached notices after an administrator changes them."""
    cache.delete(_CACHE_KEY)
