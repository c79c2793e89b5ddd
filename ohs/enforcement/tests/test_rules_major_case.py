"""Complex or major cases (行政处罚法第五十七条) derived from the intended penalty."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ohs.enforcement.rules.major_case import (
    LARGE_FINE_THRESHOLD_YUAN,
    MajorCaseCriteria,
    MajorCaseFacts,
    assess_major_case,
)
from ohs.enforcement.rules.violations import Measure

ORDINARY = frozenset({Measure.WARNING, Measure.FINE})


def test_warning_and_small_fine_is_not_major() -> None:
    result = assess_major_case(MajorCaseFacts(Decimal(5000), ORDINARY))
    assert not result.requires_collective_discussion and result.reasons == ()


def test_fine_at_the_large_fine_threshold_is_major_and_says_it_is_unconfirmed() -> None:
    result = assess_major_case(MajorCaseFacts(LARGE_FINE_THRESHOLD_YUAN, ORDINARY))
    assert result.requires_collective_discussion
    assert "较大数额罚款" in result.reasons[0] and "第五十七条" in result.reasons[-1]
    assert any("未经核实" in note for note in result.unconfirmed)


def test_closure_or_stop_of_work_is_major_without_a_fine() -> None:
    result = assess_major_case(MajorCaseFacts(None, frozenset({Measure.WARNING, Measure.SERIOUS_SANCTION})))
    assert result.requires_collective_discussion and "较重处罚" in result.reasons[0]


def test_departure_and_mitigation_below_minimum_follow_the_settings() -> None:
    facts = MajorCaseFacts(Decimal(500), ORDINARY, is_departure=True, is_below_legal_minimum=True)
    assert assess_major_case(facts).requires_collective_discussion
    relaxed = MajorCaseCriteria(departure_is_major=False, below_minimum_is_major=False)
    assert not assess_major_case(facts, relaxed).requires_collective_discussion


def test_a_province_may_set_its_own_threshold() -> None:
    facts = MajorCaseFacts(Decimal(50000), ORDINARY)
    assert not assess_major_case(facts, MajorCaseCriteria(large_fine_threshold_yuan=Decimal(100000))).reasons


@given(
    st.decimals(min_value=0, max_value=1_000_000, places=0),
    st.decimals(min_value=1, max_value=1_000_000, places=0),
)
def test_a_larger_fine_is_never_less_major(fine: Decimal, extra: Decimal) -> None:
    criteria = MajorCaseCriteria()
    small = assess_major_case(MajorCaseFacts(fine, ORDINARY), criteria)
    large = assess_major_case(MajorCaseFacts(fine + extra, ORDINARY), criteria)
    assert large.requires_collective_discussion >= small.requires_collective_discussion
    assert small.requires_collective_discussion == (fine >= criteria.large_fine_threshold_yuan)
