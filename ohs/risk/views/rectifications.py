"""Rectification pages: the list (overdue first for regulators), submit, approve or send back."""

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
from ohs.core.forms import add_domain_error
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.querysets import Action
from ohs.risk import queries, services
from ohs.risk.choices import RectificationStatus
from ohs.risk.forms import ReturnForm, SubmitForm
from ohs.risk.workflow import RECTIFICATION_WORKFLOW

OVERDUE_NOTE = _("Overdue rectifications (escalated to the regulator)")
RECTIFICATION_LIST = ListSpec(
    title=_("Rectifications"),
    columns=[
        Column("employer", _("employer"), value=lambda r: r.employer.name, sort="employer__name", link=True),
        Column("shortfall_title", _("shortfall")),
        Column("deadline", _("deadline"), sort="deadline"),
        Column("status", _("status"), value=lambda r: r.get_status_display(), sort="status"),
        Column("overdue", _("overdue"), value=lambda r: "逾期" if r.is_overdue else ""),
        Column(
            "escalated_at",
            _("escalated at"),
            value=lambda r: timezone.localtime(r.escalated_at).strftime("%Y-%m-%d") if r.escalated_at else "",
            sort="escalated_at",
        ),
    ],
    search_fields=["employer__name", "employer__uscc"],
    search_hint=_("employer name or credit code"),
    filters=[
        Filter("status", _("status"), "status", lambda r: list(RectificationStatus.choices)),
        Filter("escalated", _("escalated"), "escalated_at__isnull", lambda r: [("0", _("yes")), ("1", _("no"))]),
    ],
    default_sort="deadline",
    export_name="rectifications",
    row_url=lambda r: reverse("risk:rectification", args=[r.pk]),
)


@login_required
@permission_required("risk.view_rectification", raise_exception=True)
def rectification_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    queryset = queries.list_rectifications_for(actor)
    overdue = queryset.filter(deadline__lt=timezone.localdate()).exclude(status=RectificationStatus.APPROVED).count()
    if overdue and not request.headers.get("HX-Request"):
        messages.warning(request, f"{OVERDUE_NOTE}: {overdue}")
    return render_list(request, RECTIFICATION_LIST, queryset)


@login_required
@permission_required("risk.view_rectification", raise_exception=True)
def rectification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    rectification = queries.get_rectification_for(actor, pk)
    allowed = [t.name for t in RECTIFICATION_WORKFLOW.allowed(actor, rectification)]
    context = {
        "r": rectification,
        "files": list(rectification.files.all()),
        "transitions": allowed,
        "submit_form": SubmitForm() if "submitted" in allowed else None,
        "return_form": ReturnForm(),
    }
    return render(request, "risk/rectification_detail.html", context)


@require_POST
@login_required
@permission_required("risk.change_rectification", raise_exception=True)
def rectification_submit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    rectification = queries.get_rectification_for(actor, pk, Action.CHANGE)
    form = SubmitForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.submit_rectification(
                actor=actor,
                rectification=rectification,
                actions_taken=form.cleaned_data["actions_taken"],
                files=form.cleaned_data["evidence"],
            )
        except DomainError as error:
            add_domain_error(form, error)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))
    return redirect("risk:rectification", pk=pk)


@require_POST
@login_required
@permission_required("risk.change_rectification", raise_exception=True)
def rectification_decide(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    rectification = queries.get_rectification_for(actor, pk, Action.CHANGE)
    try:
        if name == "approved":
            services.approve_rectification(actor=actor, rectification=rectification)
        elif name == "returned":
            services.return_rectification(
                actor=actor, rectification=rectification, reason=request.POST.get("reason", "")
            )
        else:
            messages.error(request, str(_("unknown decision")))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("risk:rectification", pk=pk)
