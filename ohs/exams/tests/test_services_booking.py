"""Booking: the due list feeds it, scope and capacity decide it, all or nothing; cancel and
reschedule give places back; reminders go out once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ohs.core.actor import SYSTEM_ACTOR
from ohs.core.errors import DomainError
from ohs.core.models.audit import AuditEntry
from ohs.core.models.outbox import OutboxEvent
from ohs.exams import services
from ohs.exams.choices import AppointmentStatus, BookingStatus
from ohs.exams.due import due_for_employer
from ohs.exams.models import Appointment, Booking, CapacityDay, ExamNotice
from ohs.exams.rules.protocol_types import ExamType
from ohs.exams.tests.conftest import PLACES, ExamWorld, publish


def _book(ew: ExamWorld, label: str = "A", worker: str = "worker_a", **kw: object) -> Booking:
    args: dict[str, object] = {
        "actor": ew.actor(f"mgr_{label.lower()}"),
        "employer": ew.employers[label],
        "institution": ew.institution,
        "site": ew.site,
        "exam_on": ew.exam_on,
        "exam_category": "pre",
        "worker_ids": [ew.workers[worker].pk],
    }
    return services.book_batch(**(args | kw))  # type: ignore[arg-type]


def test_due_list_shows_overdue_pre_employment_with_edition_and_categories(exam_world: ExamWorld) -> None:
    entries = due_for_employer(exam_world.employers["A"].pk, timezone.localdate())
    (entry,) = entries
    assert entry.worker == exam_world.workers["worker_a"]
    pre = next(d for d in entry.due if d.exam_type is ExamType.PRE)
    # Hired 2020-03-01 on this post with no exam: the pre-employment exam is long overdue.
    assert pre.is_overdue and pre.due_on == dt.date(2020, 3, 1)
    assert entry.categories_for(pre) == ["chemical", "dust", "physical"]
    assert entry.edition is not None and entry.edition.applied.value == "GBZ 188-2014"


def test_booking_takes_one_place_per_hazard_category_and_stores_the_decision(exam_world: ExamWorld) -> None:
    booking = _book(exam_world)
    (appointment,) = booking.appointments.all()
    assert appointment.hazard_categories == ["chemical", "dust", "physical"]
    assert appointment.edition == "GBZ 188-2014" and appointment.edition_in_force
    assert appointment.due_on == dt.date(2020, 3, 1)
    booked = dict(CapacityDay.objects.filter(site=exam_world.site).values_list("hazard_category", "booked"))
    assert booked == {"chemical": 1, "dust": 1, "physical": 1}
    assert OutboxEvent.objects.filter(name="exams.booking.booked", payload__id=booking.pk).exists()
    assert AuditEntry.objects.filter(object_type="exams.booking", object_id=str(booking.pk)).exists()


def test_booking_outside_the_institution_scope_is_refused_and_leaves_nothing(exam_world: ExamWorld) -> None:
    exam_world.institution.hazard_categories = ["physical"]
    exam_world.institution.save()
    with pytest.raises(DomainError) as caught:
        _book(exam_world)
    assert caught.value.code == "out_of_scope" and "institution_id" in caught.value.fields
    assert not Booking.objects.exists()


def test_booking_without_room_rolls_back_every_place(exam_world: ExamWorld) -> None:
    CapacityDay.objects.filter(site=exam_world.site, hazard_category="dust").update(booked=PLACES)
    with pytest.raises(DomainError) as caught:
        _book(exam_world)
    assert caught.value.code == "no_room" and "exam_on" in caught.value.fields
    assert not Booking.objects.exists() and not Appointment.objects.exists()
    booked = dict(CapacityDay.objects.filter(site=exam_world.site).values_list("hazard_category", "booked"))
    assert booked == {"chemical": 0, "dust": PLACES, "physical": 0}


def test_worker_of_another_employer_cannot_be_booked(exam_world: ExamWorld) -> None:
    with pytest.raises(DomainError) as caught:
        _book(exam_world, worker="worker_b")
    assert "worker_ids" in caught.value.fields


def test_second_open_booking_of_the_same_kind_is_refused(exam_world: ExamWorld) -> None:
    _book(exam_world)
    with pytest.raises(DomainError) as caught:
        _book(exam_world)
    assert caught.value.code == "conflict"


def test_cancel_gives_places_back(exam_world: ExamWorld) -> None:
    booking = _book(exam_world)
    services.cancel_booking(actor=exam_world.actor("mgr_a"), booking=booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert set(CapacityDay.objects.values_list("booked", flat=True)) == {0}
    assert booking.appointments.get().status == AppointmentStatus.CANCELLED


def test_reschedule_moves_places_to_the_new_day(exam_world: ExamWorld) -> None:
    booking = _book(exam_world)
    later = exam_world.exam_on + dt.timedelta(days=1)
    publish(exam_world.institution, exam_world.site, later, 2)
    services.reschedule_booking(actor=exam_world.actor("mgr_a"), booking=booking, exam_on=later)
    by_day = {(r.exam_on, r.hazard_category): r.booked for r in CapacityDay.objects.all()}
    assert by_day[(exam_world.exam_on, "dust")] == 0 and by_day[(later, "dust")] == 1


def test_reschedule_to_a_full_day_changes_nothing(exam_world: ExamWorld) -> None:
    booking = _book(exam_world)
    later = exam_world.exam_on + dt.timedelta(days=1)
    publish(exam_world.institution, exam_world.site, later, 0)
    with pytest.raises(DomainError):
        services.reschedule_booking(actor=exam_world.actor("mgr_a"), booking=booking, exam_on=later)
    booking.refresh_from_db()
    assert booking.exam_on == exam_world.exam_on
    assert CapacityDay.objects.get(exam_on=exam_world.exam_on, hazard_category="dust").booked == 1


def test_publishing_below_booked_places_is_refused(exam_world: ExamWorld) -> None:
    _book(exam_world)
    entry = services.CapacityEntry(exam_world.site.pk, exam_world.exam_on, "pre", "dust", 0)
    with pytest.raises(DomainError) as caught:
        services.publish_capacity(actor=SYSTEM_ACTOR, institution=exam_world.institution, entries=[entry])
    assert "capacity" in caught.value.fields


def test_copy_week_repeats_the_pattern(exam_world: ExamWorld) -> None:
    copied = services.copy_week(
        actor=SYSTEM_ACTOR, institution=exam_world.institution, week_of=exam_world.exam_on, weeks=2
    )
    assert copied == 6
    assert CapacityDay.objects.filter(exam_on=exam_world.exam_on + dt.timedelta(days=14)).count() == 3


def test_capacity_is_stale_after_a_cut_off_without_update(exam_world: ExamWorld) -> None:
    institution = exam_world.institution
    assert not services.is_stale(institution)
    two_days_on = timezone.now() + dt.timedelta(days=2)
    assert services.is_stale(institution, now=two_days_on)


def test_reminders_go_to_employer_and_worker_once(exam_world: ExamWorld) -> None:
    _book(exam_world)
    today = exam_world.exam_on - dt.timedelta(days=2)
    assert services.send_reminders(actor=SYSTEM_ACTOR, today=today) == 1
    assert services.send_reminders(actor=SYSTEM_ACTOR, today=today) == 0
    audiences = sorted(ExamNotice.objects.values_list("audience", flat=True))
    assert audiences == ["employer", "worker"]
