"""Published inputs round-trip: the public re-run gives the same draw and the same digest."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ohs.inspection.rules.draw import draw_inspections
from ohs.inspection.rules.draw_inputs import DEFAULT_DRAW_CONFIG, Coverage, InspectionPlan, Inspector, PoolEntity
from ohs.inspection.rules.published import inputs_from_json, inputs_to_json
from ohs.risk.rules.schemes import SCHEME_2022, RiskClass

REGIONS = ["330102", "330106"]


def _entity(i: int, label: str, coverage: Coverage) -> PoolEntity:
    fraction = {Coverage.FULL: Decimal(1), Coverage.PARTIAL: Decimal("0.5"), Coverage.NONE: Decimal(0)}[coverage]
    return PoolEntity(f"{i}", REGIONS[i % 2], "301", RiskClass(SCHEME_2022.scheme_id, label), coverage, fraction)


@settings(max_examples=30, deadline=None)
@given(
    seed=st.text(min_size=1, max_size=12),
    rows=st.lists(st.tuples(st.sampled_from("甲乙丙"), st.sampled_from(list(Coverage))), min_size=1, max_size=30),
    conflicts=st.sets(st.integers(min_value=0, max_value=29)),
)
def test_round_trip_reproduces_the_draw(seed: str, rows: list[tuple[str, Coverage]], conflicts: set[int]) -> None:
    plan = InspectionPlan("P1", ("OH05",), {"甲": Decimal("0.1"), "乙": Decimal("0.3"), "丙": Decimal("0.6")}, seed)
    entities = [_entity(i, label, cov) for i, (label, cov) in enumerate(rows)]
    staff = [
        Inspector(f"I{n}", REGIONS[n % 2], conflict_entity_ids=frozenset(str(c) for c in conflicts if c % 4 == n))
        for n in range(4)
    ]
    original = draw_inspections(plan, entities, staff, DEFAULT_DRAW_CONFIG)
    published = json.loads(json.dumps(inputs_to_json(plan, entities, staff, DEFAULT_DRAW_CONFIG)))
    rerun = draw_inspections(*inputs_from_json(published))
    assert rerun.tasks == original.tasks
    assert rerun.published_inputs_digest == original.published_inputs_digest


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        inputs_from_json({"format": "other"})
