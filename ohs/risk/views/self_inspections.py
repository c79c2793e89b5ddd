"""Self-inspections against the checklist (reference/inspection_items.csv)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ohs.core.errors import DomainError
from ohs.core.forms import add_domain_error
from ohs.core.listing import Column, ListSpec, render_list
from ohs.core.querysets import Action
from ohs.registry.models import Employer
from ohs.risk import queries, services
from ohs.risk.forms import SelfInspectionForm
from ohs.risk.models import SelfInspection
from ohs.risk.reference import inspection_items

SELF_INSPECTION_LIST = ListSpec(
    title=_("Self-inspections"),
    columns=[
        Column("employer", _("employer"), value=lambda s: s.employer.name, sort="employer__name", link=True),
        Column("performed_on", _("performed on"), sort="performed_on"),
        Column("score", _("self-check score"), sort="score"),
    ],
    search_fields=["employer__name", "employer__uscc"],
    search_hint=_("employer name or credit code"),
    default_sort="-performed_on",
    export_name="self_inspections",
    row_url=lambda s: reverse("risk:self_inspection", args=[s.pk]),
)


@login_required
@permission_required("risk.view_selfinspection", raise_exception=True)
def self_inspection_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    actions = (
        [(_("New self-inspection"), reverse("risk:self_inspection_new"))]
        if request.user.has_perm("risk.add_selfinspection")
        else []
    )
    return render_list(
        request, SELF_INSPECTION_LIST, queries.list_self_inspections_for(actor), {"page_actions": actions}
    )


@login_required
@permission_required("risk.view_selfinspection", raise_exception=True)
def self_inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    inspection = SelfInspection.objects.select_related("employer").get_for(actor, Action.VIEW, pk=pk)
    names = inspection_items()
    items = [{"item": i, "name": names.get(i.item_code, "")} for i in inspection.items.all()]
    return render(request, "risk/self_inspection_detail.html", {"inspection": inspection, "items": items})


def _problems(post: Any) -> dict[str, dict[str, Any]]:
    problems: dict[str, dict[str, Any]] = {}
    for code in inspection_items():
        if post.get(f"{code}-problem", "").strip():
            problems[code] = {
                "problem": post[f"{code}-problem"].strip(),
                "is_minor": post.get(f"{code}-minor") == "on",
                "correct_by": _date(post.get(f"{code}-correct_by")),
                "corrected_on": _date(post.get(f"{code}-corrected_on")),
                "correction": post.get(f"{code}-correction", ""),
            }
    return problems


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise DomainError("invalid", f"not a date: {value}", field="problems") from None


@login_required
@permission_required("risk.add_selfinspection", raise_exception=True)
def self_inspection_new(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employer = Employer.objects.for_actor(actor, Action.CHANGE).first()
    form = SelfInspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and employer is not None:
        try:
            inspection = services.record_self_inspection(
                actor=actor, employer=employer, problems=_problems(request.POST), **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("risk:self_inspection", pk=inspection.pk)
    context = {"form": form, "items": list(inspection_items().items()), "employer": employer}
    return render(request, "risk/self_inspection_form.html", context)
