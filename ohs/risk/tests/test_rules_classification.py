"""Employer classification 甲/乙/丙: worked examples, configuration parsing, properties.

Worked examples follow the 2022 national pilot scheme (reference/risk_classification.md)
under the default, partly unconfirmed configuration in ``classification.py``.
"""

from __future__ import annotations

import copy
import random
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ohs.risk.rules.classification import (
    DEFAULT_CLASSIFICATION_CONFIG,
    DEFAULT_CLASSIFICATION_CONFIG_DATA,
    DeclaredHazard,
    MeasurementResult,
    ProfileInputs,
    classify_employer,
)
from ohs.risk.rules.classification_config import (
    ConfigError,
    Grade,
    ManagementGrade,
    Severity,
    ShortfallCode,
    parse_classification_config,
)
from ohs.risk.rules.schemes import (
    SCHEME_2018,
    SCHEME_2022,
    RiskClass,
    SchemeMismatchError,
    compare_risk,
    lower_class,
    risk_rank,
)

BENZENE_EXCEEDED = MeasurementResult("苯", Decimal("2.40"), is_carcinogen_listed=True)
BENZENE_LOW = MeasurementResult("苯", Decimal("0.05"), is_carcinogen_listed=True)


def _employer(score: str, severity: Severity = Severity.SERIOUS, **changes: object) -> ProfileInputs:
    base = ProfileInputs(
        employer_id="E-330102-001",
        industry_severity=severity,
        hazards=(DeclaredHazard("苯", 12),),
        measurements=(BENZENE_EXCEEDED,),
        exams_due_count=12,
        exams_done_count=7,
        self_check_score=Decimal(score),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _rectified(inputs: ProfileInputs) -> ProfileInputs:
    return replace(inputs, measurements=(BENZENE_LOW,), exams_done_count=inputs.exams_due_count)


def _codes(inputs: ProfileInputs) -> set[ShortfallCode]:
    return {s.code for s in classify_employer(inputs).shortfalls}


# ---------------------------------------------------------------- worked examples


@pytest.mark.parametrize("score", ["95", "85", "60"])
def test_classify_employer_exceedance_and_overdue_exams_is_class_c_with_both_reasons(score: str) -> None:
    result = classify_employer(_employer(score))
    assert result.risk_class == RiskClass(SCHEME_2022.scheme_id, "丙")
    assert result.grade is Grade.THREE
    assert {ShortfallCode.EXCEEDANCE, ShortfallCode.EXAMS_OVERDUE} <= {s.code for s in result.shortfalls}
    assert any("苯" in r and "超标" in r for r in result.reasons)
    assert any("职业健康检查逾期" in r for r in result.reasons)


def test_classify_employer_general_industry_exceedance_and_overdue_is_class_c() -> None:
    result = classify_employer(_employer("98", Severity.GENERAL))
    expected = (Grade.THREE, ManagementGrade.B, "丙")
    assert (result.grade, result.management_grade, result.risk_class.label) == expected


@pytest.mark.parametrize(("score", "after"), [("95", "甲"), ("85", "乙")])
def test_classify_employer_after_rectification_drops(score: str, after: str) -> None:
    before = classify_employer(_employer(score))
    result = classify_employer(_rectified(_employer(score)))
    assert before.risk_class.label == "丙"
    assert result.risk_class.label == after
    assert compare_risk(result.risk_class, before.risk_class) == -1
    assert not {ShortfallCode.EXCEEDANCE, ShortfallCode.EXAMS_OVERDUE} & {s.code for s in result.shortfalls}


def test_classify_employer_c_score_drops_only_through_the_downgrade_once_rectified() -> None:
    inputs = _employer("60", is_information_complete=True, is_self_inspection_rectified=True)
    before = classify_employer(inputs)
    after = classify_employer(_rectified(inputs))
    assert before.risk_class.label == "丙" and not before.is_downgraded
    assert any("不予降级" in r for r in before.reasons)
    assert (after.matrix_class.label, after.risk_class.label, after.is_downgraded) == ("丙", "乙", True)


def test_classify_employer_healthy_enterprise_downgrade_is_configurable() -> None:
    inputs = _rectified(_employer("85", is_healthy_enterprise_city_or_above=True))
    assert classify_employer(inputs).risk_class.label == "甲"
    data = copy.deepcopy(DEFAULT_CLASSIFICATION_CONFIG_DATA)
    data["downgrade"] = {"steps": 0, "routes": [], "blocked_by": []}
    assert classify_employer(inputs, parse_classification_config(data)).risk_class.label == "乙"


def test_classify_employer_shortfalls_carry_evidence_and_clearing_condition() -> None:
    result = classify_employer(_employer("85"))
    exams = next(s for s in result.shortfalls if s.code is ShortfallCode.EXAMS_OVERDUE)
    assert "应检 12 人，已检 7 人" in exams.evidence
    assert exams.clears_when and "管理等级不高于 B" in exams.effect
    assert result.rule_version and result.config_version == DEFAULT_CLASSIFICATION_CONFIG.version
    assert any("matrix" in u for u in result.unconfirmed)


def test_classify_employer_carcinogen_at_ten_percent_reaches_action_level() -> None:
    inputs = _employer(
        "95", Severity.GENERAL, measurements=(MeasurementResult("苯", Decimal("0.12"), True),), exams_done_count=12
    )
    result = classify_employer(inputs)
    assert (result.grade, result.risk_class.label) == (Grade.TWO, "甲")
    not_listed = replace(
        inputs, measurements=(MeasurementResult("甲苯", Decimal("0.12")),), hazards=(DeclaredHazard("甲苯", 12),)
    )
    assert classify_employer(not_listed).grade is Grade.ONE


def test_classify_employer_unmeasured_hazard_counts_as_action_level_and_caps_management() -> None:
    result = classify_employer(_employer("95", Severity.GENERAL, measurements=(), exams_done_count=12))
    assert ShortfallCode.NOT_MEASURED in {s.code for s in result.shortfalls}
    assert (result.grade, result.management_grade, result.risk_class.label) == (Grade.TWO, ManagementGrade.B, "乙")


def test_classify_employer_large_headcount_and_suspected_cases_raise_grade() -> None:
    low = _rectified(_employer("95", Severity.GENERAL))
    assert classify_employer(low).grade is Grade.ONE
    assert classify_employer(replace(low, exposed_persons_total=150)).grade is Grade.TWO
    assert classify_employer(replace(low, exposed_persons_total=150, suspected_cases_open=1)).grade is Grade.THREE


def test_classify_employer_deductions_and_missing_score_lower_management() -> None:
    low = _rectified(_employer("92", Severity.GENERAL))
    assert classify_employer(low).management_grade is ManagementGrade.A
    assert classify_employer(replace(low, devices_offline=2)).management_grade is ManagementGrade.A  # 92 - 2
    alerted = classify_employer(replace(low, monitoring_alerts_open=1))
    assert alerted.management_grade is ManagementGrade.B  # 92 - 5
    assert classify_employer(replace(low, contraindications_not_acted=1)).management_grade is ManagementGrade.C
    missing = classify_employer(replace(low, self_check_score=None))
    assert missing.management_grade is ManagementGrade.C
    assert ShortfallCode.SELF_CHECK_MISSING in {s.code for s in missing.shortfalls}


def test_classify_employer_unlisted_industry_treated_as_configured() -> None:
    result = classify_employer(_rectified(_employer("95", Severity.UNLISTED)))
    assert result.grade is Grade.TWO
    assert any("未列入" in r for r in result.reasons)


def test_classify_employer_negative_count_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        classify_employer(_employer("95", devices_offline=-1))


# ---------------------------------------------------------------- schemes


def test_schemes_run_in_opposite_directions_and_never_mix() -> None:
    assert risk_rank(RiskClass(SCHEME_2022.scheme_id, "甲")) == 0
    assert risk_rank(RiskClass(SCHEME_2018.scheme_id, "甲")) == 2
    assert lower_class(RiskClass(SCHEME_2018.scheme_id, "甲"), 1) == RiskClass(SCHEME_2018.scheme_id, "乙")
    assert lower_class(RiskClass(SCHEME_2022.scheme_id, "甲"), 1).label == "甲"
    with pytest.raises(SchemeMismatchError):
        compare_risk(RiskClass(SCHEME_2022.scheme_id, "甲"), RiskClass(SCHEME_2018.scheme_id, "甲"))
    with pytest.raises(ValueError):
        RiskClass(SCHEME_2022.scheme_id, "丁")


# ---------------------------------------------------------------- configuration


def test_parse_config_default_data_round_trips() -> None:
    data = copy.deepcopy(DEFAULT_CLASSIFICATION_CONFIG_DATA)
    assert parse_classification_config(data) == DEFAULT_CLASSIFICATION_CONFIG


def test_parse_config_province_matrix_change_changes_class() -> None:
    data = copy.deepcopy(DEFAULT_CLASSIFICATION_CONFIG_DATA)
    data["version"] = "zj-2025.1"
    data["matrix"]["Ⅱ"]["A"] = "乙"  # type: ignore[index]
    config = parse_classification_config(data)
    result = classify_employer(_rectified(_employer("95")), config)
    assert (result.risk_class.label, result.config_version) == ("乙", "zj-2025.1")


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("matrix", "Ⅲ", "B"), "丁", "matrix.Ⅲ.B"),
        (("scheme_id",), SCHEME_2018.scheme_id, "scheme_id"),
        (("exposure", "action_level_ratio"), "1.5", "exposure.action_level_ratio"),
        (("exposure", "carcinogen_action_ratio"), "0.6", "carcinogen_action_ratio <= action_level_ratio"),
        (("management_min_scores", "B"), "95", "A must be above B"),
        (("headcount_bands",), [{"min_persons": 10, "grade_step": 0}], "start at 0"),
        (("shortfall_effects", "no_such_code"), {"cap": "B"}, "shortfall_effects.no_such_code"),
        (("downgrade", "routes"), [["healthy_enterprise", "bribe"]], "downgrade.routes[0]"),
        (("grade_table", "一般", "exceedance"), "Ⅳ", "grade_table.一般.exceedance"),
    ],
)
def test_parse_config_invalid_value_names_path(path: tuple[str, ...], value: object, message: str) -> None:
    data = copy.deepcopy(DEFAULT_CLASSIFICATION_CONFIG_DATA)
    target: dict[str, object] = data
    for key in path[:-1]:
        target = target[key]  # type: ignore[assignment]
    target[path[-1]] = value
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace(".", r"\.")):
        parse_classification_config(data)


