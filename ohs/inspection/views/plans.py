"""Plan pages: list, new plan, the plan with its draw and rates; the public draw page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.errors import DomainError
from ohs.core.forms import add_domain_error
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.querysets import Action
from ohs.inspection import queries
from ohs.inspection.choices import PlanLevel, PlanStatus
from ohs.inspection.forms import PlanForm
from ohs.inspection.models import InspectionPlan, InspectionTask
from ohs.inspection.rates import plan_rates, publication_counts
from ohs.inspection.services import plans as plan_services
from ohs.registry.models import Employer
from ohs.risk.reference import inspection_items

PLAN_LIST = ListSpec(
    title=_("Random inspection plans"),
    columns=[
        Column("title", _("title"), sort="title", link=True),
        Column("level", _("level"), value=lambda p: p.get_level_display(), sort="level"),
        Column("region", _("issued for"), value=lambda p: p.region.name),
        Column("period_start", _("period start"), sort="period_start"),
        Column("period_end", _("period end"), sort="period_end"),
        Column("status", _("status"), value=lambda p: p.get_status_display(), sort="status"),
    ],
    search_fields=["title"],
    search_hint=_("title"),
    filters=[Filter("level", _("level"), "level", lambda r: list(PlanLevel.choices))],
    default_sort="-period_start",
    export_name="inspection_plans",
    row_url=lambda p: reverse("inspection:plan", args=[p.pk]),
)


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.replace("，", ",").split(",") if c.strip()]


@login_required
@permission_required("inspection.view_inspectionplan", raise_exception=True)
def plan_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    actions = (
        [(_("New plan"), reverse("inspection:plan_new"))]
        if request.user.has_perm("inspection.add_inspectionplan")
        else []
    )
    return render_list(request, PLAN_LIST, queries.list_plans_for(actor), {"page_actions": actions})


@login_required
@permission_required("inspection.add_inspectionplan", raise_exception=True)
def plan_new(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = plan_services.create_plan(
                actor=actor,
                title=data["title"],
                level=data["level"],
                items=data["items"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                class_ratios={"甲": data["ratio_jia"], "乙": data["ratio_yi"], "丙": data["ratio_bing"]},
                pool_regions=_codes(data["pool_regions"]),
                pool_industries=_codes(data["pool_industries"]),
                min_inspectors_per_task=data["min_inspectors_per_task"],
                is_stratified_by_region=data["is_stratified_by_region"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("inspection:plan", pk=plan.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New random inspection plan")})


def _task_rows(tasks: list[InspectionTask]) -> list[dict[str, object]]:
    return [
        {
            "task": t,
            "inspectors": [str(i.user) for i in t.inspectors.all()],
            "usernames": " ".join(i.user.username for i in t.inspectors.all()),
            "inspection": getattr(t, "inspection", None),
        }
        for t in tasks
    ]


@login_required
@permission_required("inspection.view_inspectionplan", raise_exception=True)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    plan = queries.get_plan_for(actor, pk)
    tasks = list(
        InspectionTask.objects.for_actor(actor)
        .filter(plan=plan)
        .select_related("employer", "inspection")
        .prefetch_related("inspectors__user")
    )
    can_draw = (
        plan.status == PlanStatus.DRAFT
        and request.user.has_perm("inspection.change_inspectionplan")
        and InspectionPlan.objects.for_actor(actor, Action.CHANGE).filter(pk=pk).exists()
    )
    names = inspection_items()
    context = {
        "plan": plan,
        "items": [(code, names.get(code, "")) for code in plan.items],
        "rows": _task_rows(tasks),
        "can_draw": can_draw,
        "rates": plan_rates(plan) if plan.status == PlanStatus.DRAWN else {},
        "publication": publication_counts(plan),
        "excluded": len((plan.result or {}).get("exclusions", [])),
    }
    return render(request, "inspection/plan_detail.html", context)


@require_POST
@login_required
@permission_required("inspection.change_inspectionplan", raise_exception=True)
def plan_draw(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    plan = queries.get_plan_for(actor, pk, Action.CHANGE)
    try:
        plan_services.draw_plan(actor=actor, plan=plan)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("inspection:plan", pk=pk)


def public_draw(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone (no login): the published seed and inputs, the draw re-run from them, the list."""
    plan = get_object_or_404(InspectionPlan, pk=pk, status=PlanStatus.DRAWN)
    if plan.published_inputs is None or plan.result is None:
        raise Http404
    rerun = plan_services.rerun_published(plan)
    rerun_ids = [t.entity_id for t in rerun.tasks]
    published_ids = [t["entity_id"] for t in plan.result["tasks"]]
    names = dict(Employer.objects.filter(pk__in=[int(i) for i in rerun_ids]).values_list("pk", "name"))
    context = {
        "plan": plan,
        "tasks": [{"t": t, "name": names.get(int(t.entity_id), "")} for t in rerun.tasks],
        "digest": rerun.published_inputs_digest,
        "digest_matches": rerun.published_inputs_digest == plan.inputs_digest,
        "list_matches": rerun_ids == published_ids,
        "pool_size": len(plan.published_inputs["entities"]),
        "excluded": len(rerun.exclusions),
    }
    return render(request, "inspection/public_draw.html", context)


def published_inputs(request: HttpRequest, pk: int) -> HttpResponse:
    """The published inputs as JSON (public, like the draw page), for anyone to re-run the draw."""
    plan = get_object_or_404(InspectionPlan, pk=pk, status=PlanStatus.DRAWN)
    return JsonResponse(plan.published_inputs, json_dumps_params={"ensure_ascii": False})
