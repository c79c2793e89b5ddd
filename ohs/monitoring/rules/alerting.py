"""Alert state machine for one (channel, rule): raise, escalate and resolve with hysteresis.

Pure and restartable: the state is a frozen dataclass the caller stores and passes back in.
- Raise when a value reaches the limit of a threshold (>= for an upper limit, <= for a lower one),
  at the severity of the most severe threshold reached.
- An open alert is never raised again (de-duplication). It escalates when a more severe threshold is
  reached and does not de-escalate: the alert keeps the worst severity it saw until it resolves.
- Resolve automatically when the value is beyond the clear level (least severe limit x (1 - hysteresis),
  or x (1 + hysteresis) for a lower limit), or after N consecutive evaluations that reach no threshold:
  a value hovering just inside the hysteresis band must not hold an alert open for ever.
- Evaluations not newer than the last one are ignored (resent or out-of-order data).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import IntEnum, StrEnum

RULE_VERSION = "monitoring.alerting/1"


class Severity(IntEnum):
    """Alert severity; a higher number is more severe."""

    WARNING = 1  # 预警: approaching the limit
    ALARM = 2  # 报警: the limit is reached
    CRITICAL = 3  # immediate dispatch


class Direction(StrEnum):
    """Which side of the limit is abnormal."""

    ABOVE = "above"  # concentrations, noise: alert at value >= limit
    BELOW = "below"  # oxygen deficiency, residual chlorine: alert at value <= limit


class TransitionKind(StrEnum):
    """What happened to the alert."""

    RAISED = "raised"
    ESCALATED = "escalated"
    RESOLVED = "resolved"


@dataclass(frozen=True, slots=True)
class Threshold:
    """Reaching ``limit`` means at least ``severity``."""

    severity: Severity
    limit: Decimal


@dataclass(frozen=True, slots=True)
class AlertRule:
    """Thresholds of one rule, with hysteresis as a ratio of the least severe limit."""

    rule_id: str
    thresholds: tuple[Threshold, ...]
    hysteresis_ratio: Decimal
    clear_after_normal_count: int
    direction: Direction = Direction.ABOVE
    rule_version: str = RULE_VERSION

    def __post_init__(self) -> None:
        ordered = sorted(self.thresholds, key=lambda t: t.severity)
        if not ordered or len({t.severity for t in ordered}) != len(ordered):
            raise ValueError("a rule needs thresholds with distinct severities")
        limits = [t.limit for t in ordered]
        if self.direction is Direction.BELOW:
            limits.reverse()
        if any(not limit.is_finite() for limit in limits) or limits != sorted(set(limits)):
            raise ValueError("a more severe threshold must have a limit further from normal")
        if not Decimal(0) <= self.hysteresis_ratio < Decimal(1):
            raise ValueError("hysteresis_ratio must be in [0, 1)")
        if self.clear_after_normal_count < 1:
            raise ValueError("clear_after_normal_count must be at least 1")

    @property
    def entry(self) -> Threshold:
        """The least severe threshold: reaching it opens an alert."""
        return min(self.thresholds, key=lambda t: t.severity)

    @property
    def clear_level(self) -> Decimal:
        """Beyond this value (on the normal side) an open alert resolves at once."""
        sign = -1 if self.direction is Direction.ABOVE else 1
        return self.entry.limit * (Decimal(1) + sign * self.hysteresis_ratio)

    def reached(self, value: Decimal) -> Threshold | None:
        """The most severe threshold ``value`` reaches, or None."""
        hits = [t for t in self.thresholds if self._reaches(value, t.limit)]
        return max(hits, key=lambda t: t.severity, default=None)

    def is_clear(self, value: Decimal) -> bool:
        """Whether ``value`` is past the clear level on the normal side."""
        if self.direction is Direction.ABOVE:
            return value < self.clear_level
        return value > self.clear_level

    def _reaches(self, value: Decimal, limit: Decimal) -> bool:
        """Whether ``value`` is at or beyond ``limit`` on the abnormal side."""
        return value >= limit if self.direction is Direction.ABOVE else value <= limit


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One evaluated value of the channel."""

    value: Decimal
    evaluated_at: datetime

    def __post_init__(self) -> None:
        if not self.value.is_finite():
            raise ValueError("an evaluation needs a finite value")


@dataclass(frozen=True, slots=True)
class AlertState:
    """Stored state of one (channel, rule); ``severity`` None means no open alert."""

    channel_id: str
    rule_id: str
    severity: Severity | None = None
    opened_at: datetime | None = None
    normal_streak: int = 0
    last_evaluated_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        """Whether an alert is open."""
        return self.severity is not None


