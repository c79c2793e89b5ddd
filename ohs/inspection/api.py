"""Inspection API: plans and draws (with the public re-run), inspection records, complaints."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from ohs.core.actor import Actor
from ohs.core.api import require_perm
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.querysets import Action
from ohs.inspection import queries
from ohs.inspection.choices import PlanStatus
from ohs.inspection.models import Complaint, Inspection, InspectionPlan, InspectionTask, Inspector, InspectorConflict
from ohs.inspection.rates import plan_rates
from ohs.inspection.rules.rates import Rate
from ohs.inspection.schemas import (
    ComplaintIn,
    ComplaintOut,
    ComplaintStepIn,
    CompleteIn,
    ConflictIn,
    ConflictOut,
    DrawIn,
    FindingIn,
    InspectionIn,
    InspectionOut,
    InspectorIn,
    InspectorOut,
    PlanIn,
    PlanOut,
    PublicDrawOut,
    RateOut,
)
from ohs.inspection.services import complaints as complaint_services
from ohs.inspection.services import inspections as inspection_services
from ohs.inspection.services import plans as plan_services
from ohs.inspection.services import pool as pool_services
from ohs.orgs.models import User
from ohs.registry.models import Employer
from ohs.registry.queries import get_employer_for

router = Router(tags=["inspection"])


@router.get("/plans", response=list[PlanOut])
@paginate(PageNumberPagination)
def list_plans(request: HttpRequest) -> QuerySet[InspectionPlan]:
    return queries.list_plans_for(require_perm(request, "inspection.view_inspectionplan")).order_by("-pk")


@router.get("/plans/{plan_id}", response=PlanOut)
def get_plan(request: HttpRequest, plan_id: int) -> InspectionPlan:
    return queries.get_plan_for(require_perm(request, "inspection.view_inspectionplan"), plan_id)


@router.post("/plans", response={201: PlanOut})
def create_plan(request: HttpRequest, payload: PlanIn) -> Status[InspectionPlan]:
    actor = require_perm(request, "inspection.add_inspectionplan")
    return Status(201, plan_services.create_plan(actor=actor, **payload.dict()))


@router.post("/plans/{plan_id}/draw", response=PlanOut)
def draw_plan(request: HttpRequest, plan_id: int, payload: DrawIn) -> InspectionPlan:
    """Draw once; the seed, inputs and digest are published with the result."""
    actor = require_perm(request, "inspection.change_inspectionplan")
    plan = queries.get_plan_for(actor, plan_id, Action.CHANGE)
    return plan_services.draw_plan(actor=actor, plan=plan, seed=payload.seed)


def _rate(rate: Rate) -> dict[str, Any]:
    return {**rate.__dict__, "reasons": list(rate.reasons)}


@router.get("/plans/{plan_id}/rates", response=dict[str, RateOut])
def rates(request: HttpRequest, plan_id: int) -> dict[str, dict[str, Any]]:
    """Completion and item-coverage rates counted from the inspection records."""
    plan = queries.get_plan_for(require_perm(request, "inspection.view_inspectionplan"), plan_id)
    return {key: _rate(rate) for key, rate in plan_rates(plan).items()}


@router.get("/public/draws/{plan_id}", response=PublicDrawOut, auth=None)
def public_draw(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    """Anyone: the draw re-run from the published inputs, compared with the published result."""
    plan = get_object_or_404(InspectionPlan, pk=plan_id, status=PlanStatus.DRAWN)
    if plan.result is None:
        raise Http404
    rerun = plan_services.rerun_published(plan)
    tasks = [
        {"entity_id": t.entity_id, "class": t.risk_class.label, "inspectors": list(t.inspector_ids)}
        for t in rerun.tasks
    ]
    published = [t["entity_id"] for t in plan.result["tasks"]]
    return {
        "plan_id": plan.pk,
        "seed": plan.seed,
        "published_digest": plan.inputs_digest,
        "rerun_digest": rerun.published_inputs_digest,
        "same_list": [t["entity_id"] for t in tasks] == published,
        "tasks": tasks,
    }


@router.get("/inspections", response=list[InspectionOut])
@paginate(PageNumberPagination)
def list_inspections(request: HttpRequest) -> QuerySet[Inspection]:
    actor = require_perm(request, "inspection.view_inspection")
    return queries.list_inspections_for(actor).prefetch_related("findings").order_by("-pk")


@router.get("/inspections/{inspection_id}", response=InspectionOut)
def get_inspection(request: HttpRequest, inspection_id: int) -> Inspection:
    return queries.get_inspection_for(require_perm(request, "inspection.view_inspection"), inspection_id)


@router.post("/inspections", response={201: InspectionOut})
def start_inspection(request: HttpRequest, payload: InspectionIn) -> Status[Inspection]:
    """Start an inspection (the action code is issued when enforcement registers its issuer)."""
    actor = require_perm(request, "inspection.add_inspection")
    task = complaint = None
    items, officers = payload.items, list(User.objects.filter(pk__in=payload.officer_ids))
    if payload.task_id is not None:
        task = InspectionTask.objects.select_related("plan", "employer").get_for(
            actor, Action.CHANGE, pk=payload.task_id
        )
        employer = task.employer
        items = items or list(task.plan.items)
        officers = officers or [i.user for i in task.inspectors.select_related("user")]
    else:
        if payload.complaint_id is not None:
            complaint = Complaint.objects.get_for(actor, Action.CHANGE, pk=payload.complaint_id)
        employer_id = payload.employer_id or (complaint.employer_id if complaint else None)
        if employer_id is None:
            raise DomainError(ErrorCode.INVALID, "name the employer", field="employer_id")
        employer = get_employer_for(actor, employer_id, Action.CHANGE)
    inspection = inspection_services.start_inspection(
        actor=actor,
        employer=employer,
        kind=payload.kind,
        items=items,
        officers=officers,
        task=task,
        complaint=complaint,
    )
    return Status(201, inspection)


def _changeable(request: HttpRequest, inspection_id: int) -> tuple[Any, Inspection]:
    actor = require_perm(request, "inspection.change_inspection")
    return actor, queries.get_inspection_for(actor, inspection_id, Action.CHANGE)


@router.post("/inspections/{inspection_id}/findings", response=InspectionOut)
def record_findings(request: HttpRequest, inspection_id: int, payload: list[FindingIn]) -> Inspection:
    actor, inspection = _changeable(request, inspection_id)
    findings = {f.item: (f.compliant, f.note) for f in payload}
    inspection_services.record_findings(actor=actor, inspection=inspection, findings=findings)
    return inspection


@router.post("/inspections/{inspection_id}/complete", response=InspectionOut)
def complete_inspection(request: HttpRequest, inspection_id: int, payload: CompleteIn) -> Inspection:
    actor, inspection = _changeable(request, inspection_id)
    return inspection_services.complete_inspection(actor=actor, inspection=inspection, **payload.dict())


@router.post("/inspections/{inspection_id}/publish", response=InspectionOut)
def publish_inspection(request: HttpRequest, inspection_id: int) -> Inspection:
    actor, inspection = _changeable(request, inspection_id)
    return inspection_services.publish_result(actor=actor, inspection=inspection)


@router.get("/complaints", response=list[ComplaintOut])
@paginate(PageNumberPagination)
def list_complaints(request: HttpRequest) -> QuerySet[Complaint]:
    return queries.list_complaints_for(require_perm(request, "inspection.view_complaint")).order_by("-pk")


@router.get("/complaints/{complaint_id}", response=ComplaintOut)
def get_complaint(request: HttpRequest, complaint_id: int) -> Complaint:
    return queries.get_complaint_for(require_perm(request, "inspection.view_complaint"), complaint_id)


@router.post("/complaints", response={201: ComplaintOut})
def receive_complaint(request: HttpRequest, payload: ComplaintIn) -> Status[Complaint]:
    actor = require_perm(request, "inspection.add_complaint")
    employer = None
    if payload.employer_id is not None:
        employer = Employer.objects.for_actor(actor, Action.CHANGE).filter(pk=payload.employer_id).first()
        if employer is None:
            raise DomainError(ErrorCode.INVALID, "no such employer in your jurisdiction", field="employer_id")
    jurisdiction = actor.jurisdiction
    if not actor.is_superuser and (
        jurisdiction is None or not jurisdiction.lo <= payload.county_code < jurisdiction.hi
    ):
        raise DomainError(ErrorCode.INVALID, "the county is outside your jurisdiction", field="county_code")
    data = payload.dict(exclude={"county_code", "employer_id"})
    return Status(
        201, complaint_services.receive_complaint(actor=actor, county_id=payload.county_code, employer=employer, **data)
    )


@router.post("/complaints/{complaint_id}/{step}", response=ComplaintOut)
def complaint_step(request: HttpRequest, complaint_id: int, step: str, payload: ComplaintStepIn) -> Complaint:
    """assigned (officer_id) | handled (text) | answered (text)."""
    actor = require_perm(request, "inspection.change_complaint")
    complaint = queries.get_complaint_for(actor, complaint_id, Action.CHANGE)
    if step == "assigned":
        officer = User.objects.filter(pk=payload.officer_id or 0, organisation__region_id=complaint.county_id).first()
        if officer is None:
            raise DomainError(ErrorCode.INVALID, "choose an officer of the county", field="officer_id")
        return complaint_services.assign_complaint(actor=actor, complaint=complaint, officer=officer)
    if step == "handled":
        return complaint_services.handle_complaint(actor=actor, complaint=complaint, handling=payload.text)
    if step == "answered":
        return complaint_services.answer_complaint(actor=actor, complaint=complaint, answer=payload.text)
    raise DomainError(ErrorCode.INVALID, f"unknown step {step}", field="step")


def _inspectors(actor: Actor) -> QuerySet[Inspector]:
    return queries.list_inspectors_for(actor).prefetch_related("conflicts")


@router.get("/inspectors", response=list[InspectorOut])
@paginate(PageNumberPagination)
def list_inspectors(request: HttpRequest) -> QuerySet[Inspector]:
    """The inspector pool (执法检查人员名录库) of the regulator's jurisdiction, with load and conflicts."""
    return _inspectors(require_perm(request, "inspection.view_inspector")).order_by("pk")


