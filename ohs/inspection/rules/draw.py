"""双随机一公开: the risk-weighted random draw of entities and inspectors, pure rules.

Sources: reference/random_inspection.md ("一单两库一细则"; >= 2 inspectors per task;
inspectors with an interest withdraw, 行政处罚法 art. 43; reproducible, logged draws);
seed 000 item 12 (甲/乙/丙 递增比例抽查); seed 001 item 13.1 (无事不扰: entities under
全环节全要素 smart supervision are not drawn, partly covered ones at a reduced ratio).

Method:
1. Screening: fully covered entities and entities of a class the plan sets no ratio for
   are excluded, each with its reason. A partly covered entity keeps a weight
   ``max(partial_min_factor, 1 - partial_reduction_weight x covered_fraction)`` (default
   1 - fraction, never below 0.2; UNCONFIRMED proposal); other entities weigh 1.
2. Sampling per stratum (class, and region when the plan stratifies): the stratum draws
   ``round(class ratio x sum of weights)`` entities with the configured rounding
   (default ROUND_CEILING, so the plan ratio is a floor: "不低于"), capped at the stratum
   size, by sequential Poisson sampling (Ohlsson 1998): each entity gets the key
   u / weight for a uniform u, the smallest keys win (ties by id). Only IEEE division
   is used, which is correctly rounded on every platform, so keys are bit-reproducible.
3. Inspectors: for each drawn entity, ``min_inspectors_per_task`` inspectors of the same
   region who have no declared conflict with it, did not inspect it last time and never
   worked for it; least-loaded first, ties broken by the seeded RNG; each assignment
   raises that inspector's load. A region without enough eligible inspectors gives an
   unstaffed task and a staffing shortfall.
Reproducibility: inputs are sorted by id, and a ``random.Random`` seeded from the SHA-256
of the published seed is consumed in that order, so re-running the published inputs gives
the same draw; ``published_inputs_digest`` (SHA-256 of a canonical JSON of every input)
lets the public page show that the inputs match. Runs in O(n log n).
"""

from __future__ import annotations

import heapq
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ohs.inspection.rules.draw_inputs import (
    DEFAULT_DRAW_CONFIG,
    RULE_VERSION,
    Coverage,
    DrawConfig,
    InspectionPlan,
    Inspector,
    PoolEntity,
    check_draw_inputs,
    decimal_text,
    partial_factor,
    published_inputs_digest,
    seeded_rng,
)
from ohs.risk.rules.schemes import SCHEMES, RiskClass

__all__ = [
    "DEFAULT_DRAW_CONFIG",
    "RULE_VERSION",
    "Coverage",
    "DrawConfig",
    "DrawResult",
    "DrawnTask",
    "Exclusion",
    "InspectionPlan",
    "Inspector",
    "PoolEntity",
    "StaffingShortfall",
    "StratumSummary",
    "avoidance_reasons",
    "draw_inspections",
    "partial_factor",
    "published_inputs_digest",
]


@dataclass(frozen=True)
class DrawnTask:
    """A drawn entity with its inspectors (empty when the region is short)."""

    entity_id: str
    region: str
    risk_class: RiskClass
    inspector_ids: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Exclusion:
    """An entity left out of the draw and why."""

    entity_id: str
    code: str
    reason: str


@dataclass(frozen=True)
class StaffingShortfall:
    """A region whose eligible inspectors could not staff some drawn tasks."""

    region: str
    entity_ids: tuple[str, ...]
    inspectors_in_region: int
    required_per_task: int
    reason: str


@dataclass(frozen=True)
class StratumSummary:
    """How many entities a stratum held, was due and drew."""

    class_label: str
    region: str
    pool_count: int
    weighted_pool: Decimal
    ratio: Decimal
    due_count: int
    drawn_count: int


@dataclass(frozen=True)
class DrawResult:
    """The draw: tasks, exclusions, shortfalls, strata, the inputs digest and versions."""

    plan_id: str
    seed: str
    published_inputs_digest: str
    tasks: tuple[DrawnTask, ...]
    exclusions: tuple[Exclusion, ...]
    shortfalls: tuple[StaffingShortfall, ...]
    strata: tuple[StratumSummary, ...]
    reasons: tuple[str, ...]
    unconfirmed: tuple[str, ...]
    config_version: str
    rule_version: str = RULE_VERSION


