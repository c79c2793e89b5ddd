"""Discretion benchmarks (行政处罚裁量权基准) for the Occupational Disease Prevention Law (ODPL).

Statutory ranges are parsed from ``reference/penalties_odpl.csv`` rows. Tiers follow
浙卫发〔2022〕36号 as revised by 浙卫发〔2024〕27号 (in force 2024-11-30: several matching
tiers -> the heavier one, 就高不就低); a city or county may only refine inside a provincial
tier (seed 000 item 15). The tier percentages are the common 30 % / 70 % split, a default
that is UNCONFIRMED for Zhejiang health (reference/discretion.md §2) and carried as such.
行政处罚法 Art.32 (mandatory mitigation) lowers the tier one step; Art.45 forbids a heavier
penalty because of a defence. The tiers, versions and local refinements live in
``ohs.enforcement.rules.benchmarks`` (re-exported here, so the public names stay); this module
proposes the penalty and checks departures, the fine's precondition and the defence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ohs.enforcement.rules.benchmarks import (
    DEFAULT_BENCHMARK,
    DiscretionBenchmark,
    FieldProblem,
    PenaltyFacts,
    ProvincialTier,
    RefinementDecision,
    TierRange,
    fine_mode_for,
    legal_range_for,
    refine_benchmark,
    select_benchmark,
    tier_ranges,
)
from ohs.enforcement.rules.violations import (
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

__all__ = [
    "DEFAULT_BENCHMARK",
    "DefenceOutcome",
    "DepartureCheck",
    "DiscretionBenchmark",
    "FieldProblem",
    "FineEligibility",
    "PenaltyFacts",
    "PenaltyProposal",
    "ProvincialTier",
    "RefinementDecision",
    "TierRange",
    "apply_defence",
    "check_departure",
    "fine_mode_for",
    "legal_range_for",
    "may_decide_fine",
    "propose_penalty",
    "refine_benchmark",
    "select_benchmark",
    "select_tier",
    "tier_ranges",
]


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
