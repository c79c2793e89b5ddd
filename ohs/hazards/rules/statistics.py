"""Exposure statistics of a similar-exposure group (SEG) against an OEL (EN 689:2018).

Results are taken as lognormal. Non-detects (results below the limit of
detection, LOD) are replaced by a fixed fraction of their LOD before fitting:
LOD/2 by default, or LOD/sqrt(2) (Hornung and Reed, 1990: LOD/sqrt(2) when
the GSD is below about 3, LOD/2 for more skewed data). Substitution is the
simple standard method for a few non-detects; it biases the GSD and the upper
limits when many results are censored, so when more than half of the results
are non-detects the statistical test is reported inconclusive and a
censored-data method (maximum likelihood, regression on order statistics or a
Bayesian tool) is needed. The preliminary test needs no substitution: a
non-detect counts as below a threshold only when its LOD is.

Tolerance factors and exceedance-fraction limits use the non-central t
distribution, computed numerically in :mod:`.noncentral_t` (SciPy is not a
project dependency).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from ohs.hazards.rules.errors import RuleInputError, check_positive, check_probability
from ohs.hazards.rules.noncentral_t import (
    noncentral_t_quantile,
    noncentrality_for_cdf,
    normal_cdf,
    normal_quantile,
)

RULE_VERSION = "en689-2018/1"
EN689_COVERAGE = 0.95  # EN 689:2018 Annex F: the 95th percentile of the exposure distribution ...
EN689_CONFIDENCE = 0.70  # ... compared with the OEL by its upper tolerance limit at 70 % confidence
MIN_RESULTS = 3  # EN 689:2018 5.5.2: at least 3 results for any conclusion
MIN_STATISTICAL_RESULTS = 6  # EN 689:2018 5.5.3: the statistical test needs at least 6 results
# EN 689:2018 5.5.2 preliminary test: compliance when all results are below this fraction of the OEL.
PRELIMINARY_FRACTIONS = {3: 0.10, 4: 0.15, 5: 0.20}
MAX_NON_DETECT_FRACTION = 0.5  # above this, substitution is not a sound basis for a decision
# AIHA exposure categories 0-4 by X95 / OEL, the same bands as GBZ 2.1-2019 6.5.1 exposure levels:
# <= 1 %, <= 10 %, <= 50 %, <= 100 %, above.
CATEGORY_UPPER_FRACTIONS = (0.01, 0.10, 0.50, 1.00)


class NonDetectMethod(StrEnum):
    """Value substituted for a result below the LOD."""

    HALF_LOD = "lod/2"
    LOD_OVER_SQRT2 = "lod/sqrt2"


_SUBSTITUTION_FACTORS = {
    NonDetectMethod.HALF_LOD: 0.5,
    NonDetectMethod.LOD_OVER_SQRT2: 1.0 / math.sqrt(2.0),
}


class Outcome(StrEnum):
    """EN 689 decision for a SEG."""

    COMPLIANCE = "compliance"
    NON_COMPLIANCE = "non_compliance"
    MORE_RESULTS_NEEDED = "more_results_needed"
    INCONCLUSIVE = "inconclusive"


class ExposureCategory(IntEnum):
    """AIHA exposure category by X95 / OEL (0 lowest)."""

    DE_MINIMIS = 0
    HIGHLY_CONTROLLED = 1
    WELL_CONTROLLED = 2
    CONTROLLED = 3
    POORLY_CONTROLLED = 4


@dataclass(frozen=True, slots=True)
class ExposureResult:
    """One SEG result; for a non-detect the concentration is the LOD."""

    concentration_mg_per_m3: float
    is_below_lod: bool = False


@dataclass(frozen=True, slots=True)
class LognormalFit:
    """Lognormal parameters of a SEG after non-detect substitution."""

    sample_count: int
    non_detect_count: int
    mean_ln: float
    sd_ln: float
    gm_mg_per_m3: float
    gsd: float
    non_detect_method: NonDetectMethod
    reasons: tuple[str, ...]

    @property
    def non_detect_fraction(self) -> float:
        """Share of results below the LOD."""
        return self.non_detect_count / self.sample_count


@dataclass(frozen=True, slots=True)
class ExceedanceFraction:
    """Estimated share of exposures above the OEL and its upper confidence limit."""

    point_fraction: float
    upper_confidence_limit: float
    confidence: float


@dataclass(frozen=True, slots=True)
class ComplianceTestResult:
    """Outcome of the EN 689 preliminary or statistical test."""

    outcome: Outcome
    reasons: tuple[str, ...]
    rule_version: str
    utl_mg_per_m3: float | None = None
    u_r: float | None = None
    u_t: float | None = None


@dataclass(frozen=True, slots=True)
class SegAssessment:
    """A SEG judged against an OEL: EN 689 outcome, percentiles, exceedance and AIHA category."""

    outcome: Outcome
    fit: LognormalFit
    p95_mg_per_m3: float
    utl_mg_per_m3: float
    exceedance: ExceedanceFraction
    category: ExposureCategory
    category_at_utl: ExposureCategory
    preliminary: ComplianceTestResult | None
    statistical: ComplianceTestResult | None
    reasons: tuple[str, ...]
    rule_version: str


def _check_results(results: Sequence[ExposureResult], minimum: int) -> None:
    """Reject too few results and non-positive or non-finite concentrations."""
    if len(results) < minimum:
        raise RuleInputError("results", f"at least {minimum} results are needed, got {len(results)}")
    for i, result in enumerate(results):
        check_positive(result.concentration_mg_per_m3, f"results[{i}].concentration_mg_per_m3")


def fit_lognormal(
    results: Sequence[ExposureResult],
    method: NonDetectMethod = NonDetectMethod.HALF_LOD,
) -> LognormalFit:
    """GM and GSD of the results (sample sd of logs, n - 1), non-detects substituted by ``method``."""
    _check_results(results, 2)
    factor = _SUBSTITUTION_FACTORS[method]
    logs = [math.log(r.concentration_mg_per_m3 * (factor if r.is_below_lod else 1.0)) for r in results]
    n = len(logs)
    mean = sum(logs) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in logs) / (n - 1))
    non_detects = sum(r.is_below_lod for r in results)
    reasons = [f"{n} results, GM {math.exp(mean):.4g} mg/m3, GSD {math.exp(sd):.3g}"]
    if non_detects:
        reasons.append(f"{non_detects} non-detects replaced by {method.value}")
    return LognormalFit(n, non_detects, mean, sd, math.exp(mean), math.exp(sd), method, tuple(reasons))


def percentile_mg_per_m3(fit: LognormalFit, coverage: float = EN689_COVERAGE) -> float:
    """Point estimate of a percentile: GM x GSD^z_p (X95 for p = 0.95)."""
    return math.exp(fit.mean_ln + normal_quantile(coverage) * fit.sd_ln)


def tolerance_factor(
    sample_count: int,
    coverage: float = EN689_COVERAGE,
    confidence: float = EN689_CONFIDENCE,
) -> float:
    """One-sided tolerance factor k = t'_conf(n-1, z_cov sqrt(n)) / sqrt(n) (EN 689:2018 Annex F U_T)."""
    if isinstance(sample_count, bool) or sample_count < MIN_RESULTS:
        raise RuleInputError("sample_count", f"must be at least {MIN_RESULTS}, got {sample_count!r}")
    check_probability(coverage, "coverage")
    check_probability(confidence, "confidence")
    root_n = math.sqrt(sample_count)
    return noncentral_t_quantile(confidence, sample_count - 1, normal_quantile(coverage) * root_n) / root_n


