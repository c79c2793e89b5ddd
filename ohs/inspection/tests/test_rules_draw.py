"""双随机 draw: worked examples and properties (reference/random_inspection.md, seed 001 item 13.1)."""

from __future__ import annotations

import math
import random
import time
from collections import Counter, defaultdict
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ohs.inspection.rules.draw import (
    DEFAULT_DRAW_CONFIG,
    Coverage,
    DrawResult,
    InspectionPlan,
    Inspector,
    PoolEntity,
    draw_inspections,
    partial_factor,
    published_inputs_digest,
)
from ohs.risk.rules.schemes import (
    SCHEME_2018,
    SCHEME_2022,
    RiskClass,
    SchemeMismatchError,
)

WEST_LAKE, GONGSHU = "330106", "330105"
ALL_CLASSES = {"甲": Decimal(1), "乙": Decimal(1), "丙": Decimal(1)}


def _cls(label: str) -> RiskClass:
    return RiskClass(SCHEME_2022.scheme_id, label)


def _plan(ratios: dict[str, Decimal] | None = None, **changes: object) -> InspectionPlan:
    plan = InspectionPlan("ZJ-2024-OH-01", ("职业卫生-重点行业",), ratios or ALL_CLASSES, seed="2024-03-01#7731")
    return replace(plan, **changes)  # type: ignore[arg-type]


def _entity(entity_id: str, label: str = "丙", region: str = WEST_LAKE, **changes: object) -> PoolEntity:
    return replace(PoolEntity(entity_id, region, "C30", _cls(label)), **changes)  # type: ignore[arg-type]


INSPECTORS = (
    Inspector("I1", WEST_LAKE, current_load=0),
    Inspector("I2", WEST_LAKE, current_load=1),
    Inspector("I3", WEST_LAKE, current_load=0, conflict_entity_ids=frozenset({"E-A1"})),
    Inspector("I4", WEST_LAKE, current_load=5, last_inspected_entity_ids=frozenset({"E-A4"})),
    Inspector("I5", GONGSHU, current_load=0),
)


def _task(result: DrawResult, entity_id: str) -> tuple[str, ...]:
    return next(t.inspector_ids for t in result.tasks if t.entity_id == entity_id)


# ---------------------------------------------------------------- worked examples


def test_draw_avoids_conflicts_and_picks_least_loaded_inspectors() -> None:
    entities = [_entity("E-A1"), _entity("E-A4"), _entity("E-A5")]
    result = draw_inspections(_plan(), entities, INSPECTORS)
    assert _task(result, "E-A1") == ("I1", "I2")  # I3 declared a conflict
    assert _task(result, "E-A4") == ("I1", "I3")  # loads now I1=1, I2=2, I3=0
    assert "I3" in _task(result, "E-A5") and "I4" not in _task(result, "E-A5")
    assert any("I3 回避：声明存在利害关系" in r for r in result.tasks[0].reasons)


def test_draw_region_with_too_few_inspectors_reports_shortfall() -> None:
    result = draw_inspections(_plan(), [_entity("E-B1", region=GONGSHU)], INSPECTORS)
    assert _task(result, "E-B1") == ()
    assert result.shortfalls[0].region == GONGSHU and result.shortfalls[0].entity_ids == ("E-B1",)
    assert result.shortfalls[0].inspectors_in_region == 1


def test_draw_former_employer_and_last_inspection_are_avoided() -> None:
    staff = (
        Inspector("I1", WEST_LAKE, former_employer_id="E-1"),
        Inspector("I2", WEST_LAKE),
        Inspector("I3", WEST_LAKE, last_inspected_entity_ids=frozenset({"E-1"})),
        Inspector("I4", WEST_LAKE),
    )
    assert _task(draw_inspections(_plan(), [_entity("E-1")], staff), "E-1") == ("I2", "I4")


def test_draw_fully_covered_excluded_and_partly_covered_weighted() -> None:
    entities = [
        _entity("E-1", coverage=Coverage.FULL),
        _entity("E-2", coverage=Coverage.PARTIAL, covered_fraction=Decimal("0.4")),
    ]
    result = draw_inspections(_plan({"丙": Decimal("0.5")}), entities, INSPECTORS)
    assert [(x.entity_id, x.code) for x in result.exclusions] == [("E-1", "full_non_site")]
    assert result.strata[0].weighted_pool == Decimal("0.6")
    assert result.strata[0].due_count == 1  # ceil(0.5 x 0.6)


