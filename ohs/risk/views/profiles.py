"""Risk profile pages: the regulator's list, the employer's personalised profile page."""

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
from ohs.orgs.choices import Role
from ohs.registry.queries import get_employer_for
from ohs.risk import queries, services
from ohs.risk.forms import PushForm
from ohs.risk.inputs import INPUT_LABELS
from ohs.risk.models import Rectification
from ohs.risk.rules.schemes import SCHEME_2022

CLASS_CHOICES = [(label, f"{label}类") for label in SCHEME_2022.labels_low_to_high]

PROFILE_LIST = ListSpec(
    title=_("Risk profiles"),
    columns=[
        Column("employer", _("employer"), value=lambda p: p.employer.name, sort="employer__name", link=True),
        Column("uscc", _("credit code"), value=lambda p: p.employer.uscc),
        Column("risk_class", _("class"), value=lambda p: f"{p.risk_class}类", sort="risk_class"),
        Column("grade", _("risk grade"), sort="grade"),
        Column("management_grade", _("management grade"), sort="management_grade"),
        Column("shortfalls", _("shortfalls"), value=lambda p: len(p.shortfalls)),
        Column(
            "computed_at",
            _("computed at"),
            value=lambda p: timezone.localtime(p.computed_at).strftime("%Y-%m-%d %H:%M"),
            sort="computed_at",
        ),
    ],
    search_fields=["employer__name", "employer__uscc"],
    search_hint=_("employer name or credit code"),
    filters=[Filter("class", _("class"), "risk_class", lambda r: CLASS_CHOICES)],
    default_sort="employer__name",
    export_name="risk_profiles",
    row_url=lambda p: reverse("risk:profile", args=[p.employer_id]),
)


@login_required
@permission_required("risk.view_riskprofile", raise_exception=True)
def profile_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    return render_list(request, PROFILE_LIST, queries.list_profiles_for(actor))


@login_required
@permission_required("risk.view_riskprofile", raise_exception=True)
def profile_detail(request: HttpRequest, employer_id: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employer = get_employer_for(actor, employer_id)
    profile = services.profile_of(employer)
    rectifications = list(Rectification.objects.for_actor(actor).filter(employer=employer))
    open_codes = {(r.shortfall_code, r.evidence) for r in rectifications if r.is_open}
    can_push = actor.is_supervising and request.user.has_perm("risk.add_rectification")
    shortfalls = [{**s, "in_rectification": (s["code"], s["evidence"]) in open_codes} for s in profile.shortfalls]
    context = {
        "employer": employer,
        "profile": profile,
        "shortfalls": shortfalls,
        "rectifications": rectifications,
        "can_push": can_push,
        "push_days": services.DEFAULT_RECTIFICATION_WORKING_DAYS,
        "is_employer": actor.role == Role.EMPLOYER_MANAGER,
        "unknown": [(name, INPUT_LABELS.get(name, name)) for name in profile.unknown_inputs],
    }
    return render(request, "risk/profile_detail.html", context)


@require_POST
@login_required
@permission_required("risk.add_rectification", raise_exception=True)
def push(request: HttpRequest, employer_id: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employer = get_employer_for(actor, employer_id, Action.CHANGE)
    form = PushForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(_("check the period and the shortfall")))
        return redirect("risk:profile", employer_id=employer_id)
    try:
        rectification = services.push_rectification(actor=actor, employer=employer, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("risk:profile", employer_id=employer_id)
    return redirect("risk:rectification", pk=rectification.pk)


@require_POST
@login_required
@permission_required("risk.add_rectification", raise_exception=True)
def recompute(request: HttpRequest, employer_id: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employer = get_employer_for(actor, employer_id, Action.CHANGE)
    services.classify_employers([employer.pk])
    return redirect("risk:profile", employer_id=employer_id)