def upper_tolerance_limit_mg_per_m3(
    fit: LognormalFit,
    coverage: float = EN689_COVERAGE,
    confidence: float = EN689_CONFIDENCE,
) -> float:
    """UTL = exp(mean_ln + k sd_ln): the upper confidence limit of the percentile (EN 689:2018 Annex F)."""
    return math.exp(fit.mean_ln + tolerance_factor(fit.sample_count, coverage, confidence) * fit.sd_ln)


def exceedance_fraction(
    fit: LognormalFit, oel_mg_per_m3: float, confidence: float = EN689_CONFIDENCE
) -> ExceedanceFraction:
    """Share of exposures above the OEL, 1 - Phi((ln OEL - mean)/sd), with its upper confidence limit."""
    oel = check_positive(oel_mg_per_m3, "oel_mg_per_m3")
    check_probability(confidence, "confidence")
    if fit.sample_count < MIN_RESULTS:
        raise RuleInputError(
            "fit.sample_count",
            f"must be at least {MIN_RESULTS}, got {fit.sample_count}",
        )
    if fit.sd_ln == 0:
        share = 0.0 if fit.gm_mg_per_m3 <= oel else 1.0
        return ExceedanceFraction(share, share, confidence)
    standardised = (math.log(oel) - fit.mean_ln) / fit.sd_ln
    root_n = math.sqrt(fit.sample_count)
    # The noncentrality's lower confidence limit gives the exceedance's upper one.
    delta_low = noncentrality_for_cdf(standardised * root_n, fit.sample_count - 1, confidence)
    return ExceedanceFraction(1.0 - normal_cdf(standardised), 1.0 - normal_cdf(delta_low / root_n), confidence)


def classify_exposure_category(x95_mg_per_m3: float, oel_mg_per_m3: float) -> ExposureCategory:
    """AIHA category 0-4 of a 95th percentile against 1 %, 10 %, 50 %, 100 % of the OEL."""
    ratio = check_positive(x95_mg_per_m3, "x95_mg_per_m3") / check_positive(oel_mg_per_m3, "oel_mg_per_m3")
    for category, upper in zip(ExposureCategory, CATEGORY_UPPER_FRACTIONS, strict=False):
        if ratio <= upper:
            return category
    return ExposureCategory.POORLY_CONTROLLED


