"""投诉举报 pages: list with the on-time rate, receive, assign, handle, answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.errors import DomainError
from ohs.core.forms import add_domain_error
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.querysets import Action
from ohs.inspection import queries
from ohs.inspection.choices import ComplaintStatus
from ohs.inspection.forms import ComplaintForm
from ohs.inspection.models import Complaint
from ohs.inspection.services import complaints as services
from ohs.orgs.models import User
from ohs.registry.models import Employer

ON_TIME_NOTE = _("Handled to standard this year (of those due or answered)")
COMPLAINT_LIST = ListSpec(
    title=_("Complaints and reports"),
    columns=[
        Column("received_on", _("received on"), sort="received_on", link=True),
        Column("employer", _("employer"), value=lambda c: c.employer.name if c.employer else ""),
        Column("content", _("content"), value=lambda c: c.content[:40]),
        Column("due_on", _("handle by"), sort="due_on"),
        Column("status", _("status"), value=lambda c: c.get_status_display(), sort="status"),
        Column("on_time", _("on time"), value=lambda c: {True: "✓", False: "逾期", None: ""}[c.is_on_time]),
    ],
    search_fields=["content", "employer__name"],
    search_hint=_("content or employer"),
    filters=[Filter("status", _("status"), "status", lambda r: list(ComplaintStatus.choices))],
    default_sort="-received_on",
    export_name="complaints",
    row_url=lambda c: reverse("inspection:complaint", args=[c.pk]),
)


@login_required
@permission_required("inspection.view_complaint", raise_exception=True)
def complaint_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    queryset = queries.list_complaints_for(actor)
    today = timezone.localdate()
    year = Complaint.objects.for_actor(actor).filter(received_on__year=today.year)
    due = year.filter(Q(due_on__lt=today) | Q(status=ComplaintStatus.ANSWERED))
    on_time = due.filter(answered_on__isnull=False, answered_on__lte=F("due_on")).count()
    actions = (
        [(_("Receive a complaint"), reverse("inspection:complaint_new"))]
        if request.user.has_perm("inspection.add_complaint")
        else []
    )
    if not request.headers.get("HX-Request"):
        messages.info(request, f"{ON_TIME_NOTE}: {on_time}/{due.count()}")
    return render_list(request, COMPLAINT_LIST, queryset, {"page_actions": actions})


@login_required
@permission_required("inspection.add_complaint", raise_exception=True)
def complaint_new(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    form = ComplaintForm(request.POST or None)
    employers = Employer.objects.for_actor(actor, Action.CHANGE).order_by("name")
    employer_id = request.POST.get("employer") if request.method == "POST" else None
    if request.method == "POST" and form.is_valid():
        employer = employers.filter(pk=employer_id).first() if employer_id else None
        try:
            complaint = services.receive_complaint(
                actor=actor,
                county_id=employer.county_id if employer else (actor.region_code or ""),
                employer=employer,
                **form.cleaned_data,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("inspection:complaint", pk=complaint.pk)
    return render(request, "inspection/complaint_new.html", {"form": form, "employers": employers[:200]})


@login_required
@permission_required("inspection.view_complaint", raise_exception=True)
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    complaint = queries.get_complaint_for(actor, pk)
    officers = list(User.objects.filter(organisation__region_id=complaint.county_id, inspector__isnull=False))
    return render(request, "inspection/complaint_detail.html", {"c": complaint, "officers": officers})


@require_POST
@login_required
@permission_required("inspection.change_complaint", raise_exception=True)
def complaint_step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    complaint = queries.get_complaint_for(actor, pk, Action.CHANGE)
    try:
        if name == "assigned":
            officer = User.objects.filter(
                pk=request.POST.get("officer") or 0, organisation__region_id=complaint.county_id
            ).first()
            if officer is None:
                raise DomainError("invalid", "choose an officer of the county", field="officer")
            services.assign_complaint(actor=actor, complaint=complaint, officer=officer)
        elif name == "handled":
            services.handle_complaint(actor=actor, complaint=complaint, handling=request.POST.get("text", ""))
        elif name == "answered":
            services.answer_complaint(actor=actor, complaint=complaint, answer=request.POST.get("text", ""))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("inspection:complaint", pk=pk)
