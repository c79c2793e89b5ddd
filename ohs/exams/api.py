"""Exams API for institutions' systems (scope, sites, daily capacity, check-in, results, reports)
and employers' HR systems (due list, booking, rescheduling, cancelling, confirming follow-ups)."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from ohs.core.api import require_perm
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.querysets import Action
from ohs.exams import queries, services
from ohs.exams.due import WorkerDue, due_for_employer
from ohs.exams.models import Booking, CapacityDay, DiagnosisReferral, ExamInstitution, ExamResult, ExamSite, FollowUp
from ohs.exams.schemas import (
    BookingIn,
    BookingOut,
    CapacityOut,
    CapacityPublishIn,
    ConfirmIn,
    CopyWeekIn,
    CountOut,
    FollowUpOut,
    InstitutionOut,
    ReferralOut,
    ReportOut,
    RescheduleIn,
    ResultIn,
    ResultOut,
    ScopeIn,
    SiteIn,
    SiteOut,
    WorkerDueOut,
)
from ohs.registry.queries import get_employer_for

router = Router(tags=["exams"])


def _institution_out(institution: ExamInstitution) -> dict[str, Any]:
    return {
        "id": institution.pk,
        "name": institution.organisation.name,
        "region_code": institution.organisation.region_id,
        "record_number": institution.record_number,
        "hazard_categories": institution.hazard_categories,
        "is_active": institution.is_active,
        "capacity_refreshed_at": institution.capacity_refreshed_at,
        "is_stale": services.is_stale(institution),
    }


@router.get("/institutions", response=list[InstitutionOut])
@paginate(PageNumberPagination)
def list_institutions(request: HttpRequest, hazard_category: str | None = None) -> list[dict[str, Any]]:
    """Institutions the caller may see, with their scope and whether capacity is up to date."""
    queryset = queries.list_institutions_for(require_perm(request, "exams.view_examinstitution"))
    rows = [_institution_out(i) for i in queryset.order_by("pk")]
    return [r for r in rows if not hazard_category or hazard_category in r["hazard_categories"]]


@router.get("/institutions/{institution_id}", response=InstitutionOut)
def get_institution(request: HttpRequest, institution_id: int) -> dict[str, Any]:
    actor = require_perm(request, "exams.view_examinstitution")
    return _institution_out(queries.get_institution_for(actor, institution_id))


@router.put("/institutions/{institution_id}/scope", response=InstitutionOut)
def set_scope(request: HttpRequest, institution_id: int, payload: ScopeIn) -> dict[str, Any]:
    """The hazard categories of the institution's registration."""
    actor = require_perm(request, "exams.change_examinstitution")
    institution = queries.get_institution_for(actor, institution_id, Action.CHANGE)
    return _institution_out(services.set_scope(actor=actor, institution=institution, **payload.dict()))


@router.get("/institutions/{institution_id}/sites", response=list[SiteOut])
def list_sites(request: HttpRequest, institution_id: int) -> QuerySet[ExamSite]:
    actor = require_perm(request, "exams.view_examsite")
    institution = queries.get_institution_for(actor, institution_id)
    return ExamSite.objects.for_actor(actor).filter(institution=institution)


@router.post("/institutions/{institution_id}/sites", response={201: SiteOut})
def add_site(request: HttpRequest, institution_id: int, payload: SiteIn) -> Status[ExamSite]:
    actor = require_perm(request, "exams.add_examsite")
    institution = queries.get_institution_for(actor, institution_id, Action.CHANGE)
    return Status(201, services.add_site(actor=actor, institution=institution, **payload.dict()))


@router.get("/institutions/{institution_id}/capacity", response=list[CapacityOut])
@paginate(PageNumberPagination)
def list_capacity(
    request: HttpRequest,
    institution_id: int,
    date_from: str | None = None,
    date_to: str | None = None,
    exam_category: str | None = None,
) -> QuerySet[CapacityDay]:
    """Places published, booked and remaining per site, day and category."""
    actor = require_perm(request, "exams.view_capacityday")
    institution = queries.get_institution_for(actor, institution_id)
    queryset = CapacityDay.objects.for_actor(actor).filter(institution=institution)
    queryset = queryset.filter(exam_on__gte=date_from or timezone.localdate())
    if date_to:
        queryset = queryset.filter(exam_on__lte=date_to)
    if exam_category:
        queryset = queryset.filter(exam_category=exam_category)
    return queryset.order_by("exam_on", "site_id", "exam_category", "hazard_category")