def test_parse_config_reports_every_fault_at_once() -> None:
    data = copy.deepcopy(DEFAULT_CLASSIFICATION_CONFIG_DATA)
    del data["matrix"], data["grade_table"]
    data["exam_coverage_required"] = "abc"
    with pytest.raises(ConfigError) as caught:
        parse_classification_config(data)
    assert len(caught.value.problems) == 3


# ---------------------------------------------------------------- properties

_agents = st.sampled_from(["苯", "甲苯", "矽尘", "噪声", "1,2-二氯乙烷"])
_measurements = st.builds(
    MeasurementResult,
    _agents,
    st.one_of(
        st.sampled_from([Decimal("0.05"), Decimal("0.3"), Decimal("0.6"), Decimal("1.2")]),
        st.decimals(min_value=0, max_value=5, places=2),
    ),
    st.booleans(),
)
_inputs = st.builds(
    ProfileInputs,
    employer_id=st.just("E1"),
    industry_severity=st.sampled_from(list(Severity)),
    hazards=st.lists(st.builds(DeclaredHazard, _agents, st.integers(0, 300)), max_size=4).map(tuple),
    measurements=st.lists(_measurements, max_size=5).map(tuple),
    exams_due_count=st.integers(0, 50),
    exams_done_count=st.integers(0, 50),
    suspected_cases_open=st.integers(0, 2),
    contraindications_not_acted=st.integers(0, 2),
    is_principal_trained=st.booleans(),
    managers_count=st.integers(0, 5),
    managers_trained_count=st.integers(0, 5),
    monitoring_alerts_open=st.integers(0, 3),
    devices_offline=st.integers(0, 3),
    penalties_in_window=st.integers(0, 2),
    orders_unrectified=st.integers(0, 2),
    self_check_score=st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=1)),
    is_healthy_enterprise_city_or_above=st.booleans(),
    is_information_complete=st.booleans(),
    is_self_inspection_rectified=st.booleans(),
)


