"""Inputs of the 双随机 draw: plan, entity and inspector pools, config, digest and seed.

Source: reference/random_inspection.md ("一单两库一细则": item list, object database,
inspector database; reproducible, logged draws). ``published_inputs_digest`` is the
SHA-256 of a canonical JSON of every input (sorted by id, decimals normalised), so the
public page can show that the inputs it lists are the ones the draw used.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from enum import StrEnum

from ohs.risk.rules.schemes import SCHEME_2022, SCHEMES, RiskClass, SchemeMismatchError

RULE_VERSION = "inspection.draw/1"
ROUNDING_MODES = (ROUND_CEILING, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_FLOOR)


class Coverage(StrEnum):
    """How far non-site (smart) supervision covers an entity's inspection content."""

    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"


@dataclass(frozen=True)
class DrawConfig:
    """Versioned draw parameters that the province may change."""

    version: str
    source: str
    unconfirmed: tuple[str, ...]
    partial_reduction_weight: Decimal
    partial_min_factor: Decimal
    rounding: str


DEFAULT_DRAW_CONFIG = DrawConfig(
    version="zj-draw-2024.1",
    source="seed 001 item 13.1 (无事不扰); reference/random_inspection.md",
    unconfirmed=("partial_reduction_weight", "partial_min_factor", "rounding"),
    partial_reduction_weight=Decimal(1),
    partial_min_factor=Decimal("0.2"),
    rounding=ROUND_CEILING,
)


@dataclass(frozen=True)
class InspectionPlan:
    """A published plan: items, ratio per class, inspectors per task and the seed."""

    plan_id: str
    items: tuple[str, ...]
    class_ratios: Mapping[str, Decimal]
    seed: str
    scheme_id: str = SCHEME_2022.scheme_id
    min_inspectors_per_task: int = 2
    is_stratified_by_region: bool = False


@dataclass(frozen=True)
class PoolEntity:
    """An entity of the object database (检查对象名录库) with its class and coverage."""

    entity_id: str
    region: str
    industry: str
    risk_class: RiskClass
    coverage: Coverage = Coverage.NONE
    covered_fraction: Decimal = Decimal(0)


@dataclass(frozen=True)
class Inspector:
    """An inspector of the enforcement database (执法检查人员名录库)."""

    inspector_id: str
    region: str
    current_load: int = 0
    conflict_entity_ids: frozenset[str] = frozenset()
    last_inspected_entity_ids: frozenset[str] = frozenset()
    former_employer_id: str | None = None


def decimal_text(value: Decimal) -> str:
    """A decimal in plain notation without trailing zeros (0.30 -> "0.3", 20 -> "20")."""
    return format(value.normalize(), "f")


def check_draw_inputs(
    plan: InspectionPlan, entities: Sequence[PoolEntity], inspectors: Sequence[Inspector], config: DrawConfig
) -> None:
    """Refuse unknown schemes, ratios outside [0, 1], duplicate ids and mixed schemes."""
    if plan.min_inspectors_per_task < 1 or plan.scheme_id not in SCHEMES:
        raise ValueError("plan needs a known scheme and at least one inspector per task")
    labels = SCHEMES[plan.scheme_id].labels_low_to_high
    if any(k not in labels or not Decimal(0) <= r <= Decimal(1) for k, r in plan.class_ratios.items()):
        raise ValueError(f"class_ratios must map classes of {plan.scheme_id} to ratios in [0, 1]")
    if config.rounding not in ROUNDING_MODES or not Decimal(0) <= config.partial_min_factor <= Decimal(1):
        raise ValueError("config rounding or partial_min_factor out of range")
    if len({e.entity_id for e in entities}) != len(entities):
        raise ValueError("duplicate entity_id in the pool")
    if len({i.inspector_id for i in inspectors}) != len(inspectors):
        raise ValueError("duplicate inspector_id in the pool")
    for e in entities:
        if e.risk_class.scheme_id != plan.scheme_id:
            scheme = e.risk_class.scheme_id
            raise SchemeMismatchError(f"{e.entity_id}: class of {scheme}, plan uses {plan.scheme_id}")
        if not Decimal(0) <= e.covered_fraction <= Decimal(1):
            raise ValueError(f"{e.entity_id}: covered_fraction must be within [0, 1]")


def _canonical_inputs(
    plan: InspectionPlan, entities: Iterable[PoolEntity], inspectors: Iterable[Inspector], config: DrawConfig
) -> dict[str, object]:
    return {
        "rule_version": RULE_VERSION,
        "config": [
            config.version,
            decimal_text(config.partial_reduction_weight),
            decimal_text(config.partial_min_factor),
            config.rounding,
        ],
        "plan": [
            plan.plan_id,
            sorted(plan.items),
            sorted((k, decimal_text(v)) for k, v in plan.class_ratios.items()),
            plan.seed,
            plan.scheme_id,
            plan.min_inspectors_per_task,
            plan.is_stratified_by_region,
        ],
        "entities": sorted(
            [
                e.entity_id,
                e.region,
                e.industry,
                e.risk_class.scheme_id,
                e.risk_class.label,
                e.coverage.value,
                decimal_text(e.covered_fraction),
            ]
            for e in entities
        ),
        "inspectors": sorted(
            [
                i.inspector_id,
                i.region,
                i.current_load,
                sorted(i.conflict_entity_ids),
                sorted(i.last_inspected_entity_ids),
                i.former_employer_id,
            ]
            for i in inspectors
        ),
    }


def published_inputs_digest(
    plan: InspectionPlan,
    entities: Iterable[PoolEntity],
    inspectors: Iterable[Inspector],
    config: DrawConfig = DEFAULT_DRAW_CONFIG,
) -> str:
    """SHA-256 (hex) of the canonical JSON of every draw input, independent of input order."""
    text = json.dumps(
        _canonical_inputs(plan, entities, inspectors, config), ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seeded_rng(seed: str) -> random.Random:
    """The draw's RNG: random.Random seeded with the SHA-256 of the published seed."""
    return random.Random(int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest(), "big"))


def partial_factor(entity: PoolEntity, config: DrawConfig) -> Decimal:
    """Sampling weight of an entity: 1, or reduced for partial non-site coverage."""
    if entity.coverage is not Coverage.PARTIAL:
        return Decimal(1)
    reduced = Decimal(1) - config.partial_reduction_weight * entity.covered_fraction
    return min(Decimal(1), max(config.partial_min_factor, reduced))