@router.post("/institutions/{institution_id}/capacity", response=CountOut)
def publish_capacity(request: HttpRequest, institution_id: int, payload: CapacityPublishIn) -> dict[str, int]:
    """Publish places (all or nothing); an empty list confirms the current figures for today."""
    actor = require_perm(request, "exams.change_capacityday")
    institution = queries.get_institution_for(actor, institution_id, Action.CHANGE)
    entries = [services.CapacityEntry(**e.dict()) for e in payload.entries]
    return {"count": services.publish_capacity(actor=actor, institution=institution, entries=entries)}


@router.post("/institutions/{institution_id}/capacity/copy-week", response=CountOut)
def copy_week(request: HttpRequest, institution_id: int, payload: CopyWeekIn) -> dict[str, int]:
    """Repeat one week's capacity for the following weeks."""
    actor = require_perm(request, "exams.change_capacityday")
    institution = queries.get_institution_for(actor, institution_id, Action.CHANGE)
    return {"count": services.copy_week(actor=actor, institution=institution, **payload.dict())}


def _due_out(entry: WorkerDue) -> dict[str, Any]:
    post = entry.employment.post
    return {
        "worker_id": entry.worker.pk,
        "worker_name": entry.worker.name,
        "post": f"{post.workplace.name}/{post.name}" if post else "",
        "hazards": [h.name for h in entry.hazards],
        "edition_in_force": entry.edition.in_force.value if entry.edition else "",
        "edition_applied": entry.edition.applied.value if entry.edition else "",
        "due": [
            {
                "exam_type": d.exam_type.value,
                "due_on": d.due_on,
                "is_overdue": d.is_overdue,
                "is_recheck": d.is_recheck,
                "is_booked": entry.is_booked(d),
                "hazards": list(d.hazards),
                "hazard_categories": entry.categories_for(d),
                "target_diseases": list(d.target_diseases),
                "core_items": list(d.core_items),
                "confidence": d.confidence.value,
                "edition": d.edition.value,
                "reasons": [*(entry.edition.reasons if entry.edition else ()), *d.reasons],
            }
            for d in entry.due
        ],
        "gaps": [g.reason for g in entry.gaps],
    }


@router.get("/employers/{employer_id}/due", response=list[WorkerDueOut])
def due_list(request: HttpRequest, employer_id: int) -> list[dict[str, Any]]:
    """Workers on hazard posts and the exams due for them under GBZ 188 (edition stated)."""
    actor = require_perm(request, "exams.view_booking")
    employer = get_employer_for(actor, employer_id)
    return [_due_out(e) for e in due_for_employer(employer.pk, timezone.localdate())]


@router.get("/bookings", response=list[BookingOut])
@paginate(PageNumberPagination)
def list_bookings(request: HttpRequest, status: str | None = None) -> QuerySet[Booking]:
    queryset = queries.list_bookings_for(require_perm(request, "exams.view_booking")).prefetch_related("appointments")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-pk")


@router.get("/bookings/{booking_id}", response=BookingOut)
def get_booking(request: HttpRequest, booking_id: int) -> Booking:
    return queries.get_booking_for(require_perm(request, "exams.view_booking"), booking_id)


@router.post("/bookings", response={201: BookingOut})
def book(request: HttpRequest, payload: BookingIn) -> Status[Booking]:
    """Book a batch of workers on one day: all or nothing, never beyond the places left."""
    actor = require_perm(request, "exams.add_booking")
    employer = get_employer_for(actor, payload.employer_id, Action.CHANGE)
    institution = queries.get_institution_for(actor, payload.institution_id)
    site = ExamSite.objects.for_actor(actor).filter(pk=payload.site_id).first()
    if site is None:
        raise DomainError(ErrorCode.INVALID, "choose one of the institution's sites", field="site_id")
    booking = services.book_batch(
        actor=actor,
        employer=employer,
        institution=institution,
        site=site,
        exam_on=payload.exam_on,
        exam_category=payload.exam_category,
        worker_ids=payload.worker_ids,
    )
    return Status(201, booking)


@router.post("/bookings/{booking_id}/reschedule", response=BookingOut)
def reschedule(request: HttpRequest, booking_id: int, payload: RescheduleIn) -> Booking:
    actor = require_perm(request, "exams.change_booking")
    booking = queries.get_booking_for(actor, booking_id, Action.CHANGE)
    site = ExamSite.objects.filter(pk=payload.site_id).first() if payload.site_id else None
    return services.reschedule_booking(actor=actor, booking=booking, exam_on=payload.exam_on, site=site)


