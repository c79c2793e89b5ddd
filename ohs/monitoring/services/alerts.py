"""Alerts from the evaluator, and the risk warnings they become (风险预警 -> 核查处置 task)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ohs.core import audit
from ohs.core.actor import SYSTEM_ACTOR, Actor
from ohs.core.calendar import get_calendar
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.audit import AuditAction
from ohs.core.rules.workdays import UnknownCalendarYear
from ohs.monitoring.choices import AlertStatus
from ohs.monitoring.config import MonitoringConfig
from ohs.monitoring.models import Alert, VerificationTask
from ohs.monitoring.rules.alert_policy import needs_action
from ohs.monitoring.rules.alerting import Severity, TransitionKind
from ohs.orgs.choices import OrgKind
from ohs.orgs.models import Organisation

if TYPE_CHECKING:
    from ohs.monitoring.ingest.evaluator import RaisedTransition

_SATURDAY = 5  # date.weekday(): 5 and 6 are the weekend


def record_alert_transitions(raised: Sequence[RaisedTransition], config: MonitoringConfig) -> int:
    """Write raised / escalated / resolved alerts in one transaction; de-duplicated on the open alert."""
    with transaction.atomic():
        open_alerts = {
            (a.channel_id, a.rule_id): a
            for a in Alert.objects.filter(
                status=AlertStatus.OPEN, channel_id__in={r.channel_id for r in raised}
            ).select_related("task")
        }
        written = 0
        for item in raised:
            key = (item.channel_id, item.transition.rule_id)
            written += _apply(item, open_alerts, key, config)
        return written


def _apply(item: RaisedTransition, open_alerts: dict[Any, Alert], key: Any, config: MonitoringConfig) -> int:
    transition, alert = item.transition, open_alerts.get(key)
    if transition.kind is TransitionKind.RESOLVED:
        if alert is None:
            return 0
        alert.status, alert.resolved_at = AlertStatus.RESOLVED, transition.at
        alert.save(update_fields=["status", "resolved_at"])
        del open_alerts[key]
        emit("monitoring.alert.resolved", _payload(alert))
        return 1
    if alert is None:
        alert = _open_alert(item)
        open_alerts[key] = alert
    elif transition.severity > alert.severity:
        alert.severity, alert.value, alert.limit = (
            int(transition.severity),
            float(transition.value),
            float(transition.limit),
        )
        alert.message = transition.message[:300]
        alert.save(update_fields=["severity", "value", "limit", "message"])
        emit("monitoring.alert.escalated", _payload(alert))
    else:
        return 0
    if needs_action(Severity(alert.severity), config.alerts) and not hasattr(alert, "task"):
        dispatch_warning(alert, config)
    return 1


def _open_alert(item: RaisedTransition) -> Alert:
    transition = item.transition
    alert = Alert.objects.create(
        channel_id=item.channel_id,
        device_id=item.device_id,
        owner_id=item.owner_id,
        county_id=item.county_id,
        rule_id=transition.rule_id,
        severity=int(transition.severity),
        value=float(transition.value),
        limit=float(transition.limit),
        message=transition.message[:300],
        opened_at=transition.opened_at,
    )
    emit("monitoring.alert.raised", _payload(alert))
    return alert


def _payload(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.pk,
        "device_id": alert.device_id,
        "channel_id": alert.channel_id,
        "county": alert.county_id,
        "rule": alert.rule_id,
        "severity": alert.severity,
        "value": alert.value,
        "limit": alert.limit,
        "opened_at": alert.opened_at.isoformat(),
        "status": alert.status,
    }


def due_at_for(dispatched_at: dt.datetime, working_days: int) -> dt.datetime:
    """End of the N-th working day after dispatch (holidays and make-up days from the calendar)."""
    tz = ZoneInfo(settings.TIME_ZONE)
    day = dispatched_at.astimezone(tz).date()
    try:
        due = get_calendar().add_working_days(day, working_days)
    except UnknownCalendarYear:
        # The province has not entered next year's holiday notice yet: count weekdays only.
        due = day
        for _ in range(working_days):
            due += dt.timedelta(days=1)
            while due.weekday() >= _SATURDAY:
                due += dt.timedelta(days=1)
    return dt.datetime.combine(due, dt.time(23, 59, 59), tzinfo=tz)


def enforcement_body(county_id: str) -> Organisation | None:
    """The county's health supervision body (the queue a warning goes to)."""
    return Organisation.objects.filter(kind=OrgKind.ENFORCEMENT, region_id=county_id, is_active=True).first()


def dispatch_warning(alert: Alert, config: MonitoringConfig) -> VerificationTask:
    """风险预警: the alert becomes a verification task in the county enforcement body's queue."""
    now = timezone.now()
    task = VerificationTask.objects.create(
        alert=alert,
        county_id=alert.county_id,
        assignee=enforcement_body(alert.county_id),
        dispatched_at=now,
        due_at=due_at_for(now, config.verification_working_days),
    )
    alert.task = task
    audit.record_created(SYSTEM_ACTOR, task)
    emit(
        "monitoring.warning.dispatched",
        {**_payload(alert), "task_id": task.pk, "assignee_id": task.assignee_id, "due_at": task.due_at.isoformat()},
    )
    return task


def answer_alert(*, actor: Actor, alert: Alert, text: str) -> Alert:
    """The employer explains an alert (cause, measures taken)."""
    text = text.strip()
    if not text:
        raise DomainError(ErrorCode.INVALID, "write what happened and what was done", field="text")
    with transaction.atomic():
        before = audit.snapshot(alert, ["employer_response"])
        alert.employer_response, alert.responded_at = text, timezone.now()
        alert.save(update_fields=["employer_response", "responded_at"])
        audit.record(actor, AuditAction.UPDATE, obj=alert, changes=audit.diff(before, {"employer_response": text}))
        emit("monitoring.alert.answered", {"id": alert.pk, "text": text})
    return alert
