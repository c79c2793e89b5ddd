"""Reading exam records, always through the actor's scope."""

from __future__ import annotations

from django.db.models import QuerySet

from ohs.core.actor import Actor
from ohs.core.querysets import Action
from ohs.exams.models import (
    Appointment,
    Booking,
    CapacityDay,
    DiagnosisReferral,
    ExamInstitution,
    ExamNotice,
    ExamResult,
    FollowUp,
)
from ohs.orgs.choices import OrgKind


def list_institutions_for(actor: Actor) -> QuerySet[ExamInstitution]:
    return ExamInstitution.objects.for_actor(actor).select_related("organisation__region")


def get_institution_for(actor: Actor, pk: int, action: Action = Action.VIEW) -> ExamInstitution:
    return ExamInstitution.objects.select_related("organisation__region").get_for(actor, action, pk=pk)


def own_institution(actor: Actor) -> ExamInstitution | None:
    """The institution the actor works for (exam staff), if registered."""
    if actor.org_kind != OrgKind.EXAM_INSTITUTION or actor.organisation_id is None:
        return None
    return ExamInstitution.objects.filter(organisation_id=actor.organisation_id).select_related("organisation").first()


def list_capacity_for(actor: Actor) -> QuerySet[CapacityDay]:
    return CapacityDay.objects.for_actor(actor).select_related("site")


def list_bookings_for(actor: Actor) -> QuerySet[Booking]:
    return Booking.objects.for_actor(actor).select_related("employer", "institution__organisation", "site")


def get_booking_for(actor: Actor, pk: int, action: Action = Action.VIEW) -> Booking:
    return Booking.objects.select_related("employer", "institution__organisation", "site").get_for(actor, action, pk=pk)


def get_appointment_for(actor: Actor, pk: int, action: Action = Action.VIEW) -> Appointment:
    return Appointment.objects.select_related(
        "worker", "booking__employer", "booking__institution__organisation", "booking__site"
    ).get_for(actor, action, pk=pk)


def list_results_for(actor: Actor) -> QuerySet[ExamResult]:
    return ExamResult.objects.for_actor(actor).select_related("worker", "employer", "institution__organisation")


def get_result_for(actor: Actor, pk: int) -> ExamResult:
    return ExamResult.objects.select_related("worker", "employer", "institution__organisation").get_for(actor, pk=pk)


def list_follow_ups_for(actor: Actor) -> QuerySet[FollowUp]:
    return FollowUp.objects.for_actor(actor).select_related("worker", "employer", "result")


def get_follow_up_for(actor: Actor, pk: int, action: Action = Action.VIEW) -> FollowUp:
    return FollowUp.objects.select_related("worker", "employer", "result").get_for(actor, action, pk=pk)


def list_notices_for(actor: Actor) -> QuerySet[ExamNotice]:
    return ExamNotice.objects.for_actor(actor).select_related("worker", "employer")


def list_referrals_for(actor: Actor) -> QuerySet[DiagnosisReferral]:
    return DiagnosisReferral.objects.for_actor(actor).select_related("worker", "employer", "result")
