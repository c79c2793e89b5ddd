"""Discretion: statutory ranges from penalties_odpl.csv, tiers, proposals, departures."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.enforcement.rules.discretion import (
    DEFAULT_BENCHMARK,
    PenaltyFacts,
    PenaltyProposal,
    TierRange,
    apply_defence,
    check_departure,
    legal_range_for,
    may_decide_fine,
    propose_penalty,
    refine_benchmark,
    select_benchmark,
    select_tier,
    tier_ranges,
)
from ohs.enforcement.rules.violations import (
    Circumstance,
    FineMode,
    FineRange,
    IncomeMultiple,
    Measure,
    TierLevel,
    Violation,
    select_governing_violation,
    violations_from_rows,
)

REFERENCE = Path(__file__).resolve().parents[3] / "reference"


def _rows() -> list[dict[str, str]]:
    text = (REFERENCE / "penalties_odpl.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


VIOLATIONS = {v.article: v for v in violations_from_rows(_rows())}
FINED = [v for v in VIOLATIONS.values() if v.legal_range is not None]
UNCORRECTED = PenaltyFacts(is_uncorrected_after_deadline=True)


def _provincial(article: str, level: TierLevel) -> TierRange:
    return next(t for t in tier_ranges(VIOLATIONS[article], DEFAULT_BENCHMARK) if t.level == level)


def _propose(article: str, facts: PenaltyFacts = UNCORRECTED) -> PenaltyProposal:
    return propose_penalty(VIOLATIONS[article], facts, DEFAULT_BENCHMARK)


def test_violations_from_rows_parses_every_row_and_keeps_confidence() -> None:
    assert len(VIOLATIONS) == len(_rows())
    assert VIOLATIONS["ODPL-72(1)"].legal_range == FineRange(Decimal(50000), Decimal(200000))
    assert VIOLATIONS["ODPL-72(1)"].is_confirmed
    assert not VIOLATIONS["WPOHR-art?(5000-20000 clause)"].is_confirmed


@pytest.mark.parametrize(
    ("article", "mode"),
    [
        ("ODPL-69(2)", FineMode.ONLY_IF_UNCORRECTED),  # "Same as ODPL-69(1)" resolved
        ("ODPL-70(3)", FineMode.ONLY_IF_UNCORRECTED),
        ("ODPL-72(8)", FineMode.ONLY_IF_UNCORRECTED),
        ("ODPL-71(1)", FineMode.OPTIONAL),  # 可以并处
        ("ODPL-73", FineMode.MANDATORY),  # 并处
        ("ODPL-75(4)", FineMode.MANDATORY),
        ("ODPL-76", FineMode.NONE),  # other laws
        ("ODPL-78", FineMode.NONE),  # criminal liability
    ],
)
def test_violations_from_rows_reads_fine_mode(article: str, mode: FineMode) -> None:
    assert VIOLATIONS[article].fine_mode is mode


def test_violations_from_rows_reads_special_ranges_and_measures() -> None:
    assert VIOLATIONS["ODPL-74"].falsified_range == FineRange(Decimal(20000), Decimal(50000))
    assert VIOLATIONS["ODPL-79"].income_multiple == IncomeMultiple(Decimal(5000), Decimal(2), Decimal(10))
    assert Measure.ORDER_TO_STOP in VIOLATIONS["ODPL-77"].base_measures
    assert Measure.ORDER_TO_STOP not in VIOLATIONS["ODPL-69(1)"].base_measures
    assert VIOLATIONS["ODPL-75(1)"].has_serious_escalation


def test_violations_from_rows_when_amount_not_a_number_raises_naming_column() -> None:
    row = dict(_rows()[0], fine_max_yuan="50万")
    with pytest.raises(ValueError, match="fine_max_yuan"):
        violations_from_rows([row])


def test_violations_from_rows_when_reference_unknown_raises() -> None:
    row = dict(_rows()[1], other_measures="Same as ODPL-99")
    with pytest.raises(ValueError, match="ODPL-99"):
        violations_from_rows([row])


def test_tier_ranges_odpl_72_split_30_70() -> None:
    # ODPL Art.72: 50 000-200 000 -> 从轻 50 000-95 000, 一般 -155 000, 严重 = 200 000.
    light = _provincial("ODPL-72(1)", TierLevel.LIGHT)
    assert (light.fine_min_yuan, light.fine_max_yuan) == (
        Decimal(50000),
        Decimal(95000),
    )
    assert _provincial("ODPL-72(1)", TierLevel.ORDINARY).fine_max_yuan == Decimal(155000)
    assert _provincial("ODPL-72(1)", TierLevel.SEVERE).fine_min_yuan == Decimal(200000)


def test_propose_penalty_odpl_71_without_circumstances_is_ordinary_midpoint() -> None:
    # ODPL Art.71: 50 000-100 000; 一般 = 65 000-85 000.
    proposal = _propose("ODPL-71(1)", PenaltyFacts())
    assert (proposal.level, proposal.fine_yuan) == (TierLevel.ORDINARY, Decimal(75000))
    assert proposal.benchmark_version == DEFAULT_BENCHMARK.version
    assert {Measure.WARNING, Measure.FINE} <= proposal.measures


def test_propose_penalty_odpl_72_before_deadline_warns_without_fine() -> None:
    # ODPL Art.72: fine only if not corrected by the deadline.
    proposal = _propose("ODPL-72(4)", PenaltyFacts())
    assert proposal.fine_yuan is None
    assert Measure.FINE not in proposal.measures
    assert any("逾期不改正的方可罚款" in r for r in proposal.reasons)


def test_propose_penalty_odpl_72_repeated_is_heavy() -> None:
    facts = replace(UNCORRECTED, circumstances=frozenset({Circumstance.REPEATED_VIOLATION}))
    proposal = _propose("ODPL-72(1)", facts)
    assert (proposal.level, proposal.fine_yuan) == (TierLevel.HEAVY, Decimal(177500))


def test_propose_penalty_when_two_tiers_match_takes_heavier() -> None:
    # 浙卫发〔2024〕27号: 就高不就低.
    both = frozenset({Circumstance.FIRST_VIOLATION, Circumstance.MANY_WORKERS_AFFECTED})
    proposal = _propose("ODPL-72(1)", replace(UNCORRECTED, circumstances=both))
    assert proposal.level is TierLevel.HEAVY
    assert any("就高不就低" in r for r in proposal.reasons)


def test_select_tier_statutory_mitigation_lowers_one_step() -> None:
    # 行政处罚法 Art.32(1) with a repeat: heavy -> ordinary.
    both = frozenset({Circumstance.ELIMINATED_HARM, Circumstance.REPEATED_VIOLATION})
    level, reasons = select_tier(both, DEFAULT_BENCHMARK)
    assert level is TierLevel.ORDINARY
    assert any("第三十二条" in r for r in reasons)


def test_propose_penalty_severe_adds_serious_sanction() -> None:
    # ODPL Art.75: 50 000-300 000, serious -> stop work / closure.
    facts = PenaltyFacts(circumstances=frozenset({Circumstance.DISEASE_CAUSED}))
    proposal = _propose("ODPL-75(6)", facts)
    assert (proposal.level, proposal.fine_yuan) == (TierLevel.SEVERE, Decimal(300000))
    assert Measure.SERIOUS_SANCTION in proposal.measures


def test_propose_penalty_odpl_79_uses_income_multiple() -> None:
    # ODPL Art.79: illegal income >= 5 000 -> 2-10 times the income.
    proposal = _propose("ODPL-79", PenaltyFacts(illegal_income_yuan=Decimal(10000)))
    assert proposal.legal_range == FineRange(Decimal(20000), Decimal(100000))
    assert proposal.fine_yuan == Decimal(60000)


def test_propose_penalty_odpl_74_falsified_makes_fine_mandatory() -> None:
    proposal = _propose("ODPL-74", PenaltyFacts(is_falsified=True))
    assert proposal.legal_range == FineRange(Decimal(20000), Decimal(50000))
    assert proposal.fine_mode is FineMode.MANDATORY


def test_propose_penalty_odpl_76_has_no_fine() -> None:
    proposal = _propose("ODPL-76", PenaltyFacts())
    assert proposal.fine_yuan is None


def test_propose_penalty_carries_unconfirmed_notes() -> None:
    proposal = _propose("WPOHR-art?(5000-20000 clause)", PenaltyFacts())
    assert any("未经核实" in note for note in proposal.unconfirmed)


def _refinement(article: str, low: int, high: int, level: TierLevel) -> TierRange:
    return TierRange(article, level, Decimal(low), Decimal(high), "hz-2025-1", "330100")


def test_propose_penalty_uses_accepted_local_refinement() -> None:
    local = _refinement("ODPL-71(1)", 66000, 70000, TierLevel.ORDINARY)
    benchmark = replace(DEFAULT_BENCHMARK, refinements=(local,))
    proposal = propose_penalty(VIOLATIONS["ODPL-71(1)"], PenaltyFacts(), benchmark)
    assert proposal.fine_yuan == Decimal(68000)
    assert "330100:hz-2025-1" in proposal.benchmark_version


def test_refine_benchmark_inside_tier_accepts() -> None:
    tier = _provincial("ODPL-71(1)", TierLevel.ORDINARY)
    decision = refine_benchmark(tier, _refinement("ODPL-71(1)", 66000, 70000, TierLevel.ORDINARY))
    assert decision.is_accepted and decision.tier is not None


@pytest.mark.parametrize(
    ("low", "high", "level", "field"),
    [
        (60000, 70000, TierLevel.ORDINARY, "fine_min_yuan"),
        (70000, 90000, TierLevel.ORDINARY, "fine_max_yuan"),
        (80000, 70000, TierLevel.ORDINARY, "fine_min_yuan"),
        (66000, 70000, TierLevel.HEAVY, "level"),
    ],
)
def test_refine_benchmark_outside_tier_rejects_naming_field(low: int, high: int, level: TierLevel, field: str) -> None:
    tier = _provincial("ODPL-71(1)", TierLevel.ORDINARY)
    decision = refine_benchmark(tier, _refinement("ODPL-71(1)", low, high, level))
    assert not decision.is_accepted
    assert field in {p.field for p in decision.problems}


def test_refine_benchmark_by_province_itself_rejects() -> None:
    tier = _provincial("ODPL-71(1)", TierLevel.ORDINARY)
    decision = refine_benchmark(tier, replace(tier, region_code="330000"))
    assert [p.field for p in decision.problems] == ["region_code"]


def test_check_departure_same_amount_is_no_departure() -> None:
    proposal = _propose("ODPL-71(1)", PenaltyFacts())
    check = check_departure(proposal, Decimal(75000), "")
    assert check.is_allowed and not check.is_departure


def test_check_departure_without_reason_refuses() -> None:
    check = check_departure(_propose("ODPL-71(1)", PenaltyFacts()), Decimal(80000), "  ")
    assert not check.is_allowed
    assert "书面说明理由" in check.reasons[0]


def test_check_departure_with_reason_requires_legal_review() -> None:
    check = check_departure(_propose("ODPL-71(1)", PenaltyFacts()), Decimal(90000), "涉及人数多")
    assert check.is_allowed and check.requires_legal_review


@pytest.mark.parametrize("amount", [Decimal(100001), Decimal(40000), Decimal(-1)])
def test_check_departure_outside_legal_range_refuses(amount: Decimal) -> None:
    check = check_departure(_propose("ODPL-71(1)", PenaltyFacts()), amount, "理由")
    assert not check.is_allowed


def test_check_departure_below_minimum_with_article_32_needs_collective_discussion() -> None:
    facts = PenaltyFacts(circumstances=frozenset({Circumstance.COERCED}))
    check = check_departure(_propose("ODPL-73", facts), Decimal(30000), "受胁迫，减轻处罚")
    assert check.is_allowed and check.requires_collective_discussion


def test_check_departure_no_fine_allowed_only_when_optional() -> None:
    assert check_departure(_propose("ODPL-71(1)", PenaltyFacts()), None, "仅警告").is_allowed
    assert not check_departure(_propose("ODPL-73", PenaltyFacts()), None, "仅警告").is_allowed


DEADLINE = date(2025, 6, 30)


@pytest.mark.parametrize(
    ("corrected_on", "today", "allowed"),
    [
        (None, date(2025, 6, 30), False),  # deadline day itself: not yet passed
        (date(2025, 6, 20), date(2025, 7, 15), False),  # corrected in time
        (None, date(2025, 7, 1), True),  # passed unmet
        (date(2025, 7, 5), date(2025, 7, 15), True),  # corrected late
        (
            date(2025, 7, 20),
            date(2025, 7, 15),
            False,
        ),  # correction in the future: bad data
    ],
)
def test_may_decide_fine_odpl_72(corrected_on: date | None, today: date, allowed: bool) -> None:
    eligibility = may_decide_fine(VIOLATIONS["ODPL-72(1)"], DEADLINE, corrected_on, today)
    assert eligibility.is_allowed is allowed
    assert eligibility.reasons


def test_may_decide_fine_unconditional_and_no_fine_rows() -> None:
    assert may_decide_fine(VIOLATIONS["ODPL-73"], DEADLINE, None, date(2025, 6, 1)).is_allowed
    assert not may_decide_fine(VIOLATIONS["ODPL-76"], DEADLINE, None, date(2025, 8, 1)).is_allowed


def test_apply_defence_lower_fine_accepted_higher_refused() -> None:
    original = _propose("ODPL-71(1)", PenaltyFacts())
    assert apply_defence(original, replace(original, fine_yuan=Decimal(60000))).is_accepted
    refused = apply_defence(original, replace(original, fine_yuan=Decimal(80000)))
    assert not refused.is_accepted and refused.penalty == original


def test_apply_defence_added_measure_refused() -> None:
    original = _propose("ODPL-71(1)", PenaltyFacts())
    heavier = replace(original, measures=original.measures | {Measure.ORDER_TO_STOP})
    assert not apply_defence(original, heavier).is_accepted


def test_select_benchmark_picks_the_one_in_force() -> None:
    older = replace(DEFAULT_BENCHMARK, version="2022", effective_on=date(2023, 7, 11))
    assert select_benchmark([older, DEFAULT_BENCHMARK], date(2024, 11, 29)) is older
    assert select_benchmark([older, DEFAULT_BENCHMARK], date(2024, 11, 30)) is DEFAULT_BENCHMARK
    with pytest.raises(ValueError, match="no discretion benchmark"):
        select_benchmark([older], date(2020, 1, 1))


def test_select_governing_violation_takes_higher_fine_norm() -> None:
    # 浙卫发〔2022〕36号: one act, one fine, the higher-fine norm governs.
    candidates = [VIOLATIONS["ODPL-70(2)"], VIOLATIONS["ODPL-72(4)"]]
    assert select_governing_violation(candidates).article == "ODPL-72(4)"


circumstance_sets = st.frozensets(st.sampled_from(list(Circumstance)))
facts_strategy = st.builds(
    PenaltyFacts,
    circumstances=circumstance_sets,
    is_uncorrected_after_deadline=st.booleans(),
    illegal_income_yuan=st.decimals(min_value=0, max_value=1_000_000, places=2),
    is_falsified=st.booleans(),
)


@given(violation=st.sampled_from(FINED), facts=facts_strategy)
def test_propose_penalty_property_inside_legal_range_and_tier(violation: Violation, facts: PenaltyFacts) -> None:
    proposal = propose_penalty(violation, facts, DEFAULT_BENCHMARK)
    legal = legal_range_for(violation, facts)
    assert proposal.rule_version and proposal.benchmark_version and proposal.reasons
    if proposal.fine_yuan is None:
        return
    assert legal is not None and legal.contains(proposal.fine_yuan)
    assert proposal.tier is not None
    assert proposal.tier.fine_min_yuan <= proposal.fine_yuan <= proposal.tier.fine_max_yuan


@given(
    violation=st.sampled_from(FINED),
    level=st.sampled_from(list(TierLevel)),
    low=st.decimals(min_value=0, max_value=600_000, places=0),
    high=st.decimals(min_value=0, max_value=600_000, places=0),
)
def test_refine_benchmark_property_accepted_lies_inside_tier(
    violation: Violation, level: TierLevel, low: Decimal, high: Decimal
) -> None:
    tier = next(t for t in tier_ranges(violation, DEFAULT_BENCHMARK) if t.level == level)
    local = replace(tier, fine_min_yuan=low, fine_max_yuan=high, region_code="330100")
    decision = refine_benchmark(tier, local)
    if decision.is_accepted:
        assert tier.fine_min_yuan <= low <= high <= tier.fine_max_yuan
    else:
        assert decision.problems


@given(
    violation=st.sampled_from(FINED),
    facts=facts_strategy,
    revised=st.one_of(st.none(), st.decimals(min_value=0, max_value=2_000_000, places=2)),
)
def test_apply_defence_property_never_raises_amount(
    violation: Violation, facts: PenaltyFacts, revised: Decimal | None
) -> None:
    original = propose_penalty(violation, facts, DEFAULT_BENCHMARK)
    outcome = apply_defence(original, replace(original, fine_yuan=revised))
    assert (outcome.penalty.fine_yuan or 0) <= (original.fine_yuan or 0)
