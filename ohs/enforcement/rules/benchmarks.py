"""Discretion benchmarks as data: the province's tiers of each statutory range, the versions,
and the rule that a city or county refines a tier only inside it (seed 000 item 15). Split from
discretion.py, which re-exports every public name; tier percentages are UNCONFIRMED defaults
(reference/discretion.md §2).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ohs.enforcement.rules.violations import (
    BENCHMARK_2024_EFFECTIVE_ON,
    PROVINCE_REGION_CODE,
    RULE_VERSION,
    STATUTORY_MITIGATION,
    ZERO_YUAN,
    Circumstance,
    FineMode,
    FineRange,
    TierLevel,
    Violation,
)


@dataclass(frozen=True)
class ProvincialTier:
    """A tier as fractions of the statutory range and the circumstances that select it."""

    level: TierLevel
    lower_fraction: Decimal
    upper_fraction: Decimal
    selecting: frozenset[Circumstance]
    is_confirmed: bool = False


@dataclass(frozen=True)
class TierRange:
    """A tier of one violation in yuan; also the shape of a city or county refinement."""

    article: str
    level: TierLevel
    fine_min_yuan: Decimal
    fine_max_yuan: Decimal
    benchmark_version: str
    region_code: str = PROVINCE_REGION_CODE
    condition_zh: str = ""


@dataclass(frozen=True)
class DiscretionBenchmark:
    """A versioned benchmark: provincial tiers plus accepted local refinements."""

    version: str
    effective_on: date
    tiers: tuple[ProvincialTier, ...]
    refinements: tuple[TierRange, ...] = ()
    proposal_fraction: Decimal = Decimal("0.5")  # where inside a tier the proposal sits
    source: str = ""


_LIGHT_UPPER, _HEAVY_LOWER, _FULL = Decimal("0.3"), Decimal("0.7"), Decimal(1)
_C = Circumstance
_LIGHT_FACTS = STATUTORY_MITIGATION | {
    _C.FIRST_VIOLATION,
    _C.CORRECTED_PROMPTLY,
    _C.FEW_WORKERS_AFFECTED,
}
_HEAVY_FACTS = frozenset(
    {
        _C.REPEATED_VIOLATION,
        _C.REFUSED_CORRECTION,
        _C.OBSTRUCTED_INSPECTION,
        _C.MANY_WORKERS_AFFECTED,
    }
)
_SEVERE_FACTS = frozenset({_C.DISEASE_CAUSED, _C.ACUTE_HARM})
DEFAULT_BENCHMARK = DiscretionBenchmark(
    version="zj-health-2024-11-30/default-tiers-1",
    effective_on=BENCHMARK_2024_EFFECTIVE_ON,
    tiers=(
        ProvincialTier(TierLevel.LIGHT, ZERO_YUAN, _LIGHT_UPPER, _LIGHT_FACTS),
        ProvincialTier(TierLevel.ORDINARY, _LIGHT_UPPER, _HEAVY_LOWER, frozenset()),
        ProvincialTier(TierLevel.HEAVY, _HEAVY_LOWER, _FULL, _HEAVY_FACTS),
        ProvincialTier(TierLevel.SEVERE, _FULL, _FULL, _SEVERE_FACTS),
    ),
    source="浙卫发〔2022〕36号, 浙卫发〔2024〕27号; tier percentages unconfirmed (discretion.md §2)",
)  # fmt: skip


def select_benchmark(benchmarks: Iterable[DiscretionBenchmark], decided_on: date) -> DiscretionBenchmark:
    """The benchmark in force on the decision date (latest effective_on not after it)."""
    in_force = [b for b in benchmarks if b.effective_on <= decided_on]
    if not in_force:
        raise ValueError(f"no discretion benchmark in force on {decided_on.isoformat()}")
    return max(in_force, key=lambda b: b.effective_on)


@dataclass(frozen=True)
class PenaltyFacts:
    """What the officer establishes about the case."""

    circumstances: frozenset[Circumstance] = frozenset()
    is_uncorrected_after_deadline: bool = False  # as established by may_decide_fine
    illegal_income_yuan: Decimal = ZERO_YUAN
    is_falsified: bool = False


def legal_range_for(violation: Violation, facts: PenaltyFacts) -> FineRange | None:
    """The statutory range that applies given the facts (falsification, illegal income)."""
    if facts.is_falsified and violation.falsified_range is not None:
        return violation.falsified_range
    multiple = violation.income_multiple
    if multiple is not None and facts.illegal_income_yuan >= multiple.threshold_yuan:
        income = facts.illegal_income_yuan
        return FineRange(income * multiple.min_multiple, income * multiple.max_multiple)
    return violation.legal_range


def fine_mode_for(violation: Violation, facts: PenaltyFacts) -> FineMode:
    """The fine mode given the facts: falsification under ODPL Art.74 makes the fine mandatory."""
    if facts.is_falsified and violation.falsified_range is not None:
        return FineMode.MANDATORY
    return violation.fine_mode


def tier_ranges(
    violation: Violation,
    benchmark: DiscretionBenchmark,
    facts: PenaltyFacts = PenaltyFacts(),
) -> tuple[TierRange, ...]:
    """The provincial tiers of one violation in yuan."""
    legal = legal_range_for(violation, facts)
    if legal is None:
        return ()
    span = legal.fine_max_yuan - legal.fine_min_yuan
    return tuple(
        TierRange(
            article=violation.article,
            level=tier.level,
            fine_min_yuan=legal.fine_min_yuan + tier.lower_fraction * span,
            fine_max_yuan=legal.fine_min_yuan + tier.upper_fraction * span,
            benchmark_version=benchmark.version,
        )
        for tier in benchmark.tiers
    )


@dataclass(frozen=True)
class FieldProblem:
    """Why a value was rejected, naming the field."""

    field: str
    message: str


@dataclass(frozen=True)
class RefinementDecision:
    """Whether a local refinement of a provincial tier is accepted."""

    is_accepted: bool
    tier: TierRange | None
    problems: tuple[FieldProblem, ...]
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


def _refinement_problems(p: TierRange, r: TierRange) -> tuple[FieldProblem, ...]:
    checks = (
        (r.article != p.article, "article", f"细化条款 {r.article} 与省级阶次条款 {p.article} 不一致"),
        (r.level != p.level, "level", f"细化阶次 {r.level} 与省级阶次 {p.level} 不一致"),
        (r.region_code == PROVINCE_REGION_CODE, "region_code", "细化须由市、县作出"),
        (r.fine_min_yuan > r.fine_max_yuan, "fine_min_yuan", "细化下限高于上限"),
        (r.fine_min_yuan < p.fine_min_yuan, "fine_min_yuan",
         f"细化下限 {r.fine_min_yuan} 元低于省级{p.level}阶次下限 {p.fine_min_yuan} 元"),
        (r.fine_max_yuan > p.fine_max_yuan, "fine_max_yuan",
         f"细化上限 {r.fine_max_yuan} 元高于省级{p.level}阶次上限 {p.fine_max_yuan} 元"),
    )  # fmt: skip
    return tuple(FieldProblem(name, text) for failed, name, text in checks if failed)


def refine_benchmark(provincial_tier: TierRange, refinement: TierRange) -> RefinementDecision:
    """Accept a city or county refinement only when it lies inside the provincial tier."""
    problems = _refinement_problems(provincial_tier, refinement)
    if problems:
        reason = "细化超出省级阶次，不予采用（市县不得超出省级划定的阶次或幅度）"
        return RefinementDecision(False, None, problems, (reason,))
    reason = f"{refinement.region_code} 在省级{provincial_tier.level}阶次内细化，予以采用"
    return RefinementDecision(True, refinement, (), (reason,))
