"""Booking pages shared by the employer and the institution: list, detail with its workers,
cancel, reschedule, check-in, the written report (PDF)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.documents import current_document_for
from ohs.core.errors import DomainError
from ohs.core.forms import StyledForm, add_domain_error
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.querysets import Action
from ohs.exams import queries, services
from ohs.exams.choices import BookingStatus, ExamCategory
from ohs.exams.forms import date_input
from ohs.exams.models import Booking
from ohs.exams.reports import REPORT_KIND
from ohs.exams.workflow import APPOINTMENT_WORKFLOW, BOOKING_WORKFLOW
from ohs.orgs.choices import Role

BOOKING_LIST = ListSpec(
    title=_("Exam bookings"),
    columns=[
        Column("exam_on", _("exam day"), sort="exam_on", link=True),
        Column("employer", _("employer"), value=lambda b: b.employer.name, sort="employer__name"),
        Column("institution", _("exam institution"), value=lambda b: str(b.institution)),
        Column("site", _("site"), value=lambda b: b.site.name),
        Column("exam_category", _("exam category"), value=lambda b: b.get_exam_category_display()),
        Column("status", _("status"), value=lambda b: b.get_status_display(), sort="status"),
    ],
    search_fields=["employer__name", "institution__organisation__name"],
    search_hint=_("employer or institution"),
    filters=[
        Filter("status", _("status"), "status", lambda r: list(BookingStatus.choices)),
        Filter("category", _("exam category"), "exam_category", lambda r: list(ExamCategory.choices)),
    ],
    default_sort="-exam_on",
    export_name="exam-bookings",
    row_url=lambda b: reverse("exams:booking_detail", args=[b.pk]),
)


@login_required
@permission_required("exams.view_booking", raise_exception=True)
def booking_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, BOOKING_LIST, queries.list_bookings_for(request.actor))  # type: ignore[attr-defined]


class RescheduleForm(StyledForm):
    exam_on = forms.DateField(label=_("new exam day"), widget=date_input())


@login_required
@permission_required("exams.view_booking", raise_exception=True)
def booking_detail(request: HttpRequest, pk: int, reschedule_form: RescheduleForm | None = None) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    booking = queries.get_booking_for(actor, pk)
    appointments = list(booking.appointments.select_related("worker", "result").order_by("worker__name"))
    may_change = Booking.objects.for_actor(actor, Action.CHANGE).filter(pk=pk).exists()
    for appointment in appointments:
        appointment.steps = [t.name for t in APPOINTMENT_WORKFLOW.allowed(actor, appointment)] if may_change else []  # type: ignore[attr-defined]
    context = {
        "booking": booking,
        "appointments": appointments,
        "may_cancel": may_change and bool(BOOKING_WORKFLOW.allowed(actor, booking)),
        "may_reschedule": may_change and actor.role == Role.EMPLOYER_MANAGER and booking.status == BookingStatus.BOOKED,
        "is_institution": may_change and actor.role == Role.EXAM_STAFF,
        "reschedule_form": reschedule_form or RescheduleForm(),
        "report": current_document_for(booking, REPORT_KIND),
    }
    return render(request, "exams/booking_detail.html", context)


def _booking(request: HttpRequest, pk: int) -> Booking:
    return queries.get_booking_for(request.actor, pk, Action.CHANGE)  # type: ignore[attr-defined]


@require_POST
@login_required
@permission_required("exams.change_booking", raise_exception=True)
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.cancel_booking(actor=request.actor, booking=_booking(request, pk))  # type: ignore[attr-defined]
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("exams:booking_detail", pk=pk)


@require_POST
@login_required
@permission_required("exams.add_booking", raise_exception=True)
def booking_reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking(request, pk)
    form = RescheduleForm(request.POST)
    if form.is_valid():
        try:
            services.reschedule_booking(actor=request.actor, booking=booking, exam_on=form.cleaned_data["exam_on"])  # type: ignore[attr-defined]
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("exams:booking_detail", pk=pk)
    return booking_detail(request, pk, reschedule_form=form)


@require_POST
@login_required
@permission_required("exams.change_appointment", raise_exception=True)
def appointment_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    appointment = queries.get_appointment_for(actor, pk, Action.CHANGE)
    try:
        services.check_in(actor=actor, appointment=appointment)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("exams:booking_detail", pk=appointment.booking_id)


@require_POST
@login_required
@permission_required("exams.add_examresult", raise_exception=True)
def booking_issue_report(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.issue_report(actor=request.actor, booking=_booking(request, pk))  # type: ignore[attr-defined]
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("exams:booking_detail", pk=pk)


@login_required
@permission_required("exams.view_booking", raise_exception=True)
def booking_report(request: HttpRequest, pk: int) -> FileResponse:
    booking = queries.get_booking_for(request.actor, pk)  # type: ignore[attr-defined]
    document = current_document_for(booking, REPORT_KIND)
    if document is None:
        raise Http404
    return FileResponse(document.file.open("rb"), filename=f"体检报告-{booking.pk}.pdf", content_type="application/pdf")
