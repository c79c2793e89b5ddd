"""Inspector pool pages: the regulator keeps the pool of its jurisdiction and sees the declared
conflicts in it; an inspector declares and withdraws their own conflicts of interest."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.actor import Actor
from ohs.core.errors import DomainError
from ohs.core.forms import add_domain_error
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.querysets import Action
from ohs.inspection import queries
from ohs.inspection.choices import ConflictRelation, ConflictStatus, InspectorStatus
from ohs.inspection.forms import ConflictForm, FormerEmployerForm, InspectorAddForm
from ohs.inspection.models import Inspector, InspectorConflict, open_tasks
from ohs.inspection.services import pool as services
from ohs.orgs.choices import Role
from ohs.orgs.models import User


def _name(user: User) -> str:
    return str(user)


INSPECTOR_LIST = ListSpec(
    title=_("Inspector pool"),
    columns=[
        Column("name", _("inspector"), value=lambda i: _name(i.user), sort="user__full_name", link=True),
        Column("body", _("body"), value=lambda i: i.user.organisation.name if i.user.organisation else ""),
        Column("status", _("status"), value=lambda i: i.get_status_display(), sort="status"),
        Column("former_employer", _("former employer"), value=lambda i: getattr(i.former_employer, "name", "")),
        Column("open_task_count", _("open tasks"), sort="open_task_count"),
        Column("task_count", _("tasks drawn"), sort="task_count"),
        Column("conflict_count", _("declared conflicts"), sort="conflict_count"),
    ],
    search_fields=["user__full_name", "user__username", "user__organisation__name"],
    search_hint=_("name or body"),
    filters=[Filter("status", _("status"), "status", lambda r: list(InspectorStatus.choices))],
    default_sort="county_id",
    export_name="inspector_pool",
    row_url=lambda i: reverse("inspection:inspector", args=[i.pk]),
)

CONFLICT_LIST = ListSpec(
    title=_("Declared conflicts of interest"),
    columns=[
        Column("inspector", _("inspector"), value=lambda c: _name(c.inspector.user), link=True),
        Column("body", _("body"), value=lambda c: getattr(c.inspector.user.organisation, "name", "")),
        Column("employer", _("employer"), value=lambda c: c.employer.name, sort="employer__name"),
        Column("relation", _("relation"), value=lambda c: c.get_relation_display(), sort="relation"),
        Column("reason", _("details")),
        Column("since_on", _("since"), sort="since_on"),
        Column("status", _("status"), value=lambda c: c.get_status_display(), sort="status"),
    ],
    search_fields=["employer__name", "employer__uscc", "inspector__user__full_name"],
    search_hint=_("employer or inspector"),
    filters=[
        Filter("status", _("status"), "status", lambda r: list(ConflictStatus.choices)),
        Filter("relation", _("relation"), "relation", lambda r: list(ConflictRelation.choices)),
    ],
    default_sort="-declared_at",
    export_name="declared_conflicts",
    row_url=lambda c: reverse("inspection:conflict", args=[c.pk]),
)


@login_required
@permission_required("inspection.view_inspector", raise_exception=True)
def inspector_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    actions = []
    if request.user.has_perm("inspection.add_inspector"):
        actions.append((_("Add an inspector"), reverse("inspection:inspector_add")))
    return render_list(request, INSPECTOR_LIST, queries.list_inspectors_for(actor), {"page_actions": actions})


def _candidates(actor: Actor) -> list[tuple[int, str]]:
    """Inspectors of the actor's jurisdiction who are not in the pool yet."""
    users = User.objects.filter(role=Role.INSPECTOR, inspector__isnull=True, organisation__isnull=False)
    span = actor.jurisdiction
    if not actor.is_superuser:
        if span is None:
            return []
        users = users.filter(organisation__region_id__gte=span.lo, organisation__region_id__lt=span.hi)
    users = users.select_related("organisation").order_by("organisation__region_id", "username")
    return [(u.pk, f"{_name(u)} · {u.organisation.name}") for u in users]  # type: ignore[union-attr]


