"""Employer pages: list (search, filters, sorting, export), detail, register, edit, confirm."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.archives import FileKind, build_file
from ohs.core.errors import DomainError
from ohs.core.forms import add_domain_error
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.querysets import Action
from ohs.core.workflow import transition
from ohs.geo.queries import county_choices_for
from ohs.registry import queries, services
from ohs.registry.choices import EmployerStatus
from ohs.registry.forms import EmployerForm
from ohs.registry.models import Employer
from ohs.registry.workflow import EMPLOYER_WORKFLOW


def _county_filter(request: HttpRequest) -> list[tuple[str, str]]:
    return county_choices_for(request.actor)  # type: ignore[attr-defined]


EMPLOYER_LIST = ListSpec(
    title=_("Employers"),
    columns=[
        Column("name", _("name"), sort="name", link=True),
        Column("uscc", _("unified social credit code"), sort="uscc"),
        Column("county", _("county"), value=lambda e: e.county.full_name, sort="county_id"),
        Column("industry_code", _("industry"), sort="industry_code"),
        Column("status", _("status"), value=lambda e: e.get_status_display(), sort="status"),
    ],
    search_hint=_("name, pinyin initials or credit code"),
    filters=[
        Filter("status", _("status"), "status", lambda r: list(EmployerStatus.choices)),
        Filter("county", _("county"), "county_id", _county_filter),
    ],
    default_sort="name",
    export_name="employers",
    row_url=lambda e: reverse("registry:employer_detail", args=[e.pk]),
    search=queries.search_employers,
)


@login_required
@permission_required("registry.view_employer", raise_exception=True)
def employer_list(request: HttpRequest) -> HttpResponse:
    actions = [(_("Register an employer"), reverse("registry:employer_create"))] if request.actor.is_supervising else []  # type: ignore[attr-defined]
    return render_list(request, EMPLOYER_LIST, queries.list_employers_for(request.actor), {"page_actions": actions})  # type: ignore[attr-defined]


@login_required
@permission_required("registry.view_employer", raise_exception=True)
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employer = queries.get_employer_for(actor, pk)
    can_change = Employer.objects.for_actor(actor, Action.CHANGE).filter(pk=pk).exists()
    context: dict[str, Any] = {
        "employer": employer,
        "can_change": can_change and request.user.has_perm("registry.change_employer"),
        "transitions": EMPLOYER_WORKFLOW.allowed(actor, employer) if can_change else [],
        "workplaces": employer.workplaces.prefetch_related("posts"),
        "contacts": employer.contacts.all(),
    }
    return render(request, "registry/employer_detail.html", context)


@login_required
@permission_required("registry.add_employer", raise_exception=True)
def employer_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    form = EmployerForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            employer = services.register_employer(actor=actor, data=form.to_data())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("registry:employer_detail", pk=employer.pk)
    return render(request, "core/form.html", {"form": form, "title": _("Register an employer")})


@login_required
@permission_required("registry.change_employer", raise_exception=True)
def employer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employer = queries.get_employer_for(actor, pk, Action.CHANGE)
    initial = {f: getattr(employer, f) for f in EmployerForm.base_fields if hasattr(employer, f)}
    initial["county_code"] = employer.county_id
    form = EmployerForm(request.POST or None, actor=actor, current_county=employer.county_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_employer(actor=actor, employer=employer, data=form.to_data())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("registry:employer_detail", pk=employer.pk)
    return render(request, "core/form.html", {"form": form, "title": employer.name})


@require_POST
@login_required
@permission_required("registry.change_employer", raise_exception=True)
def employer_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employer = queries.get_employer_for(actor, pk, Action.CHANGE)
    try:
        transition(EMPLOYER_WORKFLOW, actor, employer, name)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("registry:employer_detail", pk=employer.pk)


@login_required
@permission_required("registry.view_employer", raise_exception=True)
def employer_file(request: HttpRequest, pk: int) -> HttpResponse:
    """一企一案: everything the platform knows about one employer, section by section."""
    actor = request.actor  # type: ignore[attr-defined]
    employer = queries.get_employer_for(actor, pk)
    context = {
        "archive": build_file(FileKind.ENTERPRISE, actor, employer),
        "title": f"{_('Enterprise file')} · {employer.name}",
        "back_url": reverse("registry:employer_detail", args=[pk]),
    }
    return render(request, "core/archive.html", context)
