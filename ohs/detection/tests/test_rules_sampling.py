"""Sampling arithmetic: flow drift (GBZ 159-2004 5.2), C = m / V, reproduction of a lab's figure."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.detection.rules.completeness import PlanLine, plan_gaps
from ohs.detection.rules.conclusions import FindingFact, build_conclusions
from ohs.detection.rules.sampling import (
    MAX_FLOW_DRIFT_FRACTION,
    check_concentration,
    check_flow,
    concentration_mg_per_m3,
    sampled_volume_l,
)
from ohs.hazards.rules.errors import RuleInputError


def test_worked_example_benzene_tube() -> None:
    # 2.0 L/min before, 2.02 after, 120 min: 241.2 L; 482.4 ug found -> 2.0 mg/m3.
    flow = check_flow(2.0, 2.02)
    assert flow.is_valid and flow.mean_l_per_min == pytest.approx(2.01)
    volume = sampled_volume_l(flow.mean_l_per_min, 120)
    assert volume == pytest.approx(241.2)
    assert concentration_mg_per_m3(482.4, volume) == pytest.approx(2.0)


def test_flow_drift_beyond_five_percent_invalidates() -> None:
    assert not check_flow(2.0, 2.2).is_valid
    assert not check_flow(2.0, 2.1).is_valid  # 5 % is not "less than 5 %"
    assert check_flow(2.0, 2.09).is_valid


def test_reported_figure_far_from_mass_over_volume_is_inconsistent() -> None:
    check = check_concentration(mass_ug=480, volume_l=240, reported_mg_per_m3=2.5, lod_mg_per_m3=None)
    assert not check.is_consistent and "2 mg/m3" in check.reasons[0]
    rounded = check_concentration(mass_ug=481, volume_l=240, reported_mg_per_m3=2.0, lod_mg_per_m3=None)
    assert rounded.is_consistent  # 2.004 reported as 2.0


def test_result_under_the_lod_is_a_non_detect() -> None:
    check = check_concentration(mass_ug=1, volume_l=240, reported_mg_per_m3=0.0042, lod_mg_per_m3=0.01)
    assert check.is_below_lod and check.is_consistent


def test_zero_volume_is_refused_with_its_field() -> None:
    with pytest.raises(RuleInputError) as error:
        concentration_mg_per_m3(10, 0)
    assert error.value.field == "volume_l"


@given(st.floats(0.1, 10), st.floats(-0.2, 0.2))
def test_flow_validity_is_the_drift_bound(before: float, change: float) -> None:
    after = before * (1 + change)
    assert check_flow(before, after).is_valid == (abs(after - before) / before < MAX_FLOW_DRIFT_FRACTION)


@given(st.floats(0.0, 1e6), st.floats(0.1, 2000))
def test_the_reproduced_concentration_is_always_consistent_with_itself(mass: float, volume: float) -> None:
    reported = concentration_mg_per_m3(mass, volume)
    assert check_concentration(
        mass_ug=mass, volume_l=volume, reported_mg_per_m3=reported, lod_mg_per_m3=None
    ).is_consistent


def test_plan_gaps_list_declared_pairs_neither_sampled_nor_justified() -> None:
    declared = [(1, 10), (1, 11), (2, 12), (1, 10)]
    plan = [PlanLine(1, 10, 3), PlanLine(1, 11, 0, "停用"), PlanLine(2, 12, 0, "  ")]
    assert [(g.post_id, g.agent_id) for g in plan_gaps(declared, plan)] == [(2, 12)]


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), max_size=20))
def test_a_plan_that_samples_everything_has_no_gap(declared: list[tuple[int, int]]) -> None:
    assert plan_gaps(declared, [PlanLine(p, a, 1) for p, a in declared]) == ()
    assert len(plan_gaps(declared, [])) == len(set(declared))


def test_conclusions_name_each_exceedance_and_the_action_level() -> None:
    facts = [
        FindingFact("电焊工", "苯", "C_TWA", False, True),
        FindingFact("打磨工", "矽尘", "C_TWA（总尘）", True, True),
        FindingFact("电焊工", "噪声", "L_EX,8h", True, None),
    ]
    result = build_conclusions(facts)
    assert "1 项超过" in result.conclusion and "电焊工的苯" in result.conclusion
    assert any("GBZ 188" in r for r in result.recommendations)
    assert any("打磨工的矽尘" in r and "行动水平" in r for r in result.recommendations)
    assert [f.agent for f in result.exceedances] == ["苯"]


def test_all_compliant_gives_no_remediation() -> None:
    result = build_conclusions([FindingFact("电焊工", "苯", "C_TWA", True, False)])
    assert "均符合" in result.conclusion and not any("整改" in r for r in result.recommendations)


def test_sampling_types_fit_the_hazard_category() -> None:
    from ohs.detection.rules.completeness import kinds_for
    from ohs.detection.rules.labels import metric_zh

    assert kinds_for("dust", is_noise=False) == {"dust_total", "dust_respirable"}
    assert kinds_for("physical", is_noise=True) == {"noise"}
    assert kinds_for("physical", is_noise=False) == frozenset()
    assert metric_zh("C_TWA total dust") == "C_TWA（总尘）" and metric_zh("C_STE (sample 2, from 120 min)").startswith(
        "C_STE"
    )
