from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.orgs import queries
from ohs.orgs.choices import OrgKind

ORG_LIST = ListSpec(
    title=_("Organisations"),
    columns=[
        Column("name", _("name"), sort="name", link=True),
        Column("kind", _("kind"), value=lambda o: o.get_kind_display(), sort="kind"),
        Column("region", _("region"), value=lambda o: o.region.full_name, sort="region_id"),
        Column("uscc", _("unified social credit code")),
    ],
    search_fields=["name", "uscc"],
    search_hint=_("name or credit code"),
    filters=[Filter("kind", _("kind"), "kind", lambda r: list(OrgKind.choices))],
    default_sort="name",
    export_name="organisations",
    row_url=lambda o: reverse("orgs:organisation_detail", args=[o.pk]),
)


@login_required
@permission_required("orgs.view_organisation", raise_exception=True)
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, ORG_LIST, queries.list_organisations_for(request.actor))  # type: ignore[attr-defined]


@login_required
@permission_required("orgs.view_organisation", raise_exception=True)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = queries.get_organisation_for(request.actor, pk)  # type: ignore[attr-defined]
    users = org.users.filter(is_active=True).order_by("username")
    return render(request, "orgs/organisation_detail.html", {"org": org, "users": users})
