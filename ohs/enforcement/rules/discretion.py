"""Discretion benchmarks (行政处罚裁量权基准) for the Occupational Disease Prevention Law (ODPL).

Statutory ranges are parsed from ``reference/penalties_odpl.csv`` rows. Tiers follow
浙卫发〔2022〕36号 as revised by 浙卫发〔2024〕27号 (in force 2024-11-30: several matching
tiers -> the heavier one, 就高不就低); a city or county may only refine inside a provincial
tier (seed 000 item 15). The tier percentages are the common 30 % / 70 % split, a default
that is UNCONFIRMED for Zhejiang health (reference/discretion.md §2) and carried as such.
行政处罚法 Art.32 (mandatory mitigation) lowers the tier one step; Art.45 forbids a heavier
penalty because of a defence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ohs.enforcement.rules.violations import (
    BENCHMARK_2024_EFFECTIVE_ON,
    PROVINCE_REGION_CODE,
    RULE_VERSION,
    STATUTORY_MITIGATION,
    TIER_ORDER,
    YUAN,
    ZERO_YUAN,
    Circumstance,
    FineMode,
    FineRange,
    Measure,
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


@dataclass(frozen=True)
class PenaltyProposal:
    """The module's proposal: tier, amount, measures and why."""

    article: str
    level: TierLevel
    fine_mode: FineMode
    fine_yuan: Decimal | None
    legal_range: FineRange | None
    tier: TierRange | None
    measures: frozenset[Measure]
    facts: PenaltyFacts
    benchmark_version: str
    reasons: tuple[str, ...]
    unconfirmed: tuple[str, ...] = ()
    rule_version: str = RULE_VERSION


def select_tier(
    circumstances: frozenset[Circumstance], benchmark: DiscretionBenchmark
) -> tuple[TierLevel, tuple[str, ...]]:
    """Heaviest matching tier (就高不就低); Art.32 circumstances then lower it one step."""
    matched = {t.level for t in benchmark.tiers if t.selecting & circumstances}
    level = max(matched, key=TIER_ORDER.index, default=TierLevel.ORDINARY)
    reasons = [f"情节：{'、'.join(sorted(circumstances)) or '无从轻从重情节'} → {level}"]
    if len(matched) > 1:
        reasons.append("同时符合多个阶次，就高不就低（浙卫发〔2024〕27号）")
    if circumstances & STATUTORY_MITIGATION and level != TierLevel.LIGHT:
        level = TIER_ORDER[TIER_ORDER.index(level) - 1]
        reasons.append(f"具有《行政处罚法》第三十二条应当从轻情形，降一阶次至{level}")
    return level, tuple(reasons)


def _fine_applies(violation: Violation, facts: PenaltyFacts, legal: FineRange | None) -> tuple[bool, str]:
    mode = fine_mode_for(violation, facts)
    if legal is None or mode is FineMode.NONE:
        return False, f"{violation.article} 未规定罚款数额（依其他法律处理或移送）"
    if mode is FineMode.ONLY_IF_UNCORRECTED and not facts.is_uncorrected_after_deadline:
        return (
            False,
            f"{violation.article} 逾期不改正的方可罚款；现予警告并责令限期改正",
        )
    if mode is FineMode.OPTIONAL:
        return True, f"{violation.article} 罚款为可以并处，由执法人员裁量"
    return True, f"{violation.article} 依法处以罚款"


def _tier_for(
    violation: Violation,
    facts: PenaltyFacts,
    level: TierLevel,
    benchmark: DiscretionBenchmark,
) -> tuple[TierRange, str]:
    found = [t for t in tier_ranges(violation, benchmark, facts) if t.level == level]
    if not found:
        raise ValueError(f"benchmark {benchmark.version} has no {level} tier")
    provincial = found[0]
    if legal_range_for(violation, facts) != violation.legal_range:
        return provincial, benchmark.version
    local = [
        r
        for r in benchmark.refinements
        if (r.article, r.level) == (violation.article, level) and refine_benchmark(provincial, r).is_accepted
    ]
    if not local:
        return provincial, benchmark.version
    return local[0], f"{benchmark.version}; {local[0].region_code}:{local[0].benchmark_version}"


def _amount_in(tier: TierRange, fraction: Decimal) -> Decimal:
    raw = tier.fine_min_yuan + fraction * (tier.fine_max_yuan - tier.fine_min_yuan)
    rounded = raw.quantize(YUAN, rounding=ROUND_HALF_UP)
    return min(max(rounded, tier.fine_min_yuan), tier.fine_max_yuan)


def _unconfirmed(violation: Violation, benchmark: DiscretionBenchmark, level: TierLevel) -> tuple[str, ...]:
    notes = [] if violation.is_confirmed else [f"{violation.article} 条款或幅度未经核实"]
    if not all(t.is_confirmed for t in benchmark.tiers if t.level == level):
        notes.append(f"{level}阶次比例为默认配置，未经核实（{benchmark.version}）")
    return tuple(notes)


def _measures(violation: Violation, level: TierLevel, fined: bool) -> frozenset[Measure]:
    extra = {Measure.FINE} if fined else set()
    if level is TierLevel.SEVERE and violation.has_serious_escalation:
        extra.add(Measure.SERIOUS_SANCTION)
    return violation.base_measures | extra


