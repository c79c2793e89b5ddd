"""Judging one measured figure against one limit: compliant or exceeds, ratio, action level."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ohs.hazards.rules.errors import RuleInputError, check_finite
from ohs.hazards.rules.limits import Confidence, LimitValue

# GBZ 2.1-2019 3.9 / 6.4: the action level is half the OEL; reaching it triggers
# control measures, monitoring and health surveillance.
ACTION_LEVEL_FRACTION = 0.5

_CONFIDENCE_NOTES = {
    Confidence.B: "corroborated by two secondary sources, not read in the standard",
    Confidence.C: "not yet confirmed against the standard",
}


class RatioKind(Enum):
    """How the ratio to the limit is formed for a quantity."""

    LINEAR = "linear"  # concentrations, accelerations, field strengths
    DECIBEL = "decibel"  # sound levels: ratio of A-weighted energies (a noise dose)
    NONE = "none"  # interval scales such as WBGT in C, where a ratio means nothing


@dataclass(frozen=True, slots=True)
class LimitJudgement:
    """A measured figure judged against a limit, in the limit's unit."""

    metric: str
    limit_name: str
    measured_value: float
    limit_value: float
    unit: str
    ratio_to_limit: float | None
    is_compliant: bool
    reaches_action_level: bool | None
    limit_confidence: Confidence
    limit_edition: str
    reasons: tuple[str, ...]
    rule_version: str


def ratio_to_limit(measured: float, limit: float, kind: RatioKind) -> float | None:
    """Ratio of a measured figure to its limit for the given kind of quantity."""
    if kind is RatioKind.NONE:
        return None
    if kind is RatioKind.DECIBEL:
        return float(10.0 ** ((measured - limit) / 10.0))
    return measured / limit


def confidence_reasons(limit_name: str, limit: LimitValue) -> tuple[str, ...]:
    """A caution for officials when a limit rests on a value below confidence A."""
    note = _CONFIDENCE_NOTES.get(limit.provenance.confidence)
    if note is None:
        return ()
    confidence = limit.provenance.confidence.value
    text = (
        f"{limit_name} {limit.value:g} {limit.unit} has confidence {confidence} ({note}); "
        f"check it against {limit.provenance.edition} before relying on this judgement"
    )
    return (text,)


def judge_against_limit(
    metric: str,
    measured_value: float,
    limit: LimitValue,
    *,
    limit_name: str,
    rule_version: str,
    ratio_kind: RatioKind = RatioKind.LINEAR,
    action_level_fraction: float | None = None,
) -> LimitJudgement:
    """Judge ``measured_value`` against ``limit``: at or below the limit complies."""
    measured = check_finite(measured_value, metric)
    if ratio_kind is RatioKind.LINEAR and limit.value <= 0:
        raise RuleInputError(limit_name, f"limit must be > 0 for a ratio, got {limit.value!r}")
    ratio = ratio_to_limit(measured, limit.value, ratio_kind)
    is_compliant = measured <= limit.value
    action = None if action_level_fraction is None else measured >= action_level_fraction * limit.value
    verdict = "within" if is_compliant else "exceeds"
    text = f"{metric} {measured:.4g} {limit.unit} {verdict} {limit_name} {limit.value:g} {limit.unit}"
    if ratio is not None:
        text += f" (ratio {ratio:.3g})"
    reasons = [text]
    if action and action_level_fraction is not None:
        reasons.append(f"{metric} reaches the action level ({action_level_fraction:g} x {limit_name})")
    reasons.extend(confidence_reasons(limit_name, limit))
    return LimitJudgement(
        metric=metric,
        limit_name=limit_name,
        measured_value=measured,
        limit_value=limit.value,
        unit=limit.unit,
        ratio_to_limit=ratio,
        is_compliant=is_compliant,
        reaches_action_level=action,
        limit_confidence=limit.provenance.confidence,
        limit_edition=limit.provenance.edition,
        reasons=tuple(reasons),
        rule_version=rule_version,
    )


def require_unit(limit: LimitValue, expected: str, field: str) -> LimitValue:
    """Return ``limit`` if its unit is ``expected``, else raise RuleInputError."""
    if limit.unit != expected:
        raise RuleInputError(field, f"limit unit must be {expected!r}, got {limit.unit!r}")
    return limit
