"""Inspection record pages (phone-friendly): start, findings, photos, signature or refusal, publish."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.errors import DomainError
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.querysets import Action
from ohs.inspection import queries
from ohs.inspection.choices import InspectionKind, InspectionStatus
from ohs.inspection.forms import CompleteForm
from ohs.inspection.models import Complaint, InspectionTask
from ohs.inspection.services import inspections as services
from ohs.orgs.models import User
from ohs.registry.queries import get_employer_for
from ohs.risk.reference import inspection_items

INSPECTION_LIST = ListSpec(
    title=_("Inspections"),
    columns=[
        Column("employer", _("employer"), value=lambda i: i.employer.name, sort="employer__name", link=True),
        Column("kind", _("kind"), value=lambda i: i.get_kind_display(), sort="kind"),
        Column(
            "started_at",
            _("started at"),
            value=lambda i: timezone.localtime(i.started_at).strftime("%Y-%m-%d %H:%M"),
            sort="started_at",
        ),
        Column("status", _("status"), value=lambda i: i.get_status_display(), sort="status"),
        Column("action_code", _("administrative action code")),
        Column("completed_on", _("result entered on"), sort="completed_on"),
        Column("published_on", _("published on"), sort="published_on"),
    ],
    search_fields=["employer__name", "employer__uscc"],
    search_hint=_("employer name or credit code"),
    filters=[
        Filter("kind", _("kind"), "kind", lambda r: list(InspectionKind.choices)),
        Filter("status", _("status"), "status", lambda r: list(InspectionStatus.choices)),
    ],
    default_sort="-started_at",
    export_name="inspections",
    row_url=lambda i: reverse("inspection:inspection", args=[i.pk]),
)


@login_required
@permission_required("inspection.view_inspection", raise_exception=True)
def inspection_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    return render_list(request, INSPECTION_LIST, queries.list_inspections_for(actor))


def _colleagues(actor_county: str | None) -> list[User]:
    if actor_county is None:
        return []
    return list(User.objects.filter(organisation__region_id=actor_county, inspector__is_active=True).order_by("pk"))


@login_required
@permission_required("inspection.add_inspection", raise_exception=True)
def inspection_start(request: HttpRequest) -> HttpResponse:
    """Start from a drawn task (?task=), a complaint (?complaint=) or an employer (?employer=, targeted)."""
    actor = request.actor  # type: ignore[attr-defined]
    source = request.GET if request.method == "GET" else request.POST
    task = complaint = None
    if source.get("task"):
        task = InspectionTask.objects.select_related("plan", "employer").get_for(
            actor, Action.CHANGE, pk=source["task"]
        )
        employer, kind, items = task.employer, InspectionKind.RANDOM, list(task.plan.items)
        officers = [i.user for i in task.inspectors.select_related("user")]
    else:
        if source.get("complaint"):
            complaint = Complaint.objects.get_for(actor, Action.CHANGE, pk=source["complaint"])
            employer_id, kind = complaint.employer_id, InspectionKind.COMPLAINT
        else:
            employer_id, kind = int(source.get("employer", 0) or 0), InspectionKind.TARGETED
        employer = get_employer_for(actor, employer_id or 0, Action.CHANGE)
        items = source.getlist("items") if request.method == "POST" else list(inspection_items())
        officers = [u for u in _colleagues(actor.region_code) if str(u.pk) in source.getlist("officers")]
    if request.method == "POST":
        try:
            inspection = services.start_inspection(
                actor=actor,
                employer=employer,
                kind=kind,
                items=items,
                officers=officers,
                task=task,
                complaint=complaint,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            return redirect("inspection:inspection", pk=inspection.pk)
    context = {
        "employer": employer,
        "kind": kind,
        "task": task,
        "complaint": complaint,
        "items": [(c, n, c in items) for c, n in inspection_items().items()]
        if task is None
        else [(c, inspection_items()[c], True) for c in items],
        "officers": officers if task is not None else _colleagues(actor.region_code),
        "fixed": task is not None,
    }
    return render(request, "inspection/inspection_start.html", context)


@login_required
@permission_required("inspection.view_inspection", raise_exception=True)
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    inspection = queries.get_inspection_for(actor, pk)
    findings = {f.item_code: f for f in inspection.findings.all()}
    names = inspection_items()
    can_change = (
        request.user.has_perm("inspection.change_inspection")
        and type(inspection).objects.for_actor(actor, Action.CHANGE).filter(pk=pk).exists()
    )
    context = {
        "inspection": inspection,
        "rows": [{"code": c, "name": names.get(c, ""), "finding": findings.get(c)} for c in inspection.items],
        "photos": list(inspection.photos.all()),
        "officers": list(inspection.officers.all()),
        "can_change": can_change,
        "is_open": inspection.status == InspectionStatus.OPEN,
        "complete_form": CompleteForm(),
    }
    return render(request, "inspection/inspection_detail.html", context)


def _changeable(request: HttpRequest, pk: int):  # type: ignore[no-untyped-def]
    return queries.get_inspection_for(request.actor, pk, Action.CHANGE)  # type: ignore[attr-defined]


@require_POST
@login_required
@permission_required("inspection.change_inspection", raise_exception=True)
def inspection_findings(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _changeable(request, pk)
    findings = {
        code: (request.POST.get(f"{code}-ok") != "0", request.POST.get(f"{code}-note", ""))
        for code in inspection.items
        if request.POST.get(f"{code}-ok") in ("0", "1")
    }
    try:
        services.record_findings(actor=request.actor, inspection=inspection, findings=findings)  # type: ignore[attr-defined]
        for upload in request.FILES.getlist("photos"):
            services.add_photo(actor=request.actor, inspection=inspection, upload=upload)  # type: ignore[attr-defined]
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("inspection:inspection", pk=pk)


@require_POST
@login_required
@permission_required("inspection.change_inspection", raise_exception=True)
def inspection_complete(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _changeable(request, pk)
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            services.complete_inspection(actor=request.actor, inspection=inspection, **form.cleaned_data)  # type: ignore[attr-defined]
        except DomainError as error:
            messages.error(request, error.message)
    return redirect("inspection:inspection", pk=pk)


@require_POST
@login_required
@permission_required("inspection.change_inspection", raise_exception=True)
def inspection_publish(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _changeable(request, pk)
    try:
        services.publish_result(actor=request.actor, inspection=inspection)  # type: ignore[attr-defined]
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("inspection:inspection", pk=pk)


@require_POST
@login_required
@permission_required("inspection.change_inspection", raise_exception=True)
def inspection_open_case(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    inspection = _changeable(request, pk)
    finding = inspection.findings.filter(item_code=code).first()
    if finding is None:
        messages.error(request, str(_("no finding for this item")))
        return redirect("inspection:inspection", pk=pk)
    try:
        services.open_case(actor=request.actor, inspection=inspection, finding=finding)  # type: ignore[attr-defined]
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("inspection:inspection", pk=pk)
