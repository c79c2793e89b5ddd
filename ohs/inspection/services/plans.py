"""Random-inspection plans and their draw (双随机): pool, coverage, inspectors, published inputs."""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.audit import AuditAction
from ohs.core.supervision import covered_items
from ohs.geo.rules.codes import descendant_range
from ohs.inspection.choices import ConflictStatus, InspectorStatus, PlanLevel, PlanStatus
from ohs.inspection.models import (
    Inspection,
    InspectionPlan,
    InspectionTask,
    Inspector,
    InspectorConflict,
    open_tasks,
)
from ohs.inspection.rules.draw import DEFAULT_DRAW_CONFIG, DrawResult, draw_inspections
from ohs.inspection.rules.draw_inputs import Coverage, PoolEntity
from ohs.inspection.rules.draw_inputs import InspectionPlan as PlanInput
from ohs.inspection.rules.draw_inputs import Inspector as InspectorInput
from ohs.inspection.rules.published import inputs_from_json, inputs_to_json
from ohs.inspection.task_store import write_tasks
from ohs.registry.choices import EmployerStatus
from ohs.registry.models import Employer
from ohs.risk.models import RiskProfile
from ohs.risk.reference import inspection_items
from ohs.risk.rules.schemes import SCHEME_2022, RiskClass
from ohs.risk.services import batches, classify_employers

# Ratios rising from 甲 to 丙 (seed 000 item 12: 递增比例抽查). The 20 % for key occupational-health
# enterprises is a local plan's figure (reference/random_inspection.md); each plan may change them.
DEFAULT_CLASS_RATIOS: Mapping[str, str] = {"甲": "0.05", "乙": "0.1", "丙": "0.2"}
ENTITY_TYPES = ("employer",)
_LEVEL_REGION_LENGTH = {PlanLevel.NATIONAL: "0000", PlanLevel.PROVINCIAL: "0000", PlanLevel.CITY: "00"}


def within(field: str, region_code: str) -> Q:
    """Rows whose region lies in ``region_code`` (GB/T 2260 code range on an indexed column)."""
    span = descendant_range(region_code)
    return Q(**{f"{field}__gte": span.lo, f"{field}__lt": span.hi})


def _ratios(raw: Mapping[str, object]) -> dict[str, str]:
    labels = SCHEME_2022.labels_low_to_high
    ratios: dict[str, str] = {}
    for label, value in raw.items():
        try:
            ratio = Decimal(str(value))
        except InvalidOperation:
            raise DomainError(ErrorCode.INVALID, f"{label}: not a number", field="class_ratios") from None
        if label not in labels or not Decimal(0) <= ratio <= Decimal(1):
            raise DomainError(ErrorCode.INVALID, f"{label}: a class of 甲/乙/丙 with a ratio 0-1", field="class_ratios")
        ratios[label] = format(ratio.normalize(), "f")
    ordered = [Decimal(ratios[label]) for label in labels if label in ratios]
    if ordered != sorted(ordered):
        raise DomainError(ErrorCode.INVALID, "ratios must rise from 甲 to 丙", field="class_ratios")
    return ratios


def create_plan(
    *,
    actor: Actor,
    title: str,
    level: str,
    items: Sequence[str],
    period_start: dt.date,
    period_end: dt.date,
    class_ratios: Mapping[str, object] | None = None,
    pool_regions: Sequence[str] = (),
    pool_industries: Sequence[str] = (),
    entity_types: Sequence[str] = ENTITY_TYPES,
    min_inspectors_per_task: int = 2,
    is_stratified_by_region: bool = False,
) -> InspectionPlan:
    """A plan issued by the actor's body for its own region (a city plans for its city)."""
    if not actor.is_supervising and not actor.is_superuser:
        raise DomainError(ErrorCode.FORBIDDEN, "only a supervising body issues inspection plans")
    if level not in PlanLevel.values:
        raise DomainError(ErrorCode.INVALID, f"unknown level {level}", field="level")
    region_code = actor.region_code or "330000"
    if not region_code.endswith(_LEVEL_REGION_LENGTH[PlanLevel(level)]):
        raise DomainError(ErrorCode.INVALID, "your body cannot issue a plan of this level", field="level")
    if not title.strip():
        raise DomainError(ErrorCode.INVALID, "give the plan a title", field="title")
    known = inspection_items()
    if not items or any(i not in known for i in items):
        raise DomainError(ErrorCode.INVALID, "choose items from the inspection item list", field="items")
    if period_end < period_start:
        raise DomainError(ErrorCode.INVALID, "the period ends before it starts", field="period_end")
    if min_inspectors_per_task < 2:
        raise DomainError(ErrorCode.INVALID, "each task needs at least two inspectors", field="min_inspectors_per_task")
    if any(t not in ENTITY_TYPES for t in entity_types):
        raise DomainError(ErrorCode.INVALID, "the pool holds employers only", field="entity_types")
    with transaction.atomic():
        plan = InspectionPlan.objects.create(
            title=title.strip(),
            level=level,
            region_id=region_code,
            items=sorted(set(items)),
            period_start=period_start,
            period_end=period_end,
            entity_types=list(entity_types),
            pool_regions=sorted(set(pool_regions)),
            pool_industries=sorted(set(pool_industries)),
            class_ratios=_ratios(class_ratios or DEFAULT_CLASS_RATIOS),
            min_inspectors_per_task=min_inspectors_per_task,
            is_stratified_by_region=is_stratified_by_region,
            created_by_label=actor.label,
        )
        audit.record_created(actor, plan)
        emit("inspection.plan.created", {"id": plan.pk, "level": level, "region": region_code})
    return plan


