"""Catalogue pages around the agents: the version history, rule parameters, disease catalogues."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from ohs.core.errors import DomainError
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.hazards import queries
from ohs.hazards.choices import Confidence, DiseaseEdition, parameter_label
from ohs.hazards.views import VIEW_PERM, confidence_text

VERSION_LIST = ListSpec(
    title=_("Catalogue versions"),
    columns=[
        Column("number", _("version"), sort="number", link=True),
        Column(
            "created_at",
            _("created at"),
            value=lambda v: date_format(localtime(v.created_at), "Y-m-d H:i"),
            sort="created_at",
        ),
        Column("actor_label", _("changed by"), sort="actor_label"),
        Column("reason", _("reason")),
    ],
    search_fields=("reason", "actor_label"),
    search_hint=_("reason or user"),
    default_sort="-number",
    export_name="hazard-catalogue-versions",
    row_url=lambda v: reverse("hazards:version_detail", args=[v.number]),
)

PARAMETER_LIST = ListSpec(
    title=_("Rule parameters"),
    columns=[
        Column("name", _("name"), value=lambda p: parameter_label(p.key, p.name), sort="position"),
        Column("value_text", _("value")),
        Column("unit", _("unit")),
        Column("condition", _("condition")),
        Column("edition", _("edition"), sort="edition"),
        Column("clause", _("clause")),
        Column("confidence", _("confidence"), value=lambda p: confidence_text(p.confidence), sort="confidence"),
        Column("introduced_in_id", _("since version"), sort="introduced_in_id"),
    ],
    search_fields=("key", "name", "edition"),
    search_hint=_("name or edition"),
    filters=[Filter("confidence", _("confidence"), "confidence", lambda r: list(Confidence.choices))],
    default_sort="position",
    export_name="hazard-rule-parameters",
)

DISEASE_LIST = ListSpec(
    title=_("Occupational disease catalogue"),
    columns=[
        Column("edition", _("edition"), value=lambda d: d.get_edition_display(), sort="edition"),
        Column("category", _("category"), value=lambda d: f"{d.category_number} {d.category_name}", sort="position"),
        Column("subgroup", _("subgroup")),
        Column("name", _("disease")),
        Column("is_open_item", _("open item"), value=lambda d: _("yes") if d.is_open_item else ""),
        Column("confidence", _("confidence"), value=lambda d: confidence_text(d.confidence), sort="confidence"),
    ],
    search_fields=("name", "category_name"),
    search_hint=_("disease or category"),
    filters=[Filter("edition", _("edition"), "edition", lambda r: list(DiseaseEdition.choices))],
    default_sort="position",
    per_page=50,
    export_name="occupational-diseases",
)


@login_required
@permission_required(VIEW_PERM, raise_exception=True)
def version_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, VERSION_LIST, queries.list_versions())


@login_required
@permission_required(VIEW_PERM, raise_exception=True)
def version_detail(request: HttpRequest, number: int) -> HttpResponse:
    version = queries.list_versions().filter(number=number).first()
    if version is None:
        raise Http404
    changes = queries.version_changes(number)
    return render(request, "hazards/version_detail.html", {"version": version, "changes": changes})


@login_required
@permission_required(VIEW_PERM, raise_exception=True)
def parameter_list(request: HttpRequest) -> HttpResponse:
    try:
        number = queries.resolve_version(None)
    except DomainError as error:
        raise Http404 from error
    return render_list(request, PARAMETER_LIST, queries.parameters_as_of(number))


@login_required
@permission_required(VIEW_PERM, raise_exception=True)
def disease_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, DISEASE_LIST, queries.list_diseases())
