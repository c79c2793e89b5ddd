"""Booking a batch of workers at an institution's site on a day; rescheduling, cancelling, reminders.

No overbooking, ever: each place is taken by a conditional UPDATE (``booked = booked + n WHERE
booked + n <= capacity``) in the booking's transaction, keys in a fixed order so two batches
never wait on each other in a cycle. One key without room rolls the whole batch back, so a
failed booking leaves nothing behind. The table's check constraint is the last line.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.workflow import transition
from ohs.exams import policy
from ohs.exams.choices import AppointmentStatus, BookingStatus, ExamCategory, NoticeAudience, category_for_exam_type
from ohs.exams.due import WorkerDue, due_for_employer
from ohs.exams.models import Appointment, Booking, CapacityDay, ExamInstitution, ExamNotice, ExamSite
from ohs.exams.rules.capacity import BatchLine, BookingBatch, CapacityKey, check_institution_scope
from ohs.exams.rules.protocol_types import DueExam
from ohs.exams.services.institutions import release_places
from ohs.exams.workflow import APPOINTMENT_WORKFLOW, BOOKING_WORKFLOW
from ohs.registry.models import Employer

NO_ROOM = "no_room"
OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True)
class PlannedAppointment:
    entry: WorkerDue
    due: DueExam | None
    categories: list[str]


def _plan(
    employer: Employer, worker_ids: Sequence[int], exam_category: str, today: dt.date
) -> list[PlannedAppointment]:
    if exam_category not in ExamCategory.values:
        raise DomainError(ErrorCode.INVALID, f"unknown exam category {exam_category}", field="exam_category")
    if not worker_ids:
        raise DomainError(ErrorCode.INVALID, "choose at least one worker", field="worker_ids")
    entries = {e.worker.pk: e for e in due_for_employer(employer.pk, today)}
    planned = []
    for worker_id in dict.fromkeys(worker_ids):
        entry = entries.get(worker_id)
        if entry is None:
            raise DomainError(
                ErrorCode.INVALID, f"worker {worker_id} is not on a hazard post of this employer", field="worker_ids"
            )
        if exam_category in entry.booked_categories:
            raise DomainError(
                ErrorCode.CONFLICT,
                f"{entry.worker.name} already has an open {exam_category} booking",
                field="worker_ids",
            )
        due = next((d for d in entry.due if str(category_for_exam_type(d.exam_type)) == exam_category), None)
        categories = entry.categories_for(due) if due else sorted({h.category for h in entry.hazards})
        planned.append(PlannedAppointment(entry, due, categories or sorted({h.category for h in entry.hazards})))
    return planned


def _batch(site: ExamSite, exam_on: dt.date, exam_category: str, planned: Sequence[PlannedAppointment]) -> BookingBatch:
    counts = Counter(c for p in planned for c in p.categories)
    lines = tuple(BatchLine(CapacityKey(str(site.pk), exam_category, c), n) for c, n in sorted(counts.items()))
    return BookingBatch(exam_on, lines)


def _take_places(site: ExamSite, exam_on: dt.date, exam_category: str, counts: Counter[str]) -> None:
    for hazard_category, n in sorted(counts.items()):
        taken = CapacityDay.objects.filter(
            site=site,
            exam_on=exam_on,
            exam_category=exam_category,
            hazard_category=hazard_category,
            booked__lte=F("capacity") - n,
        ).update(booked=F("booked") + n)
        if taken != 1:
            raise DomainError(
                NO_ROOM,
                f"not enough places left on {exam_on} for {n} worker(s) ({hazard_category})",
                field="exam_on",
            )


def _check_site(institution: ExamInstitution, site: ExamSite, exam_on: dt.date, today: dt.date) -> None:
    if site.institution_id != institution.pk or not site.is_active:
        raise DomainError(ErrorCode.INVALID, "choose one of the institution's sites", field="site_id")
    if not institution.is_active:
        raise DomainError(ErrorCode.INVALID, "the institution is not taking bookings", field="institution_id")
    if exam_on < today:
        raise DomainError(ErrorCode.INVALID, "the exam day has passed", field="exam_on")


def _appointment(booking: Booking, plan: PlannedAppointment, today: dt.date) -> Appointment:
    edition = plan.entry.edition or None
    due = plan.due
    return Appointment(
        booking=booking,
        worker=plan.entry.worker,
        hazards=[h.name for h in plan.entry.hazards if h.category in plan.categories],
        hazard_categories=plan.categories,
        due_on=due.due_on if due else None,
        target_diseases=list(due.target_diseases) if due else [],
        edition=edition.applied.value if edition else "",
        edition_in_force=edition.in_force.value if edition else "",
        rule_version=due.rule_version if due else "",
        basis="；".join([*(edition.reasons if edition else ()), *(due.reasons if due else ())]),
    )


def book_batch(
    *,
    actor: Actor,
    employer: Employer,
    institution: ExamInstitution,
    site: ExamSite,
    exam_on: dt.date,
    exam_category: str,
    worker_ids: Sequence[int],
    today: dt.date | None = None,
) -> Booking:
    """Book workers on one day, all or nothing, at an institution whose scope covers every hazard."""
    today = today or timezone.localdate()
    _check_site(institution, site, exam_on, today)
    planned = _plan(employer, worker_ids, exam_category, today)
    batch = _batch(site, exam_on, exam_category, planned)
    scope = check_institution_scope(institution.hazard_categories, batch)
    if not scope.is_covered:
        raise DomainError(OUT_OF_SCOPE, "；".join(scope.reasons), field="institution_id")
    counts = Counter(c for p in planned for c in p.categories)
    with transaction.atomic():
        _take_places(site, exam_on, exam_category, counts)
        booking = Booking.objects.create(
            employer=employer,
            county_id=employer.county_id,
            institution=institution,
            site=site,
            exam_on=exam_on,
            exam_category=exam_category,
            booked_by_label=actor.label,
        )
        Appointment.objects.bulk_create([_appointment(booking, p, today) for p in planned])
        audit.record(actor, "create", obj=booking, changes={"workers": len(planned), "places": dict(counts)})
        emit(
            "exams.booking.booked",
            {"id": booking.pk, "employer": employer.pk, "institution": institution.pk, "workers": len(planned)},
        )
    return booking


def _open_counts(booking: Booking) -> Counter[str]:
    counts: Counter[str] = Counter()
    for categories in booking.appointments.filter(status=AppointmentStatus.BOOKED).values_list(
        "hazard_categories", flat=True
    ):
        counts.update(categories)
    return counts


def cancel_booking(*, actor: Actor, booking: Booking) -> Booking:
    """Cancel the whole batch; its places return to the day."""
    if booking.appointments.exclude(status__in=(AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED)).exists():
        raise DomainError(ErrorCode.CONFLICT, "workers of this booking were already examined", field="status")
    with transaction.atomic():
        release_places(booking.site_id, booking.exam_on, booking.exam_category, _open_counts(booking))
        booking.appointments.filter(status=AppointmentStatus.BOOKED).update(status=AppointmentStatus.CANCELLED)
        transition(BOOKING_WORKFLOW, actor, booking, "cancelled", {"employer": booking.employer_id})
    return booking


def cancel_appointment(*, actor: Actor, appointment: Appointment) -> Appointment:
    """Take one worker out of a booking; their places return to the day."""
    booking = appointment.booking
    with transaction.atomic():
        counts = Counter(appointment.hazard_categories)
        if appointment.status == AppointmentStatus.BOOKED:
            release_places(booking.site_id, booking.exam_on, booking.exam_category, counts)
        transition(APPOINTMENT_WORKFLOW, actor, appointment, "cancelled", {"booking": booking.pk})
    return appointment


def reschedule_booking(
    *, actor: Actor, booking: Booking, exam_on: dt.date, site: ExamSite | None = None, today: dt.date | None = None
) -> Booking:
    """Move the batch to another day (or site): new places first, then the old ones are released."""
    today = today or timezone.localdate()
    site = site or booking.site
    if booking.status != BookingStatus.BOOKED:
        raise DomainError(ErrorCode.CONFLICT, "a cancelled booking cannot be moved", field="status")
    _check_site(booking.institution, site, exam_on, today)
    if booking.appointments.exclude(status__in=(AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED)).exists():
        raise DomainError(ErrorCode.CONFLICT, "workers of this booking were already examined", field="status")
    counts = _open_counts(booking)
    with transaction.atomic():
        _take_places(site, exam_on, booking.exam_category, counts)
        release_places(booking.site_id, booking.exam_on, booking.exam_category, counts)
        before = audit.snapshot(booking, ["exam_on", "site"])
        booking.exam_on, booking.site, booking.reminded_at = exam_on, site, None
        booking.save(update_fields=["exam_on", "site", "reminded_at"])
        audit.record_updated(actor, booking, before)
        emit("exams.booking.rescheduled", {"id": booking.pk, "exam_on": exam_on.isoformat(), "site": site.pk})
    return booking


def check_in(*, actor: Actor, appointment: Appointment) -> Appointment:
    """The worker has arrived on the exam day."""
    transition(
        APPOINTMENT_WORKFLOW,
        actor,
        appointment,
        "checked_in",
        {"booking": appointment.booking_id},
        fields={"checked_in_at": timezone.now()},
    )
    return appointment


def send_reminders(*, actor: Actor, today: dt.date) -> int:
    """Tell the employer and each booked worker a few days before the exam day (once per booking)."""
    horizon = today + dt.timedelta(days=policy.REMINDER_DAYS_BEFORE)
    due = Booking.objects.filter(
        status=BookingStatus.BOOKED, reminded_at__isnull=True, exam_on__gte=today, exam_on__lte=horizon
    ).select_related("site__institution__organisation")
    sent = 0
    for booking in due:
        with transaction.atomic():
            where = f"{booking.site.institution}（{booking.site.name}）"
            title = f"职业健康检查提醒：{booking.exam_on:%Y-%m-%d} {where}"
            workers = list(
                booking.appointments.filter(status=AppointmentStatus.BOOKED).values_list("worker_id", flat=True)
            )
            notices = [
                ExamNotice(
                    booking=booking,
                    audience=NoticeAudience.EMPLOYER,
                    employer_id=booking.employer_id,
                    county_id=booking.county_id,
                    title=title,
                    body=f"已预约{len(workers)}名劳动者于{booking.exam_on:%Y-%m-%d}到{where}体检，请提前安排。",
                ),
                *(
                    ExamNotice(
                        booking=booking,
                        audience=NoticeAudience.WORKER,
                        worker_id=w,
                        employer_id=booking.employer_id,
                        county_id=booking.county_id,
                        title=title,
                        body="请按预约日期携带身份证到体检机构参加职业健康检查，检查前一天请避免饮酒。",
                    )
                    for w in workers
                ),
            ]
            ExamNotice.objects.bulk_create(notices)
            Booking.objects.filter(pk=booking.pk).update(reminded_at=timezone.now())
            audit.record(actor, "update", obj=booking, changes={"reminded": len(notices)})
            emit("exams.booking.reminded", {"id": booking.pk, "notices": len(notices)})
        sent += 1
    return sent
