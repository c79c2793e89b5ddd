"""SEG statistics: EN 689:2018 tests, tolerance factors, exceedance fraction, AIHA categories, non-detects."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ohs.hazards.rules.errors import RuleInputError
from ohs.hazards.rules.noncentral_t import noncentral_t_cdf, noncentral_t_quantile, noncentrality_for_cdf
from ohs.hazards.rules.statistics import (
    ExposureCategory,
    ExposureResult,
    NonDetectMethod,
    Outcome,
    assess_seg,
    classify_exposure_category,
    exceedance_fraction,
    fit_lognormal,
    percentile_mg_per_m3,
    preliminary_test,
    statistical_test,
    tolerance_factor,
    upper_tolerance_limit_mg_per_m3,
)

# EN 689:2018 Annex F, U_T for the 95th percentile at 70 % confidence. n = 6-10 as reproduced in the
# OHcomplianceStrategies R package (phase2_Uvalue: 2.187, 2.120, 2.072, 2.035, 2.005); n = 11-30 recalled
# from the same table and consistent with the non-central t to the 3 decimals printed.
EN689_U_T = {
    6: 2.187, 7: 2.120, 8: 2.072, 9: 2.035, 10: 2.005, 11: 1.981, 12: 1.961, 13: 1.944, 14: 1.929,
    15: 1.917, 16: 1.905, 17: 1.895, 18: 1.886, 19: 1.878, 20: 1.870, 21: 1.863, 22: 1.857, 23: 1.851,
    24: 1.846, 25: 1.841, 26: 1.836, 27: 1.832, 28: 1.828, 29: 1.824, 30: 1.820,
}  # fmt: skip

# Eight results (mg/m3) of one SEG; reference figures computed independently with SciPy 1.17
# (scipy.stats.nct): GM 0.18887, GSD 1.93661, X95 0.56016, exceedance of OEL 1 mg/m3 0.584 %,
# its 70 % upper limit 2.167 %, its 95 % upper limit 10.659 %.
SEG = [0.12, 0.35, 0.08, 0.21, 0.5, 0.17, 0.3, 0.09]


def results(values: list[float]) -> list[ExposureResult]:
    """Detected results."""
    return [ExposureResult(v) for v in values]


@pytest.mark.parametrize(("n", "u_t"), sorted(EN689_U_T.items()))
def test_tolerance_factor_matches_en689_annex_f_table(n: int, u_t: float) -> None:
    assert tolerance_factor(n) == pytest.approx(u_t, abs=0.0005)


@pytest.mark.parametrize(
    ("n", "confidence", "coverage", "expected"),
    [
        (6, 0.95, 0.95, 3.707683680688687),  # also Hahn & Meeker / NIST one-sided factor 3.708
        (10, 0.90, 0.95, 2.5683732058891002),
        (20, 0.95, 0.99, 3.2951569361708546),
        (3, 0.70, 0.95, 2.809137612874514),
        (5, 0.70, 0.95, 2.285939068192249),
    ],
)
def test_tolerance_factor_other_confidences_match_scipy(
    n: int, confidence: float, coverage: float, expected: float
) -> None:
    """Reference values from scipy.stats.nct.ppf(confidence, n - 1, z_coverage sqrt(n)) / sqrt(n)."""
    assert tolerance_factor(n, coverage, confidence) == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize(
    ("x", "df", "nc", "expected"),
    [(2.0, 5, 1.0, 0.7780746626162148), (-1.0, 3, 0.5, 0.09212120981435942), (10.0, 9, 8.0, 0.7459511620156989),
     (1.5, 1, 0.0, 0.8128329581890011)],
)  # fmt: skip
def test_noncentral_t_cdf_matches_scipy(x: float, df: int, nc: float, expected: float) -> None:
    assert noncentral_t_cdf(x, df, nc) == pytest.approx(expected, abs=1e-7)


@given(st.integers(2, 60), st.floats(-5, 10), st.floats(0.05, 0.95))
@settings(max_examples=25, deadline=None)
def test_noncentral_t_quantile_inverts_the_cdf(df: int, nc: float, p: float) -> None:
    assert noncentral_t_cdf(noncentral_t_quantile(p, df, nc), df, nc) == pytest.approx(p, abs=1e-9)
    assert noncentral_t_cdf(nc, df, noncentrality_for_cdf(nc, df, p)) == pytest.approx(p, abs=1e-9)


def test_tolerance_factor_when_fewer_than_3_results_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        tolerance_factor(2)
    assert error.value.field == "sample_count"


def test_tolerance_factor_when_confidence_not_a_probability_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        tolerance_factor(6, confidence=1.0)
    assert error.value.field == "confidence"


def test_fit_lognormal_gm_gsd_and_percentile() -> None:
    fit = fit_lognormal(results(SEG))
    assert fit.gm_mg_per_m3 == pytest.approx(0.18887203417517506, rel=1e-9)
    assert fit.gsd == pytest.approx(1.9366096557939365, rel=1e-9)
    assert percentile_mg_per_m3(fit) == pytest.approx(0.5601571519582262, rel=1e-9)


def test_exceedance_fraction_and_its_upper_limits() -> None:
    fit = fit_lognormal(results(SEG))
    at_70 = exceedance_fraction(fit, 1.0)
    at_95 = exceedance_fraction(fit, 1.0, confidence=0.95)
    assert at_70.point_fraction == pytest.approx(0.005839561675306748, rel=1e-6)
    assert at_70.upper_confidence_limit == pytest.approx(0.02166845923813643, rel=1e-5)
    assert at_95.upper_confidence_limit == pytest.approx(0.10659251829176497, rel=1e-5)


def test_statistical_test_en689_compliance_and_non_compliance() -> None:
    """EN 689:2018 Annex F: UTL(95 %, 70 %) = exp(mean + U_T sd) with U_T(8) = 2.072, about 0.743 mg/m3."""
    fit = fit_lognormal(results(SEG))
    passing = statistical_test(fit, 1.0)
    failing = statistical_test(fit, 0.7)
    assert passing.utl_mg_per_m3 == pytest.approx(math.exp(fit.mean_ln + 2.072 * fit.sd_ln), rel=1e-3)
    assert passing.outcome is Outcome.COMPLIANCE and passing.u_r is not None and passing.u_t is not None
    assert passing.u_r > passing.u_t
    assert failing.outcome is Outcome.NON_COMPLIANCE
    assert passing.rule_version == "en689-2018/1"


def test_statistical_test_when_fewer_than_6_results_rejects() -> None:
    with pytest.raises(RuleInputError):
        statistical_test(fit_lognormal(results(SEG[:5])), 1.0)


@pytest.mark.parametrize(
    ("values", "outcome"),
    [
        ([0.05, 0.09, 0.02], Outcome.COMPLIANCE),  # 3 results, all < 0.10 OEL
        ([0.05, 0.10, 0.02], Outcome.MORE_RESULTS_NEEDED),  # 0.10 is not below 0.10 OEL
        ([0.14, 0.10, 0.02, 0.01], Outcome.COMPLIANCE),  # 4 results, all < 0.15 OEL
        ([0.19, 0.10, 0.02, 0.01, 0.18], Outcome.COMPLIANCE),  # 5 results, all < 0.20 OEL
        ([0.19, 0.10, 0.02, 0.01], Outcome.MORE_RESULTS_NEEDED),
        ([0.05, 1.20, 0.02], Outcome.NON_COMPLIANCE),  # one result above the OEL
    ],
)
def test_preliminary_test_en689_thresholds(values: list[float], outcome: Outcome) -> None:
    """EN 689:2018 5.5.2 preliminary test against OEL 1 mg/m3."""
    assert preliminary_test(results(values), 1.0).outcome is outcome


def test_preliminary_test_non_detect_counts_below_only_when_its_lod_is() -> None:
    low_lod = [ExposureResult(0.05, is_below_lod=True), ExposureResult(0.02), ExposureResult(0.03)]
    high_lod = [ExposureResult(0.5, is_below_lod=True), ExposureResult(0.02), ExposureResult(0.03)]
    above_lod = [ExposureResult(1.5, is_below_lod=True), ExposureResult(0.02), ExposureResult(0.03)]
    assert preliminary_test(low_lod, 1.0).outcome is Outcome.COMPLIANCE
    assert preliminary_test(high_lod, 1.0).outcome is Outcome.MORE_RESULTS_NEEDED
    assert preliminary_test(above_lod, 1.0).outcome is Outcome.MORE_RESULTS_NEEDED


def test_preliminary_test_when_6_results_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        preliminary_test(results(SEG[:6]), 1.0)
    assert error.value.field == "results"


@pytest.mark.parametrize(
    ("ratio", "category"),
    [(0.005, 0), (0.01, 0), (0.011, 1), (0.1, 1), (0.3, 2), (0.5, 2), (0.8, 3), (1.0, 3), (1.01, 4)],
)
def test_classify_exposure_category_aiha_bands(ratio: float, category: int) -> None:
    """AIHA categories (and GBZ 2.1-2019 6.5.1 levels): X95 <= 1 %, 10 %, 50 %, 100 % of the OEL, above."""
    assert classify_exposure_category(ratio * 2.0, 2.0) is ExposureCategory(category)


def test_fit_lognormal_substitutes_non_detects() -> None:
    half = fit_lognormal([ExposureResult(0.1, is_below_lod=True), ExposureResult(0.2)])
    root2 = fit_lognormal([ExposureResult(0.1, is_below_lod=True), ExposureResult(0.2)], NonDetectMethod.LOD_OVER_SQRT2)
    assert half.gm_mg_per_m3 == pytest.approx(math.sqrt(0.05 * 0.2))
    assert root2.gm_mg_per_m3 == pytest.approx(math.sqrt(0.1 / math.sqrt(2) * 0.2))
    assert half.non_detect_count == 1 and any("lod/2" in r for r in half.reasons)


def test_statistical_test_mostly_non_detects_is_inconclusive() -> None:
    data = [ExposureResult(0.01, is_below_lod=True)] * 4 + results([0.02, 0.03])
    assert statistical_test(fit_lognormal(data), 1.0).outcome is Outcome.INCONCLUSIVE


def test_fit_lognormal_when_concentration_not_positive_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        fit_lognormal(results([0.1, 0.0]))
    assert error.value.field == "results[1].concentration_mg_per_m3"


def test_identical_results_give_gsd_1_and_exact_limits() -> None:
    fit = fit_lognormal(results([0.2] * 6))
    assert fit.gsd == 1.0
    assert upper_tolerance_limit_mg_per_m3(fit) == pytest.approx(0.2)
    assert exceedance_fraction(fit, 0.3).upper_confidence_limit == 0.0
    assert exceedance_fraction(fit, 0.1).point_fraction == 1.0


def test_assess_seg_uses_preliminary_test_for_3_to_5_results() -> None:
    assessment = assess_seg(results([0.05, 0.09, 0.02]), 1.0)
    assert assessment.outcome is Outcome.COMPLIANCE
    assert assessment.preliminary is not None and assessment.statistical is None
    assert assessment.category is ExposureCategory.WELL_CONTROLLED


def test_assess_seg_uses_statistical_test_from_6_results() -> None:
    assessment = assess_seg(results(SEG), 1.0)
    assert assessment.outcome is Outcome.COMPLIANCE and assessment.statistical is not None
    assert assessment.category is ExposureCategory.CONTROLLED
    assert assessment.category_at_utl is ExposureCategory.CONTROLLED
    assert assessment.utl_mg_per_m3 >= assessment.p95_mg_per_m3
    assert assessment.rule_version == "en689-2018/1"


def test_assess_seg_when_fewer_than_3_results_rejects() -> None:
    with pytest.raises(RuleInputError):
        assess_seg(results([0.1, 0.2]), 1.0)


@given(st.lists(st.floats(min_value=0.001, max_value=10), min_size=6, max_size=12), st.floats(0.05, 20))
@settings(max_examples=20, deadline=None)
def test_utl_below_oel_exactly_when_exceedance_upper_limit_below_5_percent(values: list[float], oel: float) -> None:
    """UTL(95 %, 70 %) < OEL and the 70 % upper limit of the exceedance fraction < 5 % are the same test."""
    fit = fit_lognormal(results(values))
    utl = upper_tolerance_limit_mg_per_m3(fit)
    if fit.sd_ln == 0 or abs(math.log(utl / oel)) < 1e-6:
        return
    assert (utl < oel) == (exceedance_fraction(fit, oel).upper_confidence_limit < 0.05)


@given(st.integers(3, 40))
@settings(max_examples=15, deadline=None)
def test_tolerance_factor_falls_with_more_results_and_rises_with_confidence(n: int) -> None:
    assert tolerance_factor(n + 1) < tolerance_factor(n)
    assert tolerance_factor(n, confidence=0.9) > tolerance_factor(n)