def preliminary_test(results: Sequence[ExposureResult], oel_mg_per_m3: float) -> ComplianceTestResult:
    """EN 689:2018 5.5.2: 3/4/5 results all below 0.10/0.15/0.20 OEL comply; any above the OEL does not."""
    _check_results(results, MIN_RESULTS)
    oel = check_positive(oel_mg_per_m3, "oel_mg_per_m3")
    fraction = PRELIMINARY_FRACTIONS.get(len(results))
    if fraction is None:
        raise RuleInputError("results", f"the preliminary test takes 3 to 5 results, got {len(results)}")
    over = [r for r in results if not r.is_below_lod and r.concentration_mg_per_m3 > oel]
    if over:
        reason = f"{len(over)} of {len(results)} results above the OEL {oel:g} mg/m3: non-compliance"
        return ComplianceTestResult(Outcome.NON_COMPLIANCE, (reason,), RULE_VERSION)
    threshold = fraction * oel
    if all(r.concentration_mg_per_m3 < threshold for r in results):
        reason = f"all {len(results)} results below {fraction:g} x OEL = {threshold:.4g} mg/m3: compliance"
        return ComplianceTestResult(Outcome.COMPLIANCE, (reason,), RULE_VERSION)
    reason = f"not all results below {fraction:g} x OEL and none above it: at least 6 results for the statistical test"
    return ComplianceTestResult(Outcome.MORE_RESULTS_NEEDED, (reason,), RULE_VERSION)


def statistical_test(
    fit: LognormalFit,
    oel_mg_per_m3: float,
    confidence: float = EN689_CONFIDENCE,
    coverage: float = EN689_COVERAGE,
) -> ComplianceTestResult:
    """EN 689:2018 5.5.3 / Annex F: UTL(95 %, 70 %) < OEL, i.e. U_R > U_T, means compliance."""
    oel = check_positive(oel_mg_per_m3, "oel_mg_per_m3")
    if fit.sample_count < MIN_STATISTICAL_RESULTS:
        raise RuleInputError(
            "fit.sample_count",
            f"the statistical test needs {MIN_STATISTICAL_RESULTS} results",
        )
    u_t = tolerance_factor(fit.sample_count, coverage, confidence)
    utl = math.exp(fit.mean_ln + u_t * fit.sd_ln)
    u_r = math.inf if fit.sd_ln == 0 else (math.log(oel) - fit.mean_ln) / fit.sd_ln
    label = f"UTL({coverage:.0%}, {confidence:.0%}) {utl:.4g} mg/m3"
    if fit.non_detect_fraction > MAX_NON_DETECT_FRACTION:
        reason = (
            f"{fit.non_detect_count} of {fit.sample_count} results are non-detects: substitution is not a sound basis"
        )
        return ComplianceTestResult(Outcome.INCONCLUSIVE, (reason, label), RULE_VERSION, utl, u_r, u_t)
    if utl < oel:
        reason = f"{label} below the OEL {oel:g} mg/m3 (U_R {u_r:.3g} > U_T {u_t:.3f}): compliance"
        return ComplianceTestResult(Outcome.COMPLIANCE, (reason,), RULE_VERSION, utl, u_r, u_t)
    reason = f"{label} not below the OEL {oel:g} mg/m3 (U_R {u_r:.3g} <= U_T {u_t:.3f}): non-compliance"
    return ComplianceTestResult(Outcome.NON_COMPLIANCE, (reason,), RULE_VERSION, utl, u_r, u_t)


def assess_seg(
    results: Sequence[ExposureResult],
    oel_mg_per_m3: float,
    *,
    confidence: float = EN689_CONFIDENCE,
    method: NonDetectMethod = NonDetectMethod.HALF_LOD,
) -> SegAssessment:
    """EN 689 decision (preliminary test for 3-5 results, statistical from 6), X95, UTL, exceedance, category."""
    _check_results(results, MIN_RESULTS)
    fit = fit_lognormal(results, method)
    preliminary: ComplianceTestResult | None = None
    statistical: ComplianceTestResult | None = None
    if len(results) < MIN_STATISTICAL_RESULTS:
        decision = preliminary = preliminary_test(results, oel_mg_per_m3)
    else:
        decision = statistical = statistical_test(fit, oel_mg_per_m3, confidence)
    p95 = percentile_mg_per_m3(fit)
    utl = upper_tolerance_limit_mg_per_m3(fit, EN689_COVERAGE, confidence)
    exceedance = exceedance_fraction(fit, oel_mg_per_m3, confidence)
    category = classify_exposure_category(p95, oel_mg_per_m3)
    reasons = (
        *decision.reasons,
        *fit.reasons,
        f"X95 {p95:.4g} mg/m3: AIHA category {int(category)}",
        f"exceedance {exceedance.point_fraction:.2%}, "
        f"upper {confidence:.0%} limit {exceedance.upper_confidence_limit:.2%}",
    )
    return SegAssessment(
        outcome=decision.outcome, fit=fit, p95_mg_per_m3=p95, utl_mg_per_m3=utl, exceedance=exceedance,
        category=category, category_at_utl=classify_exposure_category(utl, oel_mg_per_m3),
        preliminary=preliminary, statistical=statistical, reasons=reasons, rule_version=RULE_VERSION,
    )  # fmt: skip
