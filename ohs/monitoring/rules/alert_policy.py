"""The alert rule of each evaluated stream: when to warn, alarm and escalate, and when to clear.

The limits themselves come from the hazard catalogue (reference/oel_*.csv, noise_heat.csv);
the ratios below are the platform's policy, not a standard's figure, and an operator may
override them (settings ``OHS_MONITORING``); ``AlertPolicy`` carries them as data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ohs.monitoring.rules.alerting import AlertRule, Severity, Threshold

RULE_VERSION = "monitoring.alert_policy/1"


@dataclass(frozen=True, slots=True)
class AlertPolicy:
    """Warn on approach, alarm at the limit, critical well past it; clear with hysteresis."""

    approach_ratio: Decimal = Decimal("0.8")  # 预警 at 80 % of the limit: time to act before exceeding
    critical_multiple: Decimal = Decimal(2)  # twice the limit: immediate dispatch
    hysteresis_ratio: Decimal = Decimal("0.1")  # clear below 90 % of the warning level
    clear_after_normal_count: int = 5  # or after five evaluations in a row under every threshold
    action_severity: Severity = Severity.ALARM  # from this severity on, an alert becomes a risk warning


DEFAULT_POLICY = AlertPolicy()


def rule_for(rule_id: str, limit: float, policy: AlertPolicy = DEFAULT_POLICY) -> AlertRule:
    """The alert rule of one stream compared with ``limit``."""
    at_limit = Decimal(str(limit))
    return AlertRule(
        rule_id=rule_id,
        thresholds=(
            Threshold(Severity.WARNING, at_limit * policy.approach_ratio),
            Threshold(Severity.ALARM, at_limit),
            Threshold(Severity.CRITICAL, at_limit * policy.critical_multiple),
        ),
        hysteresis_ratio=policy.hysteresis_ratio,
        clear_after_normal_count=policy.clear_after_normal_count,
    )


def needs_action(severity: Severity, policy: AlertPolicy = DEFAULT_POLICY) -> bool:
    """Whether an alert of this severity becomes a risk warning for the enforcement body."""
    return severity >= policy.action_severity
