"""Non-central t distribution, computed numerically (no SciPy dependency).

T = (Z + delta) / S with Z standard normal and S = chi_df / sqrt(df), so
P(T <= x) = E[Phi(x S - delta)]. The expectation is a Simpson integral over
the density of S on a fixed grid per df; quantiles and the noncentrality
for a given probability are found by regula falsi. For 3 to 1000 results and
confidences 0.5 to 0.99 the tolerance factors agree with SciPy's ``nct`` to
a relative 1e-7; the tests check the published EN 689:2018 U_T table and SciPy
reference values. With 2 results (df = 1) and very high confidence the grid
is too coarse, which is why the statistics need at least 3 results.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from statistics import NormalDist

from ohs.hazards.rules.errors import RuleInputError, check_finite, check_probability

_STANDARD_NORMAL = NormalDist()
_SIMPSON_INTERVALS = 2048  # even; resolves Phi(x s - delta) for the x that tolerance factors need
_SPREAD_SDS = 13.0  # integrate S over mean 1 +/- 13 of its approximate sds 1/sqrt(2 df)
_SOLVER_STEPS = 200
_CDF_TOLERANCE = 1e-13  # well below the integration error
_BRACKET_DOUBLINGS = 60
_ABSOLUTE_TOLERANCE = 1e-12


def normal_cdf(z: float) -> float:
    """Standard normal distribution function Phi(z)."""
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


def normal_quantile(p: float) -> float:
    """Standard normal quantile z_p."""
    return _STANDARD_NORMAL.inv_cdf(check_probability(p, "p"))


@lru_cache(maxsize=512)
def _chi_grid(df: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Nodes of S = chi_df / sqrt(df) and Simpson weights times its density, summing to 1."""
    spread = _SPREAD_SDS / math.sqrt(2.0 * df)
    low, high = max(0.0, 1.0 - spread), 1.0 + spread
    step = (high - low) / _SIMPSON_INTERVALS
    half = df / 2.0
    log_norm = half * math.log(df) - (half - 1.0) * math.log(2.0) - math.lgamma(half)
    nodes, weights = [], []
    for i in range(_SIMPSON_INTERVALS + 1):
        s = low + i * step
        if s > 0:
            density = math.exp(log_norm + (df - 1) * math.log(s) - df * s * s / 2.0)
        else:
            density = math.exp(log_norm) if df == 1 else 0.0
        simpson = 1.0 if i in (0, _SIMPSON_INTERVALS) else (4.0 if i % 2 else 2.0)
        nodes.append(s)
        weights.append(simpson * density)
    total = sum(weights)  # normalising also removes the step / 3 factor and truncation error
    return tuple(nodes), tuple(w / total for w in weights)


def _check_df(df: int) -> int:
    """Return ``df`` if it is a whole number >= 1."""
    if isinstance(df, bool) or not isinstance(df, int) or df < 1:
        raise RuleInputError("df", f"must be a whole number >= 1, got {df!r}")
    return df


def noncentral_t_cdf(x: float, df: int, noncentrality: float) -> float:
    """P(T <= x) for the non-central t with ``df`` degrees of freedom."""
    check_finite(x, "x")
    check_finite(noncentrality, "noncentrality")
    nodes, weights = _chi_grid(_check_df(df))
    return sum(w * normal_cdf(x * s - noncentrality) for s, w in zip(nodes, weights, strict=True))


def _bracket(function: Callable[[float], float], target: float, start: float) -> tuple[float, float]:
    """Widen an interval around ``start`` until an increasing f crosses ``target`` inside it."""
    low, high, width = start - 1.0, start + 1.0, 2.0
    for _ in range(_BRACKET_DOUBLINGS):
        if function(low) > target:
            low -= width
        elif function(high) < target:
            high += width
        else:
            return low, high
        width *= 2.0
    raise RuleInputError("p", f"could not bracket the solution for target {target!r}")


def _solve_increasing(function: Callable[[float], float], target: float, start: float) -> float:
    """Solve f(v) = target for an increasing f: bracketing, then Illinois regula falsi."""
    low, high = _bracket(function, target, start)
    f_low, f_high = function(low) - target, function(high) - target
    side = 0
    for _ in range(_SOLVER_STEPS):
        middle = (low * f_high - high * f_low) / (f_high - f_low) if f_high != f_low else (low + high) / 2.0
        f_middle = function(middle) - target
        if abs(f_middle) <= _CDF_TOLERANCE or high - low <= _ABSOLUTE_TOLERANCE * (1.0 + abs(middle)):
            return middle
        if f_middle < 0:
            low, f_low = middle, f_middle
            f_high = f_high / 2.0 if side == -1 else f_high  # Illinois: halve the stale end
            side = -1
        else:
            high, f_high = middle, f_middle
            f_low = f_low / 2.0 if side == 1 else f_low
            side = 1
    return (low + high) / 2.0


def noncentral_t_quantile(p: float, df: int, noncentrality: float) -> float:
    """The x with P(T <= x) = p for the non-central t."""
    check_probability(p, "p")
    check_finite(noncentrality, "noncentrality")
    return _solve_increasing(lambda x: noncentral_t_cdf(x, df, noncentrality), p, noncentrality)


def noncentrality_for_cdf(x: float, df: int, p: float) -> float:
    """The noncentrality delta with P(T <= x; delta) = p (the cdf falls as delta grows)."""
    check_probability(p, "p")
    check_finite(x, "x")
    # u = -delta makes the cdf increasing in u.
    return -_solve_increasing(lambda u: noncentral_t_cdf(x, df, -u), p, -x)
