"""Booking capacity: does a batch fit a day's published places, and is the institution in scope.

Capacity is published per (site, exam category, hazard category) per day and must be
refreshed every day by a cut-off time: a refresh after one day's cut-off counts for the
next, so capacity is stale once a cut-off passes with no refresh since the cut-off before
it. Both the figures and the cut-off time are data passed in.
A batch is accepted all-or-nothing: one line that does not fit rejects the whole batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

from ohs.exams.rules.provenance import reason_text

CAPACITY_RULE_VERSION: Final = "capacity/1"


@dataclass(frozen=True, order=True)
class CapacityKey:
    """What capacity is published for: a site, an exam category and a hazard category."""

    site_id: str
    exam_category: str
    hazard_category: str


@dataclass(frozen=True)
class PublishedCapacity:
    """Places published for one key on one exam day, and when they were last refreshed."""

    key: CapacityKey
    exam_on: date
    capacity_persons: int
    refreshed_at: datetime


@dataclass(frozen=True)
class BookedCount:
    """Persons already booked for one key on one exam day."""

    key: CapacityKey
    exam_on: date
    booked_persons: int


@dataclass(frozen=True)
class BatchLine:
    """Persons a batch asks for under one key."""

    key: CapacityKey
    persons: int


@dataclass(frozen=True)
class BookingBatch:
    """A batch booking for one exam day (an employer's group of workers)."""

    exam_on: date
    lines: tuple[BatchLine, ...]


@dataclass(frozen=True)
class LineOutcome:
    """How one key of the batch fares; capacity None means nothing was published."""

    key: CapacityKey
    capacity_persons: int | None
    booked_persons: int
    requested_persons: int
    remaining_persons: int
    remaining_after_persons: int
    fits: bool
    is_stale: bool


@dataclass(frozen=True)
class CapacityDecision:
    """All-or-nothing verdict on a batch, line by line, with reasons."""

    fits: bool
    exam_on: date
    lines: tuple[LineOutcome, ...]
    is_stale: bool
    rule_version: str
    reasons: tuple[str, ...]


def remaining_places(capacity_persons: int, booked_persons: int) -> int:
    """Places still free; never negative even when a day is overbooked."""
    return max(0, capacity_persons - booked_persons)


def last_cut_off_at(now: datetime, cut_off: time) -> datetime:
    """The most recent daily cut-off at or before `now` (same timezone as `now`)."""
    today_cut_off = datetime.combine(now.date(), cut_off, tzinfo=now.tzinfo)
    return today_cut_off if now >= today_cut_off else today_cut_off - timedelta(days=1)


def is_capacity_stale(refreshed_at: datetime, *, cut_off: time, now: datetime) -> bool:
    """True when capacity was not refreshed by the latest daily cut-off."""
    # Each cut-off needs a refresh after the cut-off before it (a day's window).
    window_opened_at = last_cut_off_at(now, cut_off) - timedelta(days=1)
    return refreshed_at <= window_opened_at


def _requested_by_key(batch: BookingBatch) -> dict[CapacityKey, int]:
    if not batch.lines:
        raise ValueError("a booking batch needs at least one line")
    requested: dict[CapacityKey, int] = {}
    for line in batch.lines:
        if line.persons <= 0:
            raise ValueError("a batch line must ask for at least one person")
        requested[line.key] = requested.get(line.key, 0) + line.persons
    return requested


def _latest_published(published: Iterable[PublishedCapacity], exam_on: date) -> dict[CapacityKey, PublishedCapacity]:
    # A key republished the same day: the latest refresh is the one in force.
    latest: dict[CapacityKey, PublishedCapacity] = {}
    for row in published:
        current = latest.get(row.key)
        if row.exam_on == exam_on and (current is None or row.refreshed_at > current.refreshed_at):
            latest[row.key] = row
    return latest


def _booked_by_key(booked: Iterable[BookedCount], exam_on: date) -> dict[CapacityKey, int]:
    totals: dict[CapacityKey, int] = {}
    for row in booked:
        if row.exam_on == exam_on:
            totals[row.key] = totals.get(row.key, 0) + row.booked_persons
    return totals


def _line_outcome(
    key: CapacityKey,
    requested: int,
    capacity: PublishedCapacity | None,
    booked: int,
    stale_check: Callable[[datetime], bool],
) -> LineOutcome:
    if capacity is None:
        return LineOutcome(key, None, booked, requested, 0, 0, False, False)
    remaining = remaining_places(capacity.capacity_persons, booked)
    fits = requested <= remaining
    after = remaining - requested if fits else remaining
    stale = stale_check(capacity.refreshed_at)
    return LineOutcome(key, capacity.capacity_persons, booked, requested, remaining, after, fits, stale)


def _line_reason(line: LineOutcome) -> str:
    where = f"{line.key.site_id}/{line.key.exam_category}/{line.key.hazard_category}"
    if line.capacity_persons is None:
        return reason_text("%(k)s：当日未发布检查容量", k=where)
    template = "%(k)s：申请%(req)d人，剩余%(left)d人" + ("" if line.fits else "，名额不足")
    return reason_text(template, k=where, req=line.requested_persons, left=line.remaining_persons)


def _decision_reasons(lines: tuple[LineOutcome, ...], fits: bool, is_stale: bool, cut_off: time) -> tuple[str, ...]:
    reasons = [_line_reason(line) for line in lines]
    if is_stale:
        template = "容量未在每日%(t)s截止前更新，数据可能已过时"
        reasons.append(reason_text(template, t=cut_off.isoformat()))
    reasons.append("整批预约：全部满足才受理" if fits else "整批预约：有一项不满足，整批不受理")
    return tuple(reasons)


def decide_batch_fits(
    batch: BookingBatch,
    *,
    published: Iterable[PublishedCapacity],
    booked: Iterable[BookedCount],
    cut_off: time,
    now: datetime,
) -> CapacityDecision:
    """Whether the whole batch fits the day's remaining places, and whether capacity is stale."""
    capacity = _latest_published(published, batch.exam_on)
    booked_totals = _booked_by_key(booked, batch.exam_on)

    def stale_check(refreshed_at: datetime) -> bool:
        return is_capacity_stale(refreshed_at, cut_off=cut_off, now=now)

    lines = tuple(
        _line_outcome(key, persons, capacity.get(key), booked_totals.get(key, 0), stale_check)
        for key, persons in sorted(_requested_by_key(batch).items())
    )
    fits = all(line.fits for line in lines)
    is_stale = any(line.is_stale for line in lines)
    reasons = _decision_reasons(lines, fits, is_stale, cut_off)
    return CapacityDecision(fits, batch.exam_on, lines, is_stale, CAPACITY_RULE_VERSION, reasons)


@dataclass(frozen=True)
class ScopeDecision:
    """Whether an institution's registered hazard categories cover a batch."""

    is_covered: bool
    uncovered_hazard_categories: tuple[str, ...]
    rule_version: str
    reasons: tuple[str, ...]


def check_institution_scope(registered_hazard_categories: Iterable[str], batch: BookingBatch) -> ScopeDecision:
    """Which hazard categories of the batch fall outside the institution's registration."""
    registered = frozenset(registered_hazard_categories)
    asked = {line.key.hazard_category for line in batch.lines}
    uncovered = tuple(sorted(asked - registered))
    if uncovered:
        reason = reason_text("机构备案范围未包含：%(cats)s", cats="、".join(uncovered))
    else:
        reason = "批次所有危害因素类别均在机构备案范围内"
    return ScopeDecision(not uncovered, uncovered, CAPACITY_RULE_VERSION, (reason,))
