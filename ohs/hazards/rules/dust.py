"""Dusts: the free-SiO2 tier chooses the PC-TWA; total and respirable C_TWA judged (GBZ 2.1-2019 table 2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ohs.hazards.rules.concentration import (
    RULE_VERSIONS,
    Edition,
    TwaSegment,
    compute_twa,
)
from ohs.hazards.rules.errors import RuleInputError
from ohs.hazards.rules.judgement import (
    ACTION_LEVEL_FRACTION,
    LimitJudgement,
    judge_against_limit,
)
from ohs.hazards.rules.limits import DustOel, LimitValue, select_dust_oel

RULE_VERSION = RULE_VERSIONS[Edition.GBZ_2_1_2019]  # dust rows in reference/ are GBZ 2.1-2019 table 2


@dataclass(frozen=True, slots=True)
class DustMeasurement:
    """One worker-day of one dust: total-dust and respirable-dust full-shift segments."""

    total_segments: tuple[TwaSegment, ...] = ()
    respirable_segments: tuple[TwaSegment, ...] = ()


@dataclass(frozen=True, slots=True)
class DustEvaluation:
    """Judgement of one worker-day of one dust against the limit row its tier selects."""

    dust: DustOel
    free_silica_percent: float | None
    total: LimitJudgement | None
    respirable: LimitJudgement | None
    is_compliant: bool
    reaches_action_level: bool
    reasons: tuple[str, ...]
    rule_version: str


def choose_dust_oel(candidates: Sequence[DustOel], free_silica_percent: float | None) -> DustOel:
    """The dust row for this free-SiO2 content; the content is required when rows differ by tier."""
    if free_silica_percent is not None:
        return select_dust_oel(candidates, free_silica_percent)
    if len(candidates) == 1 and candidates[0].silica_tier is None:
        return candidates[0]
    raise RuleInputError(
        "free_silica_percent",
        f"required to choose among {len(candidates)} dust limit rows",
    )


def _judge(metric: str, segments: tuple[TwaSegment, ...], limit: LimitValue | None, name: str) -> LimitJudgement | None:
    """Judge one fraction's C_TWA when both segments and a limit exist."""
    if not segments or limit is None:
        return None
    return judge_against_limit(
        metric,
        compute_twa(segments),
        limit,
        limit_name=name,
        rule_version=RULE_VERSION,
        action_level_fraction=ACTION_LEVEL_FRACTION,
    )


def evaluate_dust(
    measurement: DustMeasurement,
    candidates: Sequence[DustOel],
    *,
    free_silica_percent: float | None = None,
) -> DustEvaluation:
    """Choose the dust row by free-SiO2 tier, then judge total and respirable C_TWA (GBZ 2.1-2019 6.3.2)."""
    dust = choose_dust_oel(candidates, free_silica_percent)
    total = _judge("C_TWA total dust", measurement.total_segments, dust.pc_twa_total, "PC-TWA (total)")
    respirable = _judge(
        "C_TWA respirable dust", measurement.respirable_segments, dust.pc_twa_respirable, "PC-TWA (respirable)"
    )
    judged = [j for j in (total, respirable) if j is not None]
    if not judged:
        raise RuleInputError("measurement", f"no dust fraction measured has a limit for {dust.name_zh}")
    is_compliant = all(j.is_compliant for j in judged)
    reasons = _dust_reasons(measurement, dust, free_silica_percent, judged, is_compliant)
    return DustEvaluation(
        dust=dust,
        free_silica_percent=free_silica_percent,
        total=total,
        respirable=respirable,
        is_compliant=is_compliant,
        reaches_action_level=any(j.reaches_action_level for j in judged),
        reasons=reasons,
        rule_version=RULE_VERSION,
    )


def _dust_reasons(
    measurement: DustMeasurement,
    dust: DustOel,
    free_silica_percent: float | None,
    judged: Sequence[LimitJudgement],
    is_compliant: bool,
) -> tuple[str, ...]:
    """Summary first, the tier choice, each fraction's reasons, then what has no limit."""
    verdict = "complies with" if is_compliant else "does not comply with"
    reasons = [f"{dust.name_zh} [{dust.condition or 'no condition'}]: the worker-day {verdict} its PC-TWA"]
    if free_silica_percent is not None and dust.silica_tier is not None:
        reasons.append(f"free SiO2 {free_silica_percent:g}% selects the row '{dust.condition or dust.name_zh}'")
    for judgement in judged:
        reasons.extend(judgement.reasons)
    if measurement.respirable_segments and dust.pc_twa_respirable is None:
        reasons.append("respirable dust measured but this dust has no respirable PC-TWA")
    return tuple(reasons)
