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
    # Levels on a logarithmic or interval scale take offsets, not ratios: 3 dB is half / double the
    # sound energy (the dose), and a WBGT 2 C below the limit is where heat measures start to matter.
    noise_offset_db: Decimal = Decimal(3)
    heat_warning_offset_c: Decimal = Decimal(2)
    heat_critical_offset_c: Decimal = Decimal(3)


DEFAULT_POLICY = AlertPolicy()


NOISE_RULES = frozenset({"lex8h"})  # L_EX,8h in dB(A)
HEAT_RULES = frozenset({"wbgt"})  # WBGT in degrees C


def _levels(rule_id: str, limit: Decimal, policy: AlertPolicy) -> tuple[Decimal, Decimal, Decimal]:
    """Warning, alarm and critical level of a rule."""
    if rule_id in NOISE_RULES:
        return limit - policy.noise_offset_db, limit, limit + policy.noise_offset_db
    if rule_id in HEAT_RULES:
        return limit - policy.heat_warning_offset_c, limit, limit + policy.heat_critical_offset_c
    return limit * policy.approach_ratio, limit, limit * policy.critical_multiple


def rule_for(rule_id: str, limit: float, policy: AlertPolicy = DEFAULT_POLICY) -> AlertRule:
    """The alert rule of one stream compared with ``limit``."""
    warning, alarm, critical = _levels(rule_id, Decimal(str(limit)), policy)
    return AlertRule(
        rule_id=rule_id,
        thresholds=(
            Threshold(Severity.WARNING, warning),
            Threshold(Severity.ALARM, alarm),
            Threshold(Severity.CRITICAL, critical),
        ),
        hysteresis_ratio=policy.hysteresis_ratio,
        clear_after_normal_count=policy.clear_after_normal_count,
    )


def needs_action(severity: Severity, policy: AlertPolicy = DEFAULT_POLICY) -> bool:
    """Whether an alert of this severity becomes a risk warning for the enforcement body."""
    return severity >= policy.action_severity