def _screen(
    plan: InspectionPlan, entities: Sequence[PoolEntity], config: DrawConfig
) -> tuple[list[tuple[PoolEntity, Decimal]], list[Exclusion]]:
    eligible: list[tuple[PoolEntity, Decimal]] = []
    excluded: list[Exclusion] = []
    for e in entities:
        factor = partial_factor(e, config)
        if e.coverage is Coverage.FULL:
            excluded.append(Exclusion(e.entity_id, "full_non_site", "已实施全环节全要素智能监管，不再列入抽取对象"))
        elif e.risk_class.label not in plan.class_ratios:
            excluded.append(Exclusion(e.entity_id, "no_class_ratio", f"计划未设定{e.risk_class.label}类抽查比例"))
        elif factor <= 0:
            excluded.append(Exclusion(e.entity_id, "zero_weight", "部分非现场监管使抽取权重降为 0"))
        else:
            eligible.append((e, factor))
    return eligible, excluded


def _sample(
    plan: InspectionPlan, eligible: list[tuple[PoolEntity, Decimal]], config: DrawConfig, rng: random.Random
) -> tuple[list[tuple[PoolEntity, Decimal]], list[StratumSummary]]:
    strata: dict[tuple[int, str], list[tuple[float, str, PoolEntity, Decimal]]] = defaultdict(list)
    ranks = {label: i for i, label in enumerate(SCHEMES[plan.scheme_id].labels_low_to_high)}
    for e, factor in eligible:
        u = rng.random()
        key = u if factor == 1 else u / float(factor)
        region = e.region if plan.is_stratified_by_region else ""
        strata[(ranks[e.risk_class.label], region)].append((key, e.entity_id, e, factor))
    drawn: list[tuple[PoolEntity, Decimal]] = []
    summaries = []
    for (rank, region), members in sorted(strata.items()):
        label = SCHEMES[plan.scheme_id].labels_low_to_high[rank]
        weighted = sum((m[3] for m in members), Decimal(0))
        ratio = plan.class_ratios[label]
        due = min(len(members), int((ratio * weighted).to_integral_value(rounding=config.rounding)))
        chosen = heapq.nsmallest(due, members, key=lambda m: (m[0], m[1]))
        drawn.extend((m[2], m[3]) for m in chosen)
        summaries.append(StratumSummary(label, region, len(members), weighted, ratio, due, len(chosen)))
    return drawn, summaries


# ---------------------------------------------------------------- inspectors


def avoidance_reasons(inspectors: Iterable[Inspector]) -> dict[str, dict[str, str]]:
    """Map entity id -> {inspector id: why that inspector must withdraw (回避)}."""
    avoid: dict[str, dict[str, str]] = defaultdict(dict)
    for i in inspectors:
        for entity_id in i.last_inspected_entity_ids:
            avoid[entity_id][i.inspector_id] = "上次检查过该单位"
        if i.former_employer_id is not None:
            avoid[i.former_employer_id][i.inspector_id] = "曾在该单位任职"
        for entity_id in i.conflict_entity_ids:
            avoid[entity_id][i.inspector_id] = "声明存在利害关系"
    return avoid


_Slot = tuple[int, float, str]


def _region_heaps(inspectors: Sequence[Inspector], rng: random.Random) -> dict[str, list[_Slot]]:
    heaps: dict[str, list[_Slot]] = defaultdict(list)
    for i in inspectors:
        heaps[i.region].append((i.current_load, rng.random(), i.inspector_id))
    for heap in heaps.values():
        heapq.heapify(heap)
    return heaps


def _staff(heap: list[_Slot], barred: Mapping[str, str], needed: int, rng: random.Random) -> list[_Slot]:
    """Take the ``needed`` least-loaded inspectors not barred, or none if too few remain."""
    picked: list[_Slot] = []
    skipped: list[_Slot] = []
    while heap and len(picked) < needed:
        slot = heapq.heappop(heap)
        (skipped if slot[2] in barred else picked).append(slot)
    if len(picked) < needed:
        skipped, picked = skipped + picked, []
    for slot in skipped:
        heapq.heappush(heap, slot)
    for load, _, inspector_id in picked:
        heapq.heappush(heap, (load + 1, rng.random(), inspector_id))
    return picked