@router.get("/inspectors/{inspector_id}", response=InspectorOut)
def get_inspector(request: HttpRequest, inspector_id: int) -> Inspector:
    actor = require_perm(request, "inspection.view_inspector")
    return queries.get_inspector_for(actor, inspector_id)


@router.post("/inspectors", response={201: InspectorOut})
def add_inspector(request: HttpRequest, payload: InspectorIn) -> Status[Inspector]:
    """The regulator puts an inspector of its jurisdiction into the pool."""
    actor = require_perm(request, "inspection.add_inspector")
    former = None
    if payload.former_employer_id is not None:
        former = Employer.objects.for_actor(actor).filter(pk=payload.former_employer_id).first()
        if former is None:
            raise DomainError(ErrorCode.INVALID, "no such employer in your jurisdiction", field="former_employer_id")
    inspector = pool_services.add_to_pool(actor=actor, user_id=payload.user_id, former_employer=former)
    return Status(201, _inspectors(actor).get(pk=inspector.pk))


@router.post("/inspectors/{inspector_id}/conflicts", response={201: ConflictOut})
def declare_conflict(request: HttpRequest, inspector_id: int, payload: ConflictIn) -> Status[InspectorConflict]:
    """The inspector declares an interest (利害关系): no draw pairs them with that employer."""
    actor = require_perm(request, "inspection.add_inspectorconflict")
    inspector = get_object_or_404(Inspector, pk=inspector_id, user_id=actor.user_id)
    employer = Employer.objects.for_actor(actor).filter(pk=payload.employer_id).first()
    if employer is None:
        raise DomainError(ErrorCode.INVALID, "no such employer in your jurisdiction", field="employer_id")
    conflict = pool_services.declare_conflict(
        actor=actor,
        inspector=inspector,
        employer=employer,
        relation=payload.relation,
        reason=payload.reason,
        since_on=payload.since_on,
    )
    return Status(201, conflict)