# Generation speed depends on the machine's load (2 shared cores), not on the rule under test.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(_inputs, st.randoms(use_true_random=False))
def test_classify_employer_same_inputs_same_class_in_any_order(inputs: ProfileInputs, rnd: random.Random) -> None:
    shuffled_m, shuffled_h = list(inputs.measurements), list(inputs.hazards)
    rnd.shuffle(shuffled_m)
    rnd.shuffle(shuffled_h)
    again = replace(inputs, measurements=tuple(shuffled_m), hazards=tuple(shuffled_h))
    assert classify_employer(inputs) == classify_employer(inputs) == classify_employer(again)


@given(_inputs)
def test_classify_employer_exceedance_with_overdue_exams_is_always_class_c(inputs: ProfileInputs) -> None:
    forced = replace(
        inputs, measurements=(*inputs.measurements, BENZENE_EXCEEDED), exams_due_count=10, exams_done_count=3
    )
    assert classify_employer(forced).risk_class.label == "丙"


@given(_inputs)
def test_classify_employer_adding_an_exceedance_never_lowers_class(inputs: ProfileInputs) -> None:
    worse = replace(inputs, measurements=(*inputs.measurements, BENZENE_EXCEEDED))
    assert compare_risk(classify_employer(worse).risk_class, classify_employer(inputs).risk_class) >= 0


@given(_inputs)
def test_classify_employer_result_is_consistent(inputs: ProfileInputs) -> None:
    result = classify_employer(inputs)
    assert result.risk_class.scheme_id == DEFAULT_CLASSIFICATION_CONFIG.scheme_id
    assert compare_risk(result.risk_class, result.matrix_class) <= 0
    assert result.is_downgraded == (result.risk_class != result.matrix_class)
    assert all(s.evidence and s.clears_when for s in result.shortfalls)
    assert result.reasons[-1].startswith("综合风险类别")
