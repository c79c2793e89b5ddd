"""The register of authorised signatories: the institution keeps it (register, amend the validity
or scope, revoke); regulators read the registers of institutions in their jurisdiction."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.errors import DomainError
from ohs.core.forms import add_domain_error
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.querysets import Action
from ohs.detection import queries, services
from ohs.detection.choices import SignatoryStanding, SignatoryStatus
from ohs.detection.forms import RevokeForm, ScopeForm, SignatoryForm, ValidityForm
from ohs.detection.models import Signatory
from ohs.detection.views.common import actor_of, form_errors, run

F = TypeVar("F", bound=forms.Form)

APPROVED_SHOWN = 20  # the latest projects a registration approved, on its page


def _standing(signatory: Signatory) -> str:
    return str(SignatoryStanding(signatory.standing_today.value).label)


SIGNATORY_LIST = ListSpec(
    title=_("Authorised signatories"),
    columns=[
        Column("name", _("name as authorised"), sort="name", link=True),
        Column("institution", _("technical service institution"), value=lambda s: s.institution.name),
        Column("certificate_number", _("qualification certificate number"), sort="certificate_number"),
        Column("scope", _("scope"), value=lambda s: s.scope_label),
        Column("valid_from", _("valid from"), sort="valid_from"),
        Column("valid_until", _("valid until"), sort="valid_until"),
        Column("standing", _("standing"), value=_standing),
    ],
    search_fields=["name", "certificate_number", "user__username", "institution__name"],
    search_hint=_("name, certificate number or institution"),
    filters=[Filter("status", _("status"), "status", lambda r: list(SignatoryStatus.choices))],
    default_sort="name",
    export_name="detection-signatories",
    row_url=lambda s: reverse("detection:signatory_detail", args=[s.pk]),
)


@login_required
@permission_required("detection.view_signatory", raise_exception=True)
def signatory_list(request: HttpRequest) -> HttpResponse:
    actions = (
        [(_("Register a signatory"), reverse("detection:signatory_create"))]
        if request.user.has_perm("detection.add_signatory")
        else []
    )
    queryset = queries.list_signatories_for(actor_of(request))
    return render_list(request, SIGNATORY_LIST, queryset, {"page_actions": actions})


@login_required
@permission_required("detection.add_signatory", raise_exception=True)
def signatory_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = SignatoryForm(request.POST or None, staff=queries.staff_of(actor))
    if request.method == "POST" and form.is_valid():
        try:
            signatory = services.register_signatory(actor=actor, data=form.to_data())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("detection:signatory_detail", pk=signatory.pk)
    return render(request, "core/form.html", {"form": form, "title": _("Register a signatory")})


@login_required
@permission_required("detection.view_signatory", raise_exception=True)
def signatory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    signatory = queries.get_signatory_for(actor, pk)
    can_change = (
        request.user.has_perm("detection.change_signatory")
        and signatory.status == SignatoryStatus.ACTIVE
        and signatory.institution_id == actor.organisation_id
    )
    context: dict[str, object] = {
        "signatory": signatory,
        "standing": _standing(signatory),
        # Reports it signed, as far as the reader may see them (a regulator: its jurisdiction).
        "approved": queries.list_projects_for(actor)
        .filter(approved_signatory=signatory)
        .order_by("-approved_at")[:APPROVED_SHOWN],
        "can_change": can_change,
    }
    if can_change:
        agents = [a.pk for a in signatory.scope_agents.all()]
        validity = ("basis", "certificate_number", "valid_from", "valid_until")
        context["validity_form"] = ValidityForm(initial={name: getattr(signatory, name) for name in validity})
        context["scope_form"] = ScopeForm(
            initial={"scope_all": signatory.scope_all, "categories": signatory.scope_categories, "agent_ids": agents}
        )
        context["revoke_form"] = RevokeForm()
    return render(request, "detection/signatory_detail.html", context)


def _amend(
    request: HttpRequest, pk: int, form_class: type[F], change: Callable[[Signatory, F], object], done: str
) -> HttpResponse:
    """One amendment of a registration (validity, scope, revocation): the form, then the service."""
    signatory = queries.get_signatory_for(actor_of(request), pk, Action.CHANGE)
    form = form_class(request.POST)
    if form.is_valid():
        run(request, lambda: change(signatory, form), done)
    else:
        form_errors(request, form)
    return redirect("detection:signatory_detail", pk=pk)


@require_POST
@login_required
@permission_required("detection.change_signatory", raise_exception=True)
def signatory_validity(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    return _amend(
        request,
        pk,
        ValidityForm,
        lambda signatory, form: services.change_validity(actor=actor, signatory=signatory, **form.cleaned_data),
        str(_("Saved")),
    )


@require_POST
@login_required
@permission_required("detection.change_signatory", raise_exception=True)
def signatory_scope(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    return _amend(
        request,
        pk,
        ScopeForm,
        lambda signatory, form: services.change_scope(actor=actor, signatory=signatory, scope=form.to_scope()),
        str(_("Saved")),
    )


@require_POST
@login_required
@permission_required("detection.change_signatory", raise_exception=True)
def signatory_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    return _amend(
        request,
        pk,
        RevokeForm,
        lambda signatory, form: services.revoke_signatory(
            actor=actor, signatory=signatory, reason=form.cleaned_data["reason"]
        ),
        str(_("The authorisation is revoked")),
    )