@router.post("/inspectors/{inspector_id}/{step}", response=InspectorOut)
def inspector_step(request: HttpRequest, inspector_id: int, step: str) -> Inspector:
    """removed | restored: the regulator takes an inspector out of the draw or back into it."""
    actor = require_perm(request, "inspection.change_inspector")
    inspector = queries.get_inspector_for(actor, inspector_id, Action.CHANGE)
    if step == "removed":
        pool_services.remove_from_pool(actor=actor, inspector=inspector)
    elif step == "restored":
        pool_services.restore_to_pool(actor=actor, inspector=inspector)
    else:
        raise DomainError(ErrorCode.INVALID, f"unknown step {step}", field="step")
    return _inspectors(actor).get(pk=inspector.pk)


@router.get("/conflicts", response=list[ConflictOut])
@paginate(PageNumberPagination)
def list_conflicts(request: HttpRequest) -> QuerySet[InspectorConflict]:
    """Conflicts declared by the inspectors of the regulator's jurisdiction."""
    return queries.list_conflicts_for(require_perm(request, "inspection.view_inspectorconflict")).order_by("pk")


@router.get("/conflicts/{conflict_id}", response=ConflictOut)
def get_conflict(request: HttpRequest, conflict_id: int) -> InspectorConflict:
    return queries.get_conflict_for(require_perm(request, "inspection.view_inspectorconflict"), conflict_id)


@router.post("/conflicts/{conflict_id}/withdrawn", response=ConflictOut)
def withdraw_conflict(request: HttpRequest, conflict_id: int) -> InspectorConflict:
    """The inspector withdraws their own declaration once the interest has ended."""
    actor = require_perm(request, "inspection.change_inspectorconflict")
    conflict = queries.get_own_conflict_for(actor, conflict_id)
    return pool_services.withdraw_conflict(actor=actor, conflict=conflict)