@dataclass(frozen=True, slots=True)
class AlertTransition:
    """A change of the alert, with the value and limit that caused it."""

    kind: TransitionKind
    channel_id: str
    rule_id: str
    severity: Severity
    previous_severity: Severity | None
    value: Decimal
    limit: Decimal
    at: datetime
    opened_at: datetime
    reason: str
    message: str
    rule_version: str = RULE_VERSION


@dataclass(frozen=True, slots=True)
class AlertStep:
    """New state, the transitions on the way there and one reason code per evaluation."""

    state: AlertState
    transitions: tuple[AlertTransition, ...]
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


def evaluate_alert(state: AlertState, rule: AlertRule, evaluation: Evaluation) -> AlertStep:
    """Advance the alert of one (channel, rule) by one evaluation."""
    if state.rule_id != rule.rule_id:
        raise ValueError(f"state of rule {state.rule_id!r} evaluated with rule {rule.rule_id!r}")
    if state.last_evaluated_at is not None and evaluation.evaluated_at <= state.last_evaluated_at:
        return AlertStep(state, (), ("stale_evaluation",))
    seen = replace(state, last_evaluated_at=evaluation.evaluated_at)
    hit = rule.reached(evaluation.value)
    if hit is not None:
        return _on_threshold(seen, rule, evaluation, hit)
    if seen.severity is None:
        return AlertStep(seen, (), ("normal",))
    return _on_normal(seen, rule, evaluation)


def evaluate_alerts(state: AlertState, rule: AlertRule, evaluations: Iterable[Evaluation]) -> AlertStep:
    """Advance the alert through evaluations in the order given."""
    transitions: list[AlertTransition] = []
    reasons: list[str] = []
    for evaluation in evaluations:
        step = evaluate_alert(state, rule, evaluation)
        state = step.state
        transitions += step.transitions
        reasons += step.reasons
    return AlertStep(state, tuple(transitions), tuple(reasons))


def _on_threshold(state: AlertState, rule: AlertRule, evaluation: Evaluation, hit: Threshold) -> AlertStep:
    """A threshold is reached: raise, escalate, or keep the open alert as it is."""
    previous = state.severity
    if previous is not None and hit.severity <= previous:
        return AlertStep(replace(state, normal_streak=0), (), ("already_open",))
    opened_at = evaluation.evaluated_at if state.opened_at is None else state.opened_at
    kind = TransitionKind.RAISED if previous is None else TransitionKind.ESCALATED
    new_state = replace(state, severity=hit.severity, opened_at=opened_at, normal_streak=0)
    message = f"value {evaluation.value} reached the {hit.severity.name.lower()} limit {hit.limit}"
    reason = "limit_reached" if previous is None else "more_severe_limit_reached"
    transition = _transition(new_state, kind, previous, evaluation, hit.limit, reason, message)
    return AlertStep(new_state, (transition,), (transition.reason,))


def _on_normal(state: AlertState, rule: AlertRule, evaluation: Evaluation) -> AlertStep:
    """No threshold reached while an alert is open: resolve, or count towards N."""
    if rule.is_clear(evaluation.value):
        message = f"value {evaluation.value} is past the clear level {rule.clear_level}"
        return _resolve(state, evaluation, rule.clear_level, "past_clear_level", message)
    streak = state.normal_streak + 1
    if streak >= rule.clear_after_normal_count:
        message = f"{streak} consecutive evaluations reached no threshold"
        return _resolve(state, evaluation, rule.entry.limit, "normal_streak_reached", message)
    return AlertStep(replace(state, normal_streak=streak), (), ("in_hysteresis_band",))


def _resolve(state: AlertState, evaluation: Evaluation, limit: Decimal, reason: str, message: str) -> AlertStep:
    """Close the open alert."""
    transition = _transition(state, TransitionKind.RESOLVED, state.severity, evaluation, limit, reason, message)
    closed = replace(state, severity=None, opened_at=None, normal_streak=0)
    return AlertStep(closed, (transition,), (reason,))


def _transition(
    state: AlertState,
    kind: TransitionKind,
    previous: Severity | None,
    evaluation: Evaluation,
    limit: Decimal,
    reason: str,
    message: str,
) -> AlertTransition:
    """Describe a transition of the alert held in ``state``."""
    if state.severity is None or state.opened_at is None:
        raise ValueError("a transition needs an open alert")
    return AlertTransition(
        kind=kind,
        channel_id=state.channel_id,
        rule_id=state.rule_id,
        severity=state.severity,
        previous_severity=previous,
        value=evaluation.value,
        limit=limit,
        at=evaluation.evaluated_at,
        opened_at=state.opened_at,
        reason=reason,
        message=message,
    )
