"""The published inputs of a draw as JSON, and back: the public page re-runs the draw from them.

Everything the draw reads is here (plan, entity pool, inspector pool, config), so anyone can
re-run ``draw_inspections`` and compare the list and the inputs digest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from ohs.inspection.rules.draw_inputs import (
    Coverage,
    DrawConfig,
    InspectionPlan,
    Inspector,
    PoolEntity,
    decimal_text,
)
from ohs.risk.rules.schemes import RiskClass

PUBLISHED_FORMAT = "ohs.draw-inputs/1"


def inputs_to_json(
    plan: InspectionPlan, entities: Sequence[PoolEntity], inspectors: Sequence[Inspector], config: DrawConfig
) -> dict[str, Any]:
    return {
        "format": PUBLISHED_FORMAT,
        "config": {
            "version": config.version,
            "source": config.source,
            "unconfirmed": list(config.unconfirmed),
            "partial_reduction_weight": decimal_text(config.partial_reduction_weight),
            "partial_min_factor": decimal_text(config.partial_min_factor),
            "rounding": config.rounding,
        },
        "plan": {
            "plan_id": plan.plan_id,
            "items": list(plan.items),
            "class_ratios": {k: decimal_text(v) for k, v in sorted(plan.class_ratios.items())},
            "seed": plan.seed,
            "scheme_id": plan.scheme_id,
            "min_inspectors_per_task": plan.min_inspectors_per_task,
            "is_stratified_by_region": plan.is_stratified_by_region,
        },
        "entities": [
            [e.entity_id, e.region, e.industry, e.risk_class.label, e.coverage.value, decimal_text(e.covered_fraction)]
            for e in sorted(entities, key=lambda e: e.entity_id)
        ],
        "inspectors": [
            {
                "id": i.inspector_id,
                "region": i.region,
                "load": i.current_load,
                "conflicts": sorted(i.conflict_entity_ids),
                "last_inspected": sorted(i.last_inspected_entity_ids),
                "former_employer": i.former_employer_id,
            }
            for i in sorted(inspectors, key=lambda i: i.inspector_id)
        ],
    }


def inputs_from_json(
    data: Mapping[str, Any],
) -> tuple[InspectionPlan, list[PoolEntity], list[Inspector], DrawConfig]:
    """Rebuild the draw's inputs; raise ValueError on an unknown format."""
    if data.get("format") != PUBLISHED_FORMAT:
        raise ValueError(f"unknown published-inputs format {data.get('format')!r}")
    c, p = data["config"], data["plan"]
    config = DrawConfig(
        version=c["version"],
        source=c["source"],
        unconfirmed=tuple(c["unconfirmed"]),
        partial_reduction_weight=Decimal(c["partial_reduction_weight"]),
        partial_min_factor=Decimal(c["partial_min_factor"]),
        rounding=c["rounding"],
    )
    plan = InspectionPlan(
        plan_id=p["plan_id"],
        items=tuple(p["items"]),
        class_ratios={k: Decimal(v) for k, v in p["class_ratios"].items()},
        seed=p["seed"],
        scheme_id=p["scheme_id"],
        min_inspectors_per_task=p["min_inspectors_per_task"],
        is_stratified_by_region=p["is_stratified_by_region"],
    )
    entities = [
        PoolEntity(eid, region, industry, RiskClass(plan.scheme_id, label), Coverage(cov), Decimal(fraction))
        for eid, region, industry, label, cov, fraction in data["entities"]
    ]
    inspectors = [
        Inspector(
            i["id"],
            i["region"],
            i["load"],
            frozenset(i["conflicts"]),
            frozenset(i["last_inspected"]),
            i["former_employer"],
        )
        for i in data["inspectors"]
    ]
    return plan, entities, inspectors, config