@router.post("/bookings/{booking_id}/cancel", response=BookingOut)
def cancel(request: HttpRequest, booking_id: int) -> Booking:
    actor = require_perm(request, "exams.change_booking")
    return services.cancel_booking(actor=actor, booking=queries.get_booking_for(actor, booking_id, Action.CHANGE))


@router.post("/bookings/{booking_id}/report", response={201: ReportOut})
def issue_report(request: HttpRequest, booking_id: int) -> Status[Any]:
    """The institution's written report to the employer, as a PDF with a verification QR."""
    actor = require_perm(request, "exams.add_examresult")
    document = services.issue_report(actor=actor, booking=queries.get_booking_for(actor, booking_id, Action.CHANGE))
    return Status(201, {"verification_code": document.verification_code, "title": document.title})


@router.post("/appointments/{appointment_id}/check-in", response=CountOut)
def check_in(request: HttpRequest, appointment_id: int) -> dict[str, int]:
    actor = require_perm(request, "exams.change_appointment")
    appointment = queries.get_appointment_for(actor, appointment_id, Action.CHANGE)
    services.check_in(actor=actor, appointment=appointment)
    return {"count": 1}


@router.post("/appointments/{appointment_id}/cancel", response=CountOut)
def cancel_appointment(request: HttpRequest, appointment_id: int) -> dict[str, int]:
    """Take one worker out of a booking; their places return to the day."""
    actor = require_perm(request, "exams.change_booking")
    appointment = queries.get_appointment_for(actor, appointment_id, Action.CHANGE)
    services.cancel_appointment(actor=actor, appointment=appointment)
    return {"count": 1}


@router.post("/appointments/{appointment_id}/result", response={201: ResultOut})
def record_result(request: HttpRequest, appointment_id: int, payload: ResultIn) -> Status[ExamResult]:
    """One worker's items, findings, conclusion (one of the five) and handling advice."""
    actor = require_perm(request, "exams.add_examresult")
    appointment = queries.get_appointment_for(actor, appointment_id, Action.CHANGE)
    data = payload.dict()
    data["items"] = [dict(i) for i in data["items"]]
    return Status(201, services.record_result(actor=actor, appointment=appointment, data=services.ResultData(**data)))


@router.get("/results", response=list[ResultOut])
@paginate(PageNumberPagination)
def list_results(request: HttpRequest, conclusion: str | None = None) -> QuerySet[ExamResult]:
    queryset = queries.list_results_for(require_perm(request, "exams.view_examresult"))
    if conclusion:
        queryset = queryset.filter(conclusion=conclusion)
    return queryset.order_by("-pk")


@router.get("/results/{result_id}", response=ResultOut)
def get_result(request: HttpRequest, result_id: int) -> ExamResult:
    return queries.get_result_for(require_perm(request, "exams.view_examresult"), result_id)


@router.get("/follow-ups", response=list[FollowUpOut])
@paginate(PageNumberPagination)
def list_follow_ups(request: HttpRequest, status: str | None = None) -> QuerySet[FollowUp]:
    queryset = queries.list_follow_ups_for(require_perm(request, "exams.view_followup"))
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-pk")


@router.get("/follow-ups/{follow_up_id}", response=FollowUpOut)
def get_follow_up(request: HttpRequest, follow_up_id: int) -> FollowUp:
    return queries.get_follow_up_for(require_perm(request, "exams.view_followup"), follow_up_id)


@router.post("/follow-ups/{follow_up_id}/confirm", response=FollowUpOut)
def confirm_post_change(request: HttpRequest, follow_up_id: int, payload: ConfirmIn) -> FollowUp:
    """The employer confirms the worker was moved off the post (contraindication)."""
    actor = require_perm(request, "exams.change_followup")
    follow_up = queries.get_follow_up_for(actor, follow_up_id, Action.CHANGE)
    return services.confirm_post_change(actor=actor, follow_up=follow_up, note=payload.note)


@router.get("/referrals", response=list[ReferralOut])
@paginate(PageNumberPagination)
def list_referrals(request: HttpRequest) -> QuerySet[DiagnosisReferral]:
    """Suspected occupational diseases referred for diagnosis."""
    return queries.list_referrals_for(require_perm(request, "exams.view_diagnosisreferral")).order_by("-pk")
