"""Booking capacity: all-or-nothing batches, remaining places, stale capacity, scope."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ohs.exams.rules.capacity import (
    BatchLine,
    BookedCount,
    BookingBatch,
    CapacityDecision,
    CapacityKey,
    PublishedCapacity,
    check_institution_scope,
    decide_batch_fits,
    is_capacity_stale,
    last_cut_off_at,
    remaining_places,
)

CST = timezone(timedelta(hours=8))
EXAM_ON = date(2025, 3, 10)
CUT_OFF = time(17, 0)  # a test cut-off; the real one is an institution setting
NOW = datetime(2025, 3, 9, 9, 0, tzinfo=CST)
FRESH = datetime(2025, 3, 8, 16, 0, tzinfo=CST)  # before the 2025-03-08 17:00 cut-off
DUST = CapacityKey("site-1", "periodic", "粉尘")
NOISE = CapacityKey("site-1", "periodic", "物理因素")


def publish(key: CapacityKey, persons: int, refreshed_at: datetime = FRESH) -> PublishedCapacity:
    """Capacity for the test exam day."""
    return PublishedCapacity(key, EXAM_ON, persons, refreshed_at)


def booked(key: CapacityKey, persons: int) -> BookedCount:
    """Existing bookings for the test exam day."""
    return BookedCount(key, EXAM_ON, persons)


def batch(*lines: tuple[CapacityKey, int]) -> BookingBatch:
    """A batch for the test exam day."""
    return BookingBatch(EXAM_ON, tuple(BatchLine(key, n) for key, n in lines))


def decide(request: BookingBatch, published: list[PublishedCapacity], counts: list[BookedCount]) -> CapacityDecision:
    """Decide with the test cut-off and clock."""
    return decide_batch_fits(request, published=published, booked=counts, cut_off=CUT_OFF, now=NOW)


def test_batch_fits_when_every_line_has_room() -> None:
    decision = decide(
        batch((DUST, 5), (NOISE, 2)),
        [publish(DUST, 20), publish(NOISE, 10)],
        [booked(DUST, 15)],
    )
    assert decision.fits and not decision.is_stale
    dust = next(line for line in decision.lines if line.key == DUST)
    assert (dust.remaining_persons, dust.remaining_after_persons) == (5, 0)


def test_batch_rejected_whole_when_one_line_is_short() -> None:
    decision = decide(
        batch((DUST, 6), (NOISE, 2)),
        [publish(DUST, 20), publish(NOISE, 10)],
        [booked(DUST, 15)],
    )
    assert not decision.fits
    assert {line.key: line.fits for line in decision.lines} == {
        DUST: False,
        NOISE: True,
    }
    assert any("名额不足" in reason for reason in decision.reasons)


def test_lines_with_the_same_key_are_added_together() -> None:
    decision = decide(batch((DUST, 3), (DUST, 3)), [publish(DUST, 5)], [])
    (line,) = decision.lines
    assert (line.requested_persons, decision.fits) == (6, False)


def test_unpublished_capacity_does_not_fit() -> None:
    decision = decide(batch((NOISE, 1)), [publish(DUST, 50)], [])
    (line,) = decision.lines
    assert line.capacity_persons is None and not decision.fits


def test_other_days_are_ignored_and_latest_publication_wins() -> None:
    other_day = PublishedCapacity(DUST, EXAM_ON + timedelta(days=1), 100, FRESH)
    older = publish(DUST, 100, FRESH - timedelta(hours=2))
    decision = decide(batch((DUST, 10)), [other_day, older, publish(DUST, 5)], [])
    assert not decision.fits and decision.lines[0].capacity_persons == 5


def test_capacity_not_refreshed_by_cut_off_is_stale() -> None:
    stale = datetime(2025, 3, 7, 16, 30, tzinfo=CST)  # before the 03-07 cut-off
    decision = decide(batch((DUST, 1)), [publish(DUST, 10, stale)], [])
    assert decision.fits and decision.is_stale and decision.lines[0].is_stale


def test_refresh_after_yesterdays_cut_off_counts_for_today() -> None:
    late_refresh = datetime(2025, 3, 7, 17, 30, tzinfo=CST)
    assert not is_capacity_stale(late_refresh, cut_off=CUT_OFF, now=NOW)


def test_last_cut_off_before_and_after_todays_cut_off() -> None:
    assert last_cut_off_at(NOW, CUT_OFF) == datetime(2025, 3, 8, 17, 0, tzinfo=CST)
    evening = datetime(2025, 3, 9, 17, 0, tzinfo=CST)
    assert last_cut_off_at(evening, CUT_OFF) == evening
    assert is_capacity_stale(FRESH, cut_off=CUT_OFF, now=evening)


def test_overbooked_day_has_no_remaining_places() -> None:
    assert remaining_places(10, 12) == 0


def test_invalid_batches_are_rejected() -> None:
    with pytest.raises(ValueError):
        decide(BookingBatch(EXAM_ON, ()), [], [])
    with pytest.raises(ValueError):
        decide(batch((DUST, 0)), [publish(DUST, 5)], [])


def test_institution_scope_lists_uncovered_categories() -> None:
    scope = check_institution_scope({"粉尘"}, batch((DUST, 1), (NOISE, 1)))
    assert not scope.is_covered and scope.uncovered_hazard_categories == ("物理因素",)
    covered = check_institution_scope({"粉尘", "物理因素", "化学因素"}, batch((NOISE, 1)))
    assert covered.is_covered and covered.uncovered_hazard_categories == ()


counts = st.integers(min_value=0, max_value=200)


@settings(deadline=None)  # shared CI machines: timing is not the property
@given(st.lists(st.tuples(counts, counts, st.integers(1, 200)), min_size=1, max_size=4))
def test_batch_fits_iff_every_request_within_remaining(
    rows: list[tuple[int, int, int]],
) -> None:
    keys = [CapacityKey("site-1", "periodic", f"cat-{i}") for i in range(len(rows))]
    published = [publish(k, cap) for k, (cap, _, _) in zip(keys, rows, strict=True)]
    taken = [booked(k, b) for k, (_, b, _) in zip(keys, rows, strict=True)]
    decision = decide(
        batch(*[(k, r) for k, (_, _, r) in zip(keys, rows, strict=True)]),
        published,
        taken,
    )
    expected = all(r <= max(0, c - b) for c, b, r in rows)
    assert decision.fits is expected
    for line in decision.lines:
        assert line.remaining_persons >= 0 and line.remaining_after_persons >= 0
        if line.fits:
            assert line.remaining_after_persons == line.remaining_persons - line.requested_persons


@settings(deadline=None)  # shared CI machines: timing is not the property
@given(
    st.frozensets(st.sampled_from("ABCDE")),
    st.lists(st.sampled_from("ABCDE"), min_size=1),
)
def test_scope_uncovered_is_exactly_the_difference(registered: frozenset[str], asked: list[str]) -> None:
    lines = [(CapacityKey("s", "periodic", c), 1) for c in asked]
    scope = check_institution_scope(registered, batch(*lines))
    assert set(scope.uncovered_hazard_categories) == set(asked) - registered
    assert scope.is_covered is (not scope.uncovered_hazard_categories)