def _pool_queryset(plan: InspectionPlan) -> QuerySet[Employer]:
    queryset = Employer.objects.filter(within("county_id", plan.region_id), status=EmployerStatus.CONFIRMED)
    if plan.pool_regions:
        condition = Q()
        for code in plan.pool_regions:
            condition |= within("county_id", code)
        queryset = queryset.filter(condition)
    if plan.pool_industries:
        condition = Q()
        for code in plan.pool_industries:
            condition |= Q(industry_code__startswith=code)
        queryset = queryset.filter(condition)
    return queryset


def _pool_rows(pool: QuerySet[Employer]) -> list[tuple[int, str, str, str]]:
    """(id, county, industry, class) of every pool employer, classified now if it has no profile yet."""
    rows = list(pool.order_by("pk").values_list("pk", "county_id", "industry_code", "risk_profile__risk_class"))
    missing = [pk for pk, _, _, risk_class in rows if risk_class is None]
    for batch in batches(missing):
        classify_employers(batch)
    if missing:
        found = dict(RiskProfile.objects.filter(employer_id__in=missing).values_list("employer_id", "risk_class"))
        rows = [(pk, county, industry, found.get(pk, c)) for pk, county, industry, c in rows]
    return rows


def pool_entities(plan: InspectionPlan) -> list[PoolEntity]:
    """The object database for the plan: class from the risk profile, coverage from monitoring.
    A handful of queries whatever the pool's size: the pool is joined, never listed by id."""
    pool = _pool_queryset(plan)
    rows = _pool_rows(pool)
    items = frozenset(plan.items)
    coverage = covered_items(pool.values("pk"))
    fractions = {n: Decimal(n) / Decimal(len(items)) for n in range(len(items) + 1)}
    classes = {label: RiskClass(SCHEME_2022.scheme_id, label) for label in SCHEME_2022.labels_low_to_high}
    entities = []
    for pk, county, industry, risk_class in rows:
        covered = coverage.get(pk, frozenset()) & items
        kind = Coverage.FULL if covered == items else Coverage.PARTIAL if covered else Coverage.NONE
        label = classes.get(risk_class) or RiskClass(SCHEME_2022.scheme_id, risk_class)
        entities.append(PoolEntity(str(pk), county, industry, label, kind, fractions[len(covered)]))
    return entities


def inspector_pool(plan: InspectionPlan) -> list[InspectorInput]:
    """Active inspectors in the plan's region, with load, declared conflicts, last inspections."""
    active = Inspector.objects.filter(within("county_id", plan.region_id), status=InspectorStatus.ACTIVE)
    staff = list(active.order_by("pk"))
    ids = [i.pk for i in staff]
    open_ones = InspectionTask.objects.filter(open_tasks(), inspectors__in=ids)
    load = dict(open_ones.values_list("inspectors").annotate(n=Count("pk")))
    conflicts: dict[int, set[str]] = defaultdict(set)
    declared = InspectorConflict.objects.filter(inspector_id__in=ids, status=ConflictStatus.DECLARED)
    for inspector_id, employer_id in declared.values_list("inspector_id", "employer_id"):
        conflicts[inspector_id].add(str(employer_id))
    last = _last_inspected(ids)
    return [
        InspectorInput(
            inspector_id=i.pool_id,
            region=i.county_id,
            current_load=load.get(i.pk, 0),
            conflict_entity_ids=frozenset(conflicts[i.pk]),
            last_inspected_entity_ids=frozenset(last[i.pk]),
            former_employer_id=str(i.former_employer_id) if i.former_employer_id else None,
        )
        for i in staff
    ]