def _assign(
    plan: InspectionPlan, drawn: list[tuple[PoolEntity, Decimal]], inspectors: Sequence[Inspector], rng: random.Random
) -> tuple[list[DrawnTask], dict[str, list[str]]]:
    heaps = _region_heaps(inspectors, rng)
    avoid, region_of = avoidance_reasons(inspectors), {i.inspector_id: i.region for i in inspectors}
    tasks, short = [], defaultdict(list)
    for e, factor in sorted(drawn, key=lambda d: d[0].entity_id):
        barred = {i: why for i, why in avoid.get(e.entity_id, {}).items() if region_of[i] == e.region}
        picked = _staff(heaps[e.region], barred, plan.min_inspectors_per_task, rng)
        if not picked:
            short[e.region].append(e.entity_id)
        inspector_ids = tuple(sorted(s[2] for s in picked))
        reasons = _task_reasons(plan, e, factor, picked, barred)
        tasks.append(DrawnTask(e.entity_id, e.region, e.risk_class, inspector_ids, reasons))
    return tasks, short


def _task_reasons(
    plan: InspectionPlan, e: PoolEntity, factor: Decimal, picked: list[_Slot], barred: Mapping[str, str]
) -> tuple[str, ...]:
    ratio = decimal_text(plan.class_ratios[e.risk_class.label] * 100)
    reasons = [f"{e.risk_class.label}类，按 {ratio}% 比例随机抽中"]
    if factor != 1:
        covered = decimal_text(e.covered_fraction * 100)
        reasons.append(f"部分环节非现场监管覆盖 {covered}%，抽取权重 {decimal_text(factor)}")
    if picked:
        reasons.append(f"同区域执法人员中任务量最少者优先：{'、'.join(sorted(s[2] for s in picked))}")
    else:
        reasons.append(f"区域 {e.region} 可派执法人员不足 {plan.min_inspectors_per_task} 名，待调配")
    reasons.extend(f"{iid} 回避：{why}" for iid, why in sorted(barred.items()))
    return tuple(reasons)


def _shortfalls(
    plan: InspectionPlan, short: Mapping[str, list[str]], inspectors: Sequence[Inspector]
) -> tuple[StaffingShortfall, ...]:
    in_region: dict[str, int] = defaultdict(int)
    for i in inspectors:
        in_region[i.region] += 1
    need = plan.min_inspectors_per_task
    return tuple(
        StaffingShortfall(
            region,
            tuple(ids),
            in_region[region],
            need,
            f"区域 {region} 回避后可派执法人员不足 {need} 名，{len(ids)} 项任务待调配",
        )
        for region, ids in sorted(short.items())
    )


def draw_inspections(
    plan: InspectionPlan,
    entities: Sequence[PoolEntity],
    inspectors: Sequence[Inspector],
    config: DrawConfig = DEFAULT_DRAW_CONFIG,
) -> DrawResult:
    """Draw entities per class (and region) and assign avoiding, load-balanced inspectors."""
    check_draw_inputs(plan, entities, inspectors, config)
    pool = sorted(entities, key=lambda e: e.entity_id)
    staff = sorted(inspectors, key=lambda i: i.inspector_id)
    rng = seeded_rng(plan.seed)
    eligible, exclusions = _screen(plan, pool, config)
    drawn, strata = _sample(plan, eligible, config, rng)
    tasks, short = _assign(plan, drawn, staff, rng)
    reasons = (
        f"计划 {plan.plan_id}：对象库 {len(pool)} 家，排除 {len(exclusions)} 家，抽中 {len(tasks)} 家",
        f"每项任务至少 {plan.min_inspectors_per_task} 名同区域执法人员，回避利害关系、上次检查、曾任职单位",
        f"取整规则 {config.rounding}；随机种子 {plan.seed}",
    )
    return DrawResult(
        plan_id=plan.plan_id,
        seed=plan.seed,
        published_inputs_digest=published_inputs_digest(plan, pool, staff, config),
        tasks=tuple(tasks),
        exclusions=tuple(exclusions),
        shortfalls=_shortfalls(plan, short, staff),
        strata=tuple(strata),
        reasons=reasons,
        unconfirmed=config.unconfirmed,
        config_version=config.version,
    )
