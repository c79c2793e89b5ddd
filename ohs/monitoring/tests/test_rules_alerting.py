"""Alert state machine: raise, de-duplicate, escalate, resolve with hysteresis; state restores."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.monitoring.rules.alerting import (
    AlertRule,
    AlertState,
    Direction,
    Evaluation,
    Severity,
    Threshold,
    TransitionKind,
    evaluate_alert,
    evaluate_alerts,
)

T0 = datetime(2024, 3, 15, 2, 0, tzinfo=UTC)
# TSP in mg/m3: warning at 0.8, alarm at 1.0, critical at 2.0; clear below 0.8 x 0.9 = 0.72 or after 3 normals.
TSP_RULE = AlertRule(
    rule_id="tsp-oel",
    thresholds=(
        Threshold(Severity.WARNING, Decimal("0.8")),
        Threshold(Severity.ALARM, Decimal("1.0")),
        Threshold(Severity.CRITICAL, Decimal("2.0")),
    ),
    hysteresis_ratio=Decimal("0.1"),
    clear_after_normal_count=3,
)
# Oxygen in %: warning at or below 19.5, critical at or below 18.0; clear above 19.5 x 1.02 = 19.89.
OXYGEN_RULE = AlertRule(
    rule_id="o2-deficiency",
    thresholds=(Threshold(Severity.WARNING, Decimal("19.5")), Threshold(Severity.CRITICAL, Decimal("18.0"))),
    hysteresis_ratio=Decimal("0.02"),
    clear_after_normal_count=5,
    direction=Direction.BELOW,
)


def _evaluations(*values: str) -> list[Evaluation]:
    return [Evaluation(Decimal(v), T0 + timedelta(minutes=i)) for i, v in enumerate(values)]


def _fresh(rule: AlertRule = TSP_RULE) -> AlertState:
    return AlertState(channel_id="ch-1", rule_id=rule.rule_id)


def test_evaluate_alerts_worked_example_raises_escalates_and_resolves_below_clear_level() -> None:
    step = evaluate_alerts(
        _fresh(),
        TSP_RULE,
        _evaluations("0.5", "0.85", "0.9", "1.1", "0.95", "0.75", "0.79", "0.85", "0.75", "0.71", "0.85"),
    )
    assert step.reasons == (
        "normal",
        "limit_reached",
        "already_open",
        "more_severe_limit_reached",
        "already_open",
        "in_hysteresis_band",
        "in_hysteresis_band",
        "already_open",
        "in_hysteresis_band",
        "past_clear_level",
        "limit_reached",
    )
    raised, escalated, resolved, raised_again = step.transitions
    assert (raised.kind, raised.severity, raised.limit) == (TransitionKind.RAISED, Severity.WARNING, Decimal("0.8"))
    assert (escalated.kind, escalated.severity, escalated.previous_severity) == (
        TransitionKind.ESCALATED,
        Severity.ALARM,
        Severity.WARNING,
    )
    assert escalated.opened_at == raised.at == T0 + timedelta(minutes=1)
    assert (resolved.kind, resolved.severity, resolved.limit) == (
        TransitionKind.RESOLVED,
        Severity.ALARM,
        Decimal("0.72"),
    )
    assert raised_again.kind is TransitionKind.RAISED and raised_again.opened_at == T0 + timedelta(minutes=10)
    assert step.state.is_open and step.state.severity is Severity.WARNING


def test_evaluate_alerts_when_value_hovers_in_band_resolves_after_n_normals() -> None:
    step = evaluate_alerts(_fresh(), TSP_RULE, _evaluations("1.0", "0.79", "0.78", "0.77"))
    assert [t.kind for t in step.transitions] == [TransitionKind.RAISED, TransitionKind.RESOLVED]
    assert step.transitions[-1].reason == "normal_streak_reached"
    assert not step.state.is_open and step.state.normal_streak == 0


def test_evaluate_alert_at_exactly_the_limit_raises() -> None:
    step = evaluate_alert(_fresh(), TSP_RULE, Evaluation(Decimal("2.0"), T0))
    assert [(t.kind, t.severity) for t in step.transitions] == [(TransitionKind.RAISED, Severity.CRITICAL)]


def test_evaluate_alerts_with_lower_limit_raises_below_and_clears_above() -> None:
    step = evaluate_alerts(_fresh(OXYGEN_RULE), OXYGEN_RULE, _evaluations("20.9", "19.5", "17.9", "19.8", "19.9"))
    assert [(t.kind, t.severity) for t in step.transitions] == [
        (TransitionKind.RAISED, Severity.WARNING),
        (TransitionKind.ESCALATED, Severity.CRITICAL),
        (TransitionKind.RESOLVED, Severity.CRITICAL),
    ]
    assert step.reasons[3] == "in_hysteresis_band"
    assert OXYGEN_RULE.clear_level == Decimal("19.890")


def test_evaluate_alert_when_not_newer_than_last_ignores_it() -> None:
    step = evaluate_alerts(
        _fresh(),
        TSP_RULE,
        [
            Evaluation(Decimal("1.5"), T0),
            Evaluation(Decimal("0.1"), T0),
            Evaluation(Decimal("0.1"), T0 - timedelta(seconds=1)),
        ],
    )
    assert step.reasons == ("limit_reached", "stale_evaluation", "stale_evaluation")
    assert step.state.is_open


def test_evaluate_alert_when_state_of_other_rule_raises() -> None:
    with pytest.raises(ValueError, match="rule"):
        evaluate_alert(_fresh(OXYGEN_RULE), TSP_RULE, Evaluation(Decimal(1), T0))


@pytest.mark.parametrize(
    "changes",
    [
        {"thresholds": ()},
        {"thresholds": (Threshold(Severity.ALARM, Decimal(1)), Threshold(Severity.ALARM, Decimal(2)))},
        {"thresholds": (Threshold(Severity.WARNING, Decimal(2)), Threshold(Severity.ALARM, Decimal(1)))},
        {"thresholds": (Threshold(Severity.WARNING, Decimal(1)), Threshold(Severity.ALARM, Decimal(1)))},
        {"thresholds": (Threshold(Severity.WARNING, Decimal("NaN")),)},
        {"hysteresis_ratio": Decimal(1)},
        {"hysteresis_ratio": Decimal("-0.1")},
        {"clear_after_normal_count": 0},
    ],
)
def test_alert_rule_when_inconsistent_raises(changes: dict[str, object]) -> None:
    arguments: dict[str, object] = {
        "rule_id": "r",
        "thresholds": TSP_RULE.thresholds,
        "hysteresis_ratio": Decimal("0.1"),
        "clear_after_normal_count": 2,
        **changes,
    }
    with pytest.raises(ValueError):
        AlertRule(**arguments)  # type: ignore[arg-type]


def test_evaluation_when_not_finite_raises() -> None:
    with pytest.raises(ValueError, match="finite"):
        Evaluation(Decimal("NaN"), T0)


values = st.lists(st.decimals(min_value=0, max_value=3, places=2, allow_nan=False, allow_infinity=False), max_size=40)


@given(values)
def test_transitions_follow_raise_escalate_resolve_and_never_duplicate(series: list[Decimal]) -> None:
    step = evaluate_alerts(_fresh(), TSP_RULE, _evaluations(*map(str, series)))
    kinds = "".join({"raised": "R", "escalated": "E", "resolved": "X"}[t.kind] for t in step.transitions)
    assert re.fullmatch(r"(RE*X)*(RE*)?", kinds), kinds
    assert step.state.is_open is kinds.endswith(("R", "E"))
    open_severity = None
    for transition in step.transitions:
        if transition.kind is TransitionKind.ESCALATED:
            assert open_severity is not None and transition.severity > open_severity
        if transition.kind is TransitionKind.RESOLVED:
            assert transition.value < TSP_RULE.entry.limit
            open_severity = None
        else:
            assert transition.value >= transition.limit
            open_severity = transition.severity


@given(values, st.integers(0, 40))
def test_stored_state_resumes_exactly_where_it_stopped(series: list[Decimal], cut: int) -> None:
    evaluations = _evaluations(*map(str, series))
    whole = evaluate_alerts(_fresh(), TSP_RULE, evaluations)
    first = evaluate_alerts(_fresh(), TSP_RULE, evaluations[:cut])
    rest = evaluate_alerts(first.state, TSP_RULE, evaluations[cut:])
    assert first.transitions + rest.transitions == whole.transitions
    assert rest.state == whole.state


@given(st.lists(st.decimals(min_value=1, max_value=3, places=2), min_size=1, max_size=20))
def test_values_always_over_the_limit_raise_once(series: list[Decimal]) -> None:
    step = evaluate_alerts(_fresh(), TSP_RULE, _evaluations(*map(str, series)))
    assert [t.kind for t in step.transitions].count(TransitionKind.RAISED) == 1