def _last_inspected(inspector_ids: list[int]) -> dict[int, set[str]]:
    """Per inspector, the employers whose most recent completed inspection they took part in."""
    user_to_inspector = dict(Inspector.objects.filter(pk__in=inspector_ids).values_list("user_id", "pk"))
    latest: dict[int, int] = {}
    done = (
        Inspection.objects.filter(completed_on__isnull=False, officers__in=list(user_to_inspector))
        .order_by("employer_id", "-completed_on", "-id")
        .values_list("employer_id", "id")
    )
    for employer_id, inspection_id in done:
        latest.setdefault(employer_id, inspection_id)
    result: dict[int, set[str]] = defaultdict(set)
    officers = Inspection.officers.through.objects.filter(inspection_id__in=latest.values()).values_list(
        "inspection__employer_id", "user_id"
    )
    for employer_id, user_id in officers:
        if user_id in user_to_inspector:
            result[user_to_inspector[user_id]].add(str(employer_id))
    return result


def draw_input(plan: InspectionPlan, seed: str) -> PlanInput:
    """The plan as the pure draw reads it."""
    return PlanInput(
        plan_id=f"P{plan.pk}",
        items=tuple(plan.items),
        class_ratios={k: Decimal(v) for k, v in plan.class_ratios.items()},
        seed=seed,
        min_inspectors_per_task=plan.min_inspectors_per_task,
        is_stratified_by_region=plan.is_stratified_by_region,
    )


def draw_plan(*, actor: Actor, plan: InspectionPlan, seed: str | None = None) -> InspectionPlan:
    """Draw the plan once: publish seed, inputs, digest and result; create the tasks."""
    if plan.status != PlanStatus.DRAFT:
        raise DomainError(ErrorCode.ILLEGAL_TRANSITION, "this plan has already been drawn", field="status")
    seed = seed or secrets.token_hex(8)
    plan_input = draw_input(plan, seed)
    entities, staff = pool_entities(plan), inspector_pool(plan)
    result = draw_inspections(plan_input, entities, staff, DEFAULT_DRAW_CONFIG)
    in_region = Inspector.objects.filter(within("county_id", plan.region_id)).only("pk")
    by_pool_id = {i.pool_id: i.pk for i in in_region}
    with transaction.atomic():
        locked = InspectionPlan.objects.select_for_update().only("status").get(pk=plan.pk)
        if locked.status != PlanStatus.DRAFT:  # drawn meanwhile by somebody else
            raise DomainError(ErrorCode.ILLEGAL_TRANSITION, "this plan has already been drawn", field="status")
        written = write_tasks(plan, result.tasks, by_pool_id)
        plan.seed = seed
        plan.status = PlanStatus.DRAWN
        plan.drawn_at = timezone.now()
        plan.drawn_by_label = actor.label
        plan.published_inputs = inputs_to_json(plan_input, entities, staff, DEFAULT_DRAW_CONFIG)
        plan.inputs_digest = result.published_inputs_digest
        plan.result = result_json(result)
        plan.rule_version, plan.config_version = result.rule_version, result.config_version
        plan.save()
        audit.record(actor, AuditAction.TRANSITION, obj=plan, changes={"transition": "drawn", "seed": seed})
        emit(
            "inspection.plan.drawn",
            {"id": plan.pk, "seed": seed, "digest": result.published_inputs_digest, "tasks": written},
        )
    return plan


def result_json(result: DrawResult) -> dict[str, Any]:
    return {
        "tasks": [
            {
                "entity_id": t.entity_id,
                "region": t.region,
                "class": t.risk_class.label,
                "inspectors": list(t.inspector_ids),
                "reasons": list(t.reasons),
            }
            for t in result.tasks
        ],
        "exclusions": [asdict(e) for e in result.exclusions],
        "shortfalls": [{**asdict(s), "entity_ids": list(s.entity_ids)} for s in result.shortfalls],
        "strata": [{**asdict(s), "weighted_pool": str(s.weighted_pool), "ratio": str(s.ratio)} for s in result.strata],
        "reasons": list(result.reasons),
        "unconfirmed": list(result.unconfirmed),
    }


def rerun_published(plan: InspectionPlan) -> DrawResult:
    """Re-run the draw from the plan's published inputs (what the public page does)."""
    if plan.published_inputs is None:
        raise DomainError(ErrorCode.CONFLICT, "the plan has not been drawn yet", field="status")
    plan_input, entities, staff, config = inputs_from_json(plan.published_inputs)
    return draw_inspections(plan_input, entities, staff, config)