@pytest.mark.parametrize(("fraction", "factor"), [("0", "1"), ("0.4", "0.6"), ("0.9", "0.2")])
def test_partial_factor_reduces_ratio_with_floor(fraction: str, factor: str) -> None:
    entity = _entity("E-1", coverage=Coverage.PARTIAL, covered_fraction=Decimal(fraction))
    assert partial_factor(entity, DEFAULT_DRAW_CONFIG) == Decimal(factor)


def test_draw_rounding_is_configurable() -> None:
    entities = [_entity(f"E-{i}", "甲") for i in range(10)]
    plan = _plan({"甲": Decimal("0.03")})
    assert len(draw_inspections(plan, entities, INSPECTORS).tasks) == 1  # ceil(0.3)
    half_up = replace(DEFAULT_DRAW_CONFIG, rounding=ROUND_HALF_UP)
    assert len(draw_inspections(plan, entities, INSPECTORS, half_up).tasks) == 0


def test_draw_class_without_ratio_excluded_with_reason() -> None:
    result = draw_inspections(_plan({"丙": Decimal(1)}), [_entity("E-1", "甲")], INSPECTORS)
    assert result.exclusions[0].code == "no_class_ratio" and not result.tasks


def test_draw_stratified_by_region_rounds_each_region() -> None:
    entities = [_entity(f"E-{i}", region=WEST_LAKE if i % 2 else GONGSHU) for i in range(20)]
    result = draw_inspections(_plan({"丙": Decimal("0.05")}, is_stratified_by_region=True), entities, INSPECTORS)
    assert Counter(t.region for t in result.tasks) == {WEST_LAKE: 1, GONGSHU: 1}


def test_draw_other_scheme_class_refused() -> None:
    entity = replace(_entity("E-1"), risk_class=RiskClass(SCHEME_2018.scheme_id, "甲"))
    with pytest.raises(SchemeMismatchError):
        draw_inspections(_plan(), [entity], INSPECTORS)


def test_draw_duplicate_ids_refused() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        draw_inspections(_plan(), [_entity("E-1"), _entity("E-1")], INSPECTORS)


def test_published_inputs_digest_matches_reordered_inputs_and_detects_changes() -> None:
    entities = [_entity("E-1"), _entity("E-2", "甲")]
    digest = published_inputs_digest(_plan(), entities, INSPECTORS)
    assert digest == published_inputs_digest(_plan(), entities[::-1], INSPECTORS[::-1])
    assert digest != published_inputs_digest(_plan(seed="other"), entities, INSPECTORS)
    assert digest != published_inputs_digest(_plan(), [entities[0], _entity("E-2", "乙")], INSPECTORS)
    assert draw_inspections(_plan(), entities, INSPECTORS).published_inputs_digest == digest


def test_draw_hundred_thousand_entities_within_seconds() -> None:
    rng = random.Random(1)
    regions = [f"3301{i:02d}" for i in range(1, 91)]
    entities = [
        _entity(
            f"E{i:06d}",
            rng.choice("甲乙丙"),
            rng.choice(regions),
            coverage=rng.choice([Coverage.NONE] * 8 + [Coverage.FULL, Coverage.PARTIAL]),
            covered_fraction=Decimal("0.5"),
        )
        for i in range(100_000)
    ]
    staff = [Inspector(f"I{i:04d}", regions[i % 90], rng.randint(0, 4)) for i in range(600)]
    plan = _plan({"甲": Decimal("0.03"), "乙": Decimal("0.1"), "丙": Decimal("0.3")}, is_stratified_by_region=True)
    started = time.perf_counter()
    result = draw_inspections(plan, entities, staff)
    assert time.perf_counter() - started < 8  # about 1 s on one core; O(n²) would take minutes
    assert len(result.tasks) > 10_000


# ---------------------------------------------------------------- properties