@login_required
@permission_required("inspection.add_inspector", raise_exception=True)
def inspector_add(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    form = InspectorAddForm(request.POST or None, candidates=_candidates(actor))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            former = (
                queries.find_employer_for(actor, data["former_employer"], "former_employer")
                if data["former_employer"].strip()
                else None
            )
            inspector = services.add_to_pool(actor=actor, user_id=data["user_id"], former_employer=former)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("inspection:inspector", pk=inspector.pk)
    return render(request, "core/form.html", {"form": form, "title": _("Add an inspector to the pool")})


@login_required
@permission_required("inspection.view_inspector", raise_exception=True)
def inspector_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    inspector = queries.get_inspector_for(actor, pk)
    can_change = (
        request.user.has_perm("inspection.change_inspector")
        and Inspector.objects.for_actor(actor, Action.CHANGE).filter(pk=pk).exists()
    )
    context = {
        "i": inspector,
        "open_tasks": inspector.tasks.filter(open_tasks()).select_related("plan", "employer").order_by("pk"),
        "conflicts": inspector.conflicts.select_related("employer").order_by("-declared_at"),
        "can_change": can_change,
        "former_form": FormerEmployerForm(
            initial={"former_employer": inspector.former_employer.uscc if inspector.former_employer else ""}
        ),
    }
    return render(request, "inspection/inspector_detail.html", context)


@require_POST
@login_required
@permission_required("inspection.change_inspector", raise_exception=True)
def inspector_step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """removed | restored | former_employer (the regulator's acts on a pool entry)."""
    actor = request.actor  # type: ignore[attr-defined]
    inspector = queries.get_inspector_for(actor, pk, Action.CHANGE)
    try:
        if name == "removed":
            services.remove_from_pool(actor=actor, inspector=inspector)
        elif name == "restored":
            services.restore_to_pool(actor=actor, inspector=inspector)
        elif name == "former_employer":
            text = request.POST.get("former_employer", "")
            employer = queries.find_employer_for(actor, text, "former_employer") if text.strip() else None
            services.record_former_employer(actor=actor, inspector=inspector, employer=employer)
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("inspection:inspector", pk=pk)


@login_required
@permission_required("inspection.view_inspectorconflict", raise_exception=True)
def conflict_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    return render_list(request, CONFLICT_LIST, queries.list_conflicts_for(actor))


@login_required
@permission_required("inspection.view_inspectorconflict", raise_exception=True)
def conflict_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    conflict = queries.get_conflict_for(actor, pk)
    return render(request, "inspection/conflict_detail.html", {"c": conflict})


def _own_conflicts(actor: Actor) -> list[InspectorConflict]:
    mine = queries.list_conflicts_for(actor).filter(inspector__user_id=actor.user_id or 0)
    return list(mine.order_by("status", "-declared_at"))


@login_required
@permission_required("inspection.add_inspectorconflict", raise_exception=True)
def my_conflicts(request: HttpRequest) -> HttpResponse:
    """The inspector's own declarations: declare a new one, see and withdraw the others."""
    actor = request.actor  # type: ignore[attr-defined]
    inspector = queries.own_inspector(actor)
    form = ConflictForm(request.POST or None, initial={"since_on": timezone.localdate()})
    if request.method == "POST" and inspector is not None and form.is_valid():
        data = form.cleaned_data
        try:
            employer = queries.find_employer_for(actor, data["employer"], "employer")
            services.declare_conflict(
                actor=actor,
                inspector=inspector,
                employer=employer,
                relation=data["relation"],
                reason=data["reason"],
                since_on=data["since_on"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Declared: no draw will send you to %(name)s.") % {"name": employer.name})
            return redirect("inspection:my_conflicts")
    context = {"form": form, "inspector": inspector, "conflicts": _own_conflicts(actor)}
    return render(request, "inspection/my_conflicts.html", context)


@require_POST
@login_required
@permission_required("inspection.change_inspectorconflict", raise_exception=True)
def conflict_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    conflict = queries.get_own_conflict_for(actor, pk)
    try:
        services.withdraw_conflict(actor=actor, conflict=conflict)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("inspection:my_conflicts")