def propose_penalty(violation: Violation, facts: PenaltyFacts, benchmark: DiscretionBenchmark) -> PenaltyProposal:
    """Propose the tier, the fine (Decimal yuan) and the measures for one violation."""
    level, reasons = select_tier(facts.circumstances, benchmark)
    legal = legal_range_for(violation, facts)
    fined, fine_reason = _fine_applies(violation, facts, legal)
    tier, version = _tier_for(violation, facts, level, benchmark) if fined else (None, benchmark.version)
    amount = _amount_in(tier, benchmark.proposal_fraction) if tier else None
    amount_reason = (
        f"{level}阶次 {tier.fine_min_yuan}–{tier.fine_max_yuan} 元，建议 {amount} 元" if tier else "不予罚款"
    )
    return PenaltyProposal(
        article=violation.article,
        level=level,
        fine_mode=fine_mode_for(violation, facts),
        fine_yuan=amount,
        legal_range=legal,
        tier=tier,
        measures=_measures(violation, level, fined),
        facts=facts,
        benchmark_version=version,
        reasons=(*reasons, fine_reason, amount_reason, f"裁量基准版本 {version}"),
        unconfirmed=_unconfirmed(violation, benchmark, level),
    )


@dataclass(frozen=True)
class DepartureCheck:
    """Whether a decided amount that departs from the proposal may stand."""

    is_allowed: bool
    is_departure: bool
    requires_legal_review: bool
    requires_collective_discussion: bool
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


def _departure_refusal(proposal: PenaltyProposal, decided: Decimal | None) -> str | None:
    legal = proposal.legal_range
    if decided is None:
        return None if proposal.fine_mode is FineMode.OPTIONAL else "本条须处罚款，不得不罚"
    if decided < ZERO_YUAN:
        return "罚款数额不得为负"
    if proposal.fine_yuan is None or legal is None:
        return "本案不具备罚款条件（未逾期不改正或本条无罚款）"
    if decided > legal.fine_max_yuan:
        return f"{decided} 元超出法定上限 {legal.fine_max_yuan} 元"
    if decided < legal.fine_min_yuan and not proposal.facts.circumstances & STATUTORY_MITIGATION:
        return f"{decided} 元低于法定下限 {legal.fine_min_yuan} 元，且无第三十二条减轻情形"
    return None


def check_departure(proposal: PenaltyProposal, decided_amount: Decimal | None, written_reason: str) -> DepartureCheck:
    """A decided amount differing from the proposal needs a written reason and legal review."""
    if decided_amount == proposal.fine_yuan:
        return DepartureCheck(True, False, False, False, ("与裁量建议一致",))
    if not written_reason.strip():
        return DepartureCheck(False, True, True, False, ("偏离裁量建议须书面说明理由",))
    refusal = _departure_refusal(proposal, decided_amount)
    if refusal is not None:
        return DepartureCheck(False, True, True, False, (refusal,))
    legal = proposal.legal_range
    below = decided_amount is not None and legal is not None and decided_amount < legal.fine_min_yuan
    reasons = (
        f"偏离裁量建议：{proposal.fine_yuan} → {decided_amount} 元；理由：{written_reason.strip()}",
        "须经法制审核",
        *(("减轻处罚（《行政处罚法》第三十二条），须集体讨论",) if below else ()),
    )
    return DepartureCheck(True, True, True, below, reasons)


@dataclass(frozen=True)
class FineEligibility:
    """Whether a fine may be decided now."""

    is_allowed: bool
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


def may_decide_fine(
    violation: Violation,
    correction_deadline: date,
    corrected_on: date | None,
    today: date,
) -> FineEligibility:
    """For 'fine only if not corrected by the deadline' articles, refuse until it passed unmet."""
    if violation.fine_mode is FineMode.NONE:
        return FineEligibility(False, (f"{violation.article} 未规定罚款",))
    if violation.fine_mode is not FineMode.ONLY_IF_UNCORRECTED:
        return FineEligibility(True, (f"{violation.article} 罚款不以逾期不改正为前提",))
    if corrected_on is not None and corrected_on > today:
        return FineEligibility(False, ("改正日期晚于今日，数据有误",))
    if corrected_on is not None and corrected_on <= correction_deadline:
        return FineEligibility(
            False,
            (f"已于 {corrected_on} 在期限 {correction_deadline} 内改正，不得罚款",),
        )
    if today <= correction_deadline:
        return FineEligibility(False, (f"改正期限 {correction_deadline} 尚未届满，不得罚款",))
    late = f"于 {corrected_on} 逾期改正" if corrected_on else "至今未改正"
    return FineEligibility(
        True,
        (f"改正期限 {correction_deadline} 已过，{late}，{violation.article} 可处罚款",),
    )


@dataclass(frozen=True)
class DefenceOutcome:
    """The penalty after a statement and defence (陈述申辩)."""

    is_accepted: bool
    penalty: PenaltyProposal
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


def apply_defence(original: PenaltyProposal, revised: PenaltyProposal) -> DefenceOutcome:
    """Accept the revision after a defence unless it is heavier (行政处罚法 Art.45)."""
    before, after = original.fine_yuan or ZERO_YUAN, revised.fine_yuan or ZERO_YUAN
    added = revised.measures - original.measures
    if after > before:
        return DefenceOutcome(False, original, (f"不得因陈述申辩加重处罚：{before} → {after} 元",))
    if added:
        return DefenceOutcome(
            False,
            original,
            (f"不得因陈述申辩增加处罚种类：{'、'.join(sorted(added))}",),
        )
    return DefenceOutcome(True, revised, (f"陈述申辩后处罚 {before} → {after} 元，未加重",))
