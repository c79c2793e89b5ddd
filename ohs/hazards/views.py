"""Hazard catalogue pages: the agent list (search, filters, sorting, export), an agent with its
limits at any version, and the provincial editors' forms (correct a value, add a value or an agent)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ohs.core.errors import DomainError
from ohs.core.forms import add_domain_error
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.hazards import queries, services
from ohs.hazards.choices import Category, Confidence, metric_short_label
from ohs.hazards.forms import AgentForm, LimitCorrectionForm, NewLimitForm
from ohs.hazards.models import LOWEST_CONFIDENCE, Agent, LimitValue

SUMMARY_LIMITS = 3  # limits named in a list row; the detail page has them all
VIEW_PERM = "hazards.view_agent"
_CONFIDENCE_TEXT: dict[str, Promise] = {
    Confidence.A: _("A"),
    Confidence.B: _("B · not read in the standard"),
    Confidence.C: _("C · to be verified"),
}


def confidence_text(confidence: str | None) -> str:
    """A confidence grade as list and export text; below A says so in words."""
    text = _CONFIDENCE_TEXT.get(confidence or "")
    return "—" if text is None else str(text)


def limits_summary(agent: Agent) -> str:
    """'PC-TWA 3 mg/m3; PC-STEL 6 mg/m3' for a list row, from the prefetched current limits."""
    limits: list[LimitValue] = getattr(agent, "current_limits", [])
    parts = [f"{metric_short_label(lv.metric)} {lv.value_text} {lv.unit}" for lv in limits[:SUMMARY_LIMITS]]
    if len(limits) > SUMMARY_LIMITS:
        parts.append(gettext("%(n)d more") % {"n": len(limits) - SUMMARY_LIMITS})
    return "; ".join(parts)


def editions(agent: Agent) -> str:
    limits: list[LimitValue] = getattr(agent, "current_limits", [])
    return ", ".join(dict.fromkeys(lv.edition for lv in limits))


AGENT_LIST = ListSpec(
    title=_("Hazard catalogue"),
    columns=[
        Column("name_zh", _("Chinese name"), sort="name_initials", link=True),
        Column("name_en", _("English name"), sort="name_en"),
        Column("cas", _("CAS number"), sort="cas"),
        Column("category", _("category"), value=lambda a: a.get_category_display(), sort="category"),
        Column("limits", _("limit values in force"), value=limits_summary),
        Column("edition", _("edition"), value=editions),
        Column(
            "confidence",
            _("weakest confidence"),
            value=lambda a: confidence_text(a.lowest_confidence),
            sort=LOWEST_CONFIDENCE,
        ),
    ],
    search_hint=_("Chinese name, pinyin initials, English name or CAS number"),
    filters=[
        Filter("category", _("category"), "category", lambda r: list(Category.choices)),
        Filter("confidence", _("weakest confidence"), LOWEST_CONFIDENCE, lambda r: list(Confidence.choices)),
    ],
    default_sort="name_initials",
    export_name="hazard-catalogue",
    row_url=lambda a: reverse("hazards:agent_detail", args=[a.pk]),
    search=queries.search_agents,
)


_REFERENCE_PAGES = (
    (_("Version history"), "hazards:version_list"),
    (_("Rule parameters"), "hazards:parameter_list"),
    (_("Occupational diseases"), "hazards:disease_list"),
)


def _may_edit(request: HttpRequest) -> bool:
    return services.is_catalogue_editor(request.actor)  # type: ignore[attr-defined]


@login_required
@permission_required(VIEW_PERM, raise_exception=True)
def agent_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    actions = [(_("Add an agent"), reverse("hazards:agent_create"))] if _may_edit(request) else []
    actions += [(label, reverse(name)) for label, name in _REFERENCE_PAGES]
    return render_list(request, AGENT_LIST, queries.list_agents_for(actor), {"page_actions": actions})


def _requested_version(request: HttpRequest, current: int) -> int:
    """The ?version=N a reader asked for (404 when unknown), else the current version."""
    raw = request.GET.get("version", "")
    if not raw or raw == str(current):
        return current
    try:
        return queries.resolve_version(int(raw))
    except (ValueError, DomainError) as error:
        raise Http404 from error


@login_required
@permission_required(VIEW_PERM, raise_exception=True)
def agent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agent = queries.get_agent_for(request.actor, pk)  # type: ignore[attr-defined]
    current = queries.current_version().number
    number = _requested_version(request, current)
    limits = list(queries.limits_as_of(number).filter(agent=agent))
    context: dict[str, Any] = {
        "agent": agent,
        "limits": limits,
        "version": number,
        "is_current": number == current,
        "versions": range(current, 0, -1),
        "history": queries.agent_history(agent),
        "has_unconfirmed": any(not lv.is_confirmed for lv in limits),
        "may_edit": _may_edit(request) and number == current,
    }
    return render(request, "hazards/agent_detail.html", context)


def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    """A role that holds the permission but not the province: the service's reason, as 403."""
    return render(request, "hazards/refused.html", {"message": error.message}, status=403)


def _editor_refusal(request: HttpRequest) -> HttpResponse | None:
    try:
        services.ensure_catalogue_editor(request.actor)  # type: ignore[attr-defined]
    except DomainError as error:
        return _refused(request, error)
    return None


def _form_page(request: HttpRequest, form: Any, title: str, **extra: Any) -> HttpResponse:
    return render(request, "hazards/limit_form.html", {"form": form, "title": title, **extra})


@login_required
@permission_required("hazards.change_limitvalue", raise_exception=True)
def limit_correct(request: HttpRequest, pk: int) -> HttpResponse:
    limit = queries.get_current_limit(pk)
    if refusal := _editor_refusal(request):
        return refusal
    if not limit.is_current:
        messages.warning(request, gettext("This value has been replaced; correct the value in force."))
        return redirect("hazards:agent_detail", pk=limit.agent_id)
    form = LimitCorrectionForm(request.POST or None, initial=LimitCorrectionForm.initial_for(limit))
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_limit(actor=request.actor, limit=limit, correction=form.to_correction())  # type: ignore[attr-defined]
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, gettext("The correction is saved as a new catalogue version."))
            return redirect("hazards:agent_detail", pk=limit.agent_id)
    return _form_page(request, form, gettext("Correct a limit value"), agent=limit.agent, limit=limit)


@login_required
@permission_required("hazards.add_limitvalue", raise_exception=True)
def limit_create(request: HttpRequest, pk: int) -> HttpResponse:
    agent = queries.get_agent_for(request.actor, pk)  # type: ignore[attr-defined]
    if refusal := _editor_refusal(request):
        return refusal
    form = NewLimitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_limit(
                actor=request.actor,  # type: ignore[attr-defined]
                agent=agent,
                limit=form.to_limit(),
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, gettext("The value is added as a new catalogue version."))
            return redirect("hazards:agent_detail", pk=agent.pk)
    return _form_page(request, form, gettext("Add a limit value"), agent=agent)


@login_required
@permission_required("hazards.add_agent", raise_exception=True)
def agent_create(request: HttpRequest) -> HttpResponse:
    if refusal := _editor_refusal(request):
        return refusal
    form = AgentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agent = services.add_agent(
                actor=request.actor,  # type: ignore[attr-defined]
                data=form.to_agent(),
                limits=form.to_limits(),
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, gettext("The agent is added as a new catalogue version."))
            return redirect("hazards:agent_detail", pk=agent.pk)
    return _form_page(request, form, gettext("Add an agent"))
