"""Discretion benchmarks: the version in force, local refinements accepted only inside the
provincial tier (seed 000 item 15), and the officer's proposal for a case."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.enforcement.models import Benchmark, BenchmarkRefinement, Case
from ohs.enforcement.reference import violation_for
from ohs.enforcement.rules.discretion import (
    DiscretionBenchmark,
    PenaltyFacts,
    PenaltyProposal,
    ProvincialTier,
    TierRange,
    may_decide_fine,
    propose_penalty,
    refine_benchmark,
    tier_ranges,
)
from ohs.enforcement.rules.violations import PROVINCE_REGION_CODE, Circumstance, FineMode, TierLevel
from ohs.enforcement.services._common import today
from ohs.geo.models import Region
from ohs.orgs.choices import Role


def benchmark_in_force(on: dt.date) -> Benchmark:
    found = Benchmark.objects.filter(effective_on__lte=on).order_by("-effective_on").first()
    if found is None:
        raise DomainError(
            ErrorCode.INVALID, _("no discretion benchmark is in force on %(on)s") % {"on": on}, field="benchmark"
        )
    return found


def _tiers(benchmark: Benchmark) -> tuple[ProvincialTier, ...]:
    return tuple(
        ProvincialTier(
            TierLevel(t["level"]),
            Decimal(t["lower"]),
            Decimal(t["upper"]),
            frozenset(Circumstance(c) for c in t["selecting"]),
            bool(t.get("confirmed", False)),
        )
        for t in benchmark.tiers
    )


def _local(row: BenchmarkRefinement) -> TierRange:
    return TierRange(
        row.article,
        TierLevel(row.level),
        row.fine_min_yuan,
        row.fine_max_yuan,
        row.version,
        row.region_id,
        row.condition,
    )


def as_rules(benchmark: Benchmark, county: Region | None = None) -> DiscretionBenchmark:
    """The benchmark for the pure rules, with the refinements of the county and its city
    (the county's first: the narrower one applies)."""
    refinements: tuple[TierRange, ...] = ()
    if county is not None:
        chain = [county.pk, *([county.parent_id] if county.parent_id else [])]
        rows = BenchmarkRefinement.objects.filter(benchmark=benchmark, region_id__in=chain)
        refinements = tuple(_local(r) for r in sorted(rows, key=lambda r: chain.index(r.region_id)))
    return DiscretionBenchmark(
        version=benchmark.version,
        effective_on=benchmark.effective_on,
        tiers=_tiers(benchmark),
        refinements=refinements,
        proposal_fraction=benchmark.proposal_fraction,
        source=benchmark.source,
    )


def add_refinement(
    *,
    actor: Actor,
    benchmark: Benchmark,
    region: Region,
    article: str,
    level: str,
    fine_min_yuan: Decimal,
    fine_max_yuan: Decimal,
    version: str,
    condition: str = "",
) -> BenchmarkRefinement:
    """A city's or county's refinement of one tier; refused with the reason when it leaves the tier."""
    if region.pk == PROVINCE_REGION_CODE or actor.region_code not in (region.pk, region.parent_id):
        raise DomainError(
            ErrorCode.FORBIDDEN, _("only the city or county itself refines its benchmark"), field="region"
        )
    if level not in TierLevel._value2member_map_:
        raise DomainError(ErrorCode.INVALID, _("unknown tier %(level)s") % {"level": level}, field="level")
    violation = violation_for(article)
    provincial = next((t for t in tier_ranges(violation, as_rules(benchmark)) if t.level == level), None)
    if provincial is None:
        raise DomainError(
            ErrorCode.INVALID, _("%(article)s carries no fine to refine") % {"article": article}, field="article"
        )
    proposed = TierRange(article, TierLevel(level), fine_min_yuan, fine_max_yuan, version, region.pk, condition)
    decision = refine_benchmark(provincial, proposed)
    if not decision.is_accepted:
        fields: dict[str, list[str]] = {}
        for problem in decision.problems:
            fields.setdefault(problem.field, []).append(problem.message)
        message = "；".join([*(p.message for p in decision.problems), *decision.reasons])
        raise DomainError(ErrorCode.INVALID, message, fields=fields)
    try:
        with transaction.atomic():
            row = BenchmarkRefinement.objects.create(
                benchmark=benchmark,
                region=region,
                version=version,
                article=article,
                level=level,
                fine_min_yuan=fine_min_yuan,
                fine_max_yuan=fine_max_yuan,
                condition=condition,
                created_by_label=actor.label,
            )
            audit.record_created(actor, row)
            emit("enforcement.refinement.accepted", {"id": row.pk, "region": region.pk, "article": article})
    except IntegrityError as exc:
        raise DomainError(ErrorCode.CONFLICT, _("this tier is already refined for the region"), field="level") from exc
    return row


def _is_uncorrected(case: Case, on: dt.date) -> bool:
    if case.correction_deadline is None:
        return False
    check = may_decide_fine(violation_for(case.article), case.correction_deadline, case.corrected_on, on)
    return check.is_allowed


def proposal_for(case: Case, circumstances: list[str], on: dt.date | None = None) -> PenaltyProposal:
    """The module's proposal for the case's facts, with the benchmark version in force."""
    if not case.article:
        raise DomainError(ErrorCode.INVALID, _("choose the violated provision first"), field="article")
    unknown = [c for c in circumstances if c not in Circumstance._value2member_map_]
    if unknown:
        raise DomainError(
            ErrorCode.INVALID, _("unknown circumstance %(unknown)s") % {"unknown": unknown[0]}, field="circumstances"
        )
    day = on or today()
    benchmark = case.benchmark or benchmark_in_force(day)
    facts = PenaltyFacts(
        circumstances=frozenset(Circumstance(c) for c in circumstances),
        is_uncorrected_after_deadline=_is_uncorrected(case, day),
    )
    return propose_penalty(violation_for(case.article), facts, as_rules(benchmark, case.county))


def propose_for_case(*, actor: Actor, case: Case, circumstances: list[str]) -> Case:
    """The officer enters the facts; the tier, amount and reasons are kept on the case with the
    benchmark version (a case keeps the version it used)."""
    if case.status not in ("investigating", "proposed"):
        raise DomainError(ErrorCode.CONFLICT, _("the proposal is made before the advance notice"), field="status")
    proposal = proposal_for(case, circumstances)
    benchmark = case.benchmark or benchmark_in_force(today())
    fields = ["circumstances", "benchmark", "benchmark_version", "proposed_tier", "proposed_fine_yuan"]
    fields += ["tier_min_yuan", "tier_max_yuan", "proposal_reasons"]
    before = audit.snapshot(case, fields)
    case.circumstances = sorted(circumstances)
    case.benchmark = benchmark
    case.benchmark_version = proposal.benchmark_version
    case.proposed_tier = proposal.level
    case.proposed_fine_yuan = proposal.fine_yuan
    case.tier_min_yuan = proposal.tier.fine_min_yuan if proposal.tier else None
    case.tier_max_yuan = proposal.tier.fine_max_yuan if proposal.tier else None
    case.proposal_reasons = "\n".join((*proposal.reasons, *proposal.unconfirmed))
    with transaction.atomic():
        case.save(update_fields=fields)
        audit.record_updated(actor, case, before)
        emit("enforcement.case.proposed", {"id": case.pk, "tier": proposal.level, "version": case.benchmark_version})
    return case


def is_fine_only_if_uncorrected(case: Case) -> bool:
    return bool(case.article) and violation_for(case.article).fine_mode is FineMode.ONLY_IF_UNCORRECTED


def publish_benchmark(
    *, actor: Actor, version: str, effective_on: dt.date, tiers: list[dict[str, object]], source: str
) -> Benchmark:
    """The province publishes a new benchmark version; cases already proposed keep theirs."""
    if actor.role != Role.REGULATOR or actor.region_code != PROVINCE_REGION_CODE:
        raise DomainError(ErrorCode.FORBIDDEN, _("only the province publishes the benchmark"), field="version")
    if Benchmark.objects.filter(version=version).exists():
        raise DomainError(
            ErrorCode.CONFLICT, _("version %(version)s exists already") % {"version": version}, field="version"
        )
    levels = [str(t.get("level", "")) for t in tiers]
    if sorted(levels, key=_tier_index) != [t.value for t in TierLevel] or len(set(levels)) != len(levels):
        raise DomainError(ErrorCode.INVALID, _("give each tier (从轻, 一般, 从重, 严重) once"), field="tiers")
    for tier in tiers:
        lower, upper = Decimal(str(tier["lower"])), Decimal(str(tier["upper"]))
        if not Decimal(0) <= lower <= upper <= Decimal(1):
            raise DomainError(
                ErrorCode.INVALID,
                _("%(tier)s: fractions must satisfy 0 ≤ lower ≤ upper ≤ 1") % {"tier": tier["level"]},
                field="tiers",
            )
        unknown = [c for c in tier.get("selecting", []) if c not in Circumstance._value2member_map_]  # type: ignore[attr-defined]
        if unknown:
            raise DomainError(
                ErrorCode.INVALID, _("unknown circumstance %(unknown)s") % {"unknown": unknown[0]}, field="tiers"
            )
    with transaction.atomic():
        row = Benchmark.objects.create(
            version=version,
            effective_on=effective_on,
            tiers=tiers,
            proposal_fraction=Decimal("0.5"),
            source=source,
        )
        audit.record_created(actor, row)
        emit("enforcement.benchmark.published", {"version": version, "effective_on": effective_on.isoformat()})
    return row


def _tier_index(level: str) -> int:
    values = [t.value for t in TierLevel]
    return values.index(level) if level in values else len(values)
