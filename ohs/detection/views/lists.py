"""Exceedances in issued reports (regulators: their jurisdiction) and the institution's equipment."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.errors import DomainError
from ohs.core.forms import add_domain_error
from ohs.core.listing import Column, ListSpec, render_list
from ohs.detection import queries, services
from ohs.detection.forms import EquipmentForm
from ohs.detection.rules.labels import metric_zh
from ohs.detection.views.common import actor_of

EXCEEDANCE_LIST = ListSpec(
    title=_("Results over the limit in issued reports"),
    columns=[
        Column("employer", _("employer"), value=lambda f: f.project.employer.name, sort="project__employer__name"),
        Column("post", _("post"), value=lambda f: str(f.plan_item.survey_post.post)),
        Column("agent", _("hazard"), value=lambda f: f.plan_item.agent.name_zh, sort="plan_item__agent__name_zh"),
        Column("metric", _("metric"), value=lambda f: metric_zh(f.metric)),
        Column("measured", _("measured"), value=lambda f: f"{f.measured_value:.3g} {f.unit}"),
        Column("limit", _("limit"), value=lambda f: f"{f.limit_value:g} {f.unit}"),
        Column(
            "ratio",
            _("ratio to the limit"),
            value=lambda f: "" if f.ratio_to_limit is None else f"{f.ratio_to_limit:.2f}",
            sort="ratio_to_limit",
        ),
        Column("institution", _("technical service institution"), value=lambda f: f.project.institution.name),
        Column(
            "issued_at",
            _("issued at"),
            value=lambda f: timezone.localtime(f.project.issued_at).date(),
            sort="project__issued_at",
        ),
        Column("code", _("project number"), value=lambda f: f.project.code, link=True),
    ],
    search_fields=["project__employer__name", "project__employer__uscc", "plan_item__agent__name_zh", "project__code"],
    search_hint=_("employer, credit code or hazard"),
    default_sort="-project__issued_at",
    export_name="detection-exceedances",
    row_url=lambda f: reverse("detection:project_detail", args=[f.project_id]),
)

EQUIPMENT_LIST = ListSpec(
    title=_("Equipment"),
    columns=[
        Column("name", _("equipment"), sort="name"),
        Column("serial_number", _("serial number"), sort="serial_number"),
        Column("calibrated_until", _("calibration valid until"), sort="calibrated_until"),
        Column(
            "state",
            _("calibration"),
            value=lambda e: _("valid") if e.calibrated_until >= timezone.localdate() else _("expired"),
        ),
    ],
    search_fields=["name", "serial_number"],
    search_hint=_("name or serial number"),
    default_sort="name",
    export_name="detection-equipment",
)


@login_required
@permission_required("detection.view_finding", raise_exception=True)
def exceedance_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, EXCEEDANCE_LIST, queries.list_exceedances_for(actor_of(request)))


@login_required
@permission_required("detection.view_equipment", raise_exception=True)
def equipment_list(request: HttpRequest) -> HttpResponse:
    actions = [(_("Register equipment"), reverse("detection:equipment_create"))]
    return render_list(
        request, EQUIPMENT_LIST, queries.list_equipment_for(actor_of(request)), {"page_actions": actions}
    )


@login_required
@permission_required("detection.add_equipment", raise_exception=True)
def equipment_create(request: HttpRequest) -> HttpResponse:
    form = EquipmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_equipment(actor=actor_of(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("detection:equipment_list")
    return render(request, "core/form.html", {"form": form, "title": _("Register equipment")})