_IDS = [f"E{i:02d}" for i in range(30)]
_REGIONS = [WEST_LAKE, GONGSHU, "330108"]
_entities = st.lists(
    st.builds(
        PoolEntity,
        st.sampled_from(_IDS),
        st.sampled_from(_REGIONS),
        st.just("C30"),
        st.sampled_from(["甲", "乙", "丙"]).map(_cls),
        st.sampled_from(list(Coverage)),
        st.decimals(min_value=0, max_value=1, places=2),
    ),
    unique_by=lambda e: e.entity_id,
    max_size=30,
)
_id_sets = st.frozensets(st.sampled_from(_IDS), max_size=4)
_inspectors = st.lists(
    st.builds(
        Inspector,
        st.sampled_from([f"I{i}" for i in range(12)]),
        st.sampled_from(_REGIONS),
        st.integers(0, 3),
        _id_sets,
        _id_sets,
        st.one_of(st.none(), st.sampled_from(_IDS)),
    ),
    unique_by=lambda i: i.inspector_id,
    max_size=12,
)
_plans = st.builds(
    InspectionPlan,
    st.just("P1"),
    st.just(("item-1",)),
    st.fixed_dictionaries({k: st.decimals(min_value=0, max_value=1, places=2) for k in ("甲", "乙", "丙")}),
    st.text(min_size=1, max_size=8),
    st.just(SCHEME_2022.scheme_id),
    st.integers(1, 3),
    st.booleans(),
)
_draw_inputs = st.tuples(_plans, _entities, _inspectors)


@settings(max_examples=150)
@given(_draw_inputs, st.randoms(use_true_random=False))
def test_draw_is_deterministic_and_order_independent(
    inputs: tuple[InspectionPlan, list[PoolEntity], list[Inspector]], rnd: random.Random
) -> None:
    plan, entities, inspectors = inputs
    shuffled_entities, shuffled_inspectors = entities[:], inspectors[:]
    rnd.shuffle(shuffled_entities)
    rnd.shuffle(shuffled_inspectors)
    first = draw_inspections(plan, entities, inspectors)
    assert first == draw_inspections(plan, entities, inspectors)
    assert first == draw_inspections(plan, shuffled_entities, shuffled_inspectors)


@settings(max_examples=150)
@given(_draw_inputs)
def test_draw_never_pairs_an_inspector_who_must_withdraw(
    inputs: tuple[InspectionPlan, list[PoolEntity], list[Inspector]],
) -> None:
    plan, entities, inspectors = inputs
    by_id = {i.inspector_id: i for i in inspectors}
    for task in draw_inspections(plan, entities, inspectors).tasks:
        for inspector_id in task.inspector_ids:
            inspector = by_id[inspector_id]
            assert task.entity_id not in inspector.conflict_entity_ids | inspector.last_inspected_entity_ids
            assert task.entity_id != inspector.former_employer_id
            assert inspector.region == task.region


@settings(max_examples=150)
@given(_draw_inputs)
def test_draw_every_task_staffed_or_in_shortfall(
    inputs: tuple[InspectionPlan, list[PoolEntity], list[Inspector]],
) -> None:
    plan, entities, inspectors = inputs
    result = draw_inspections(plan, entities, inspectors)
    short = {entity_id for s in result.shortfalls for entity_id in s.entity_ids}
    for task in result.tasks:
        staffed = len(set(task.inspector_ids)) == len(task.inspector_ids) >= plan.min_inspectors_per_task
        assert staffed or task.entity_id in short


@settings(max_examples=150)
@given(_draw_inputs)
def test_draw_excludes_full_coverage_and_respects_class_ratios(
    inputs: tuple[InspectionPlan, list[PoolEntity], list[Inspector]],
) -> None:
    plan, entities, inspectors = inputs
    result = draw_inspections(plan, entities, inspectors)
    full = {e.entity_id for e in entities if e.coverage is Coverage.FULL}
    assert not full & {t.entity_id for t in result.tasks}
    weights: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for e in entities:
        if e.coverage is not Coverage.FULL:
            region = e.region if plan.is_stratified_by_region else ""
            weights[(e.risk_class.label, region)].append(partial_factor(e, DEFAULT_DRAW_CONFIG))
    drawn = Counter((t.risk_class.label, t.region if plan.is_stratified_by_region else "") for t in result.tasks)
    for (label, region), members in weights.items():
        expected = plan.class_ratios[label] * sum(members, Decimal(0))
        assert drawn[(label, region)] == min(len(members), math.ceil(expected))
