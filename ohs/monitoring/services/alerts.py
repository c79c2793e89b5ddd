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
from ohs.core.events import emit, emit_many
from ohs.core.models.audit import AuditAction
from ohs.core.rules.workdays import UnknownCalendarYear
from ohs.monitoring.choices import AlertStatus
from ohs.monitoring.config import MonitoringConfig
from ohs.monitoring.models import Alert, Channel, VerificationTask
from ohs.monitoring.rules.alert_policy import needs_action
from ohs.monitoring.rules.alerting import Severity, TransitionKind
from ohs.orgs.choices import OrgKind
from ohs.orgs.models import Organisation

if TYPE_CHECKING:
    from ohs.monitoring.ingest.evaluator import RaisedTransition

_SATURDAY = 5  # date.weekday(): 5 and 6 are the weekend


def record_alert_transitions(raised: Sequence[RaisedTransition], config: MonitoringConfig) -> int:
    """Write raised / escalated / resolved alerts in one transaction; de-duplicated on the open alert.

    A batch of ingest may hold many transitions: they are applied in memory, in order, then written
    with a statement per table (alerts, their tasks, audit, outbox), so a batch with alerts costs
    the ingest loop a few round trips, not a dozen per alert."""
    with transaction.atomic():
        batch = _AlertBatch(config)
        batch.load_open({r.channel_id for r in raised})
        written = sum(batch.apply(item) for item in raised)
        batch.write()
        return written


class _AlertBatch:
    """The transitions of one batch, applied to the open alerts, then written in bulk."""

    def __init__(self, config: MonitoringConfig) -> None:
        self.config = config
        self.open: dict[tuple[int, str], Alert] = {}
        self.created: list[Alert] = []  # new alerts (they may be escalated or resolved before they are written)
        self.changed: dict[int, Alert] = {}  # stored alerts escalated or resolved, by id
        self.dispatch: list[Alert] = []  # alerts that become a warning (a verification task)
        self._dispatching: set[int] = set()  # id() of those: a new alert has no pk to tell it by
        # (event, alert, payload so far): payloads are completed once the rows have ids
        self.events: list[tuple[str, Alert, dict[str, Any]]] = []

    def load_open(self, channel_ids: set[int]) -> None:
        found = Alert.objects.filter(status=AlertStatus.OPEN, channel_id__in=channel_ids).select_related("task")
        self.open = {(a.channel_id, a.rule_id): a for a in found}

    def apply(self, item: RaisedTransition) -> int:
        transition = item.transition
        key = (item.channel_id, transition.rule_id)
        alert = self.open.get(key)
        if transition.kind is TransitionKind.RESOLVED:
            if alert is None:
                return 0
            alert.status, alert.resolved_at = AlertStatus.RESOLVED, transition.at
            del self.open[key]
            self._touch(alert, "monitoring.alert.resolved")
            return 1
        if alert is None:
            alert = self.open[key] = _new_alert(item)
            self.created.append(alert)
            self._touch(alert, "monitoring.alert.raised")
        elif transition.severity > alert.severity:
            alert.severity, alert.value, alert.limit = (
                int(transition.severity),
                float(transition.value),
                float(transition.limit),
            )
            alert.message = transition.message[:300]
            self._touch(alert, "monitoring.alert.escalated")
        else:
            return 0
        if needs_action(Severity(alert.severity), self.config.alerts) and self._without_task(alert):
            self.dispatch.append(alert)
            self._dispatching.add(id(alert))
            self.events.append(("monitoring.warning.dispatched", alert, _payload(alert)))
        return 1

    def _without_task(self, alert: Alert) -> bool:
        if id(alert) in self._dispatching:
            return False
        return alert.pk is None or not hasattr(alert, "task")  # stored ones were loaded with their task

    def _touch(self, alert: Alert, event: str) -> None:
        if alert.pk is not None:
            self.changed[alert.pk] = alert
        self.events.append((event, alert, _payload(alert)))

    def write(self) -> None:
        moment = timezone.now()  # when the platform stored them (alert latency is measured to this)
        for alert in self.created:
            alert.created_at = moment
        Alert.objects.bulk_create(self.created)
        if self.changed:
            fields = ["severity", "value", "limit", "message", "status", "resolved_at"]
            Alert.objects.bulk_update(list(self.changed.values()), fields)
        tasks = _dispatch_warnings(self.dispatch, self.config, moment)
        emit_many([(name, _event_payload(name, alert, payload, tasks)) for name, alert, payload in self.events])


def _new_alert(item: RaisedTransition) -> Alert:
    transition = item.transition
    return Alert(
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


def _event_payload(
    name: str, alert: Alert, payload: dict[str, Any], tasks: dict[int, VerificationTask]
) -> dict[str, Any]:
    """The payload as it was at the transition, with the ids the rows got when they were written."""
    if name != "monitoring.warning.dispatched":
        return {**payload, "id": alert.pk}
    task = tasks[alert.pk]
    return {
        **payload,
        "id": alert.pk,
        "task_id": task.pk,
        "assignee_id": task.assignee_id,
        "due_at": task.due_at.isoformat(),
    }


def _dispatch_warnings(alerts: list[Alert], config: MonitoringConfig, now: dt.datetime) -> dict[int, VerificationTask]:
    """风险预警: each alert becomes a verification task in its county enforcement body's queue."""
    if not alerts:
        return {}
    bodies: dict[str, Organisation | None] = {}
    due = due_at_for(now, config.verification_working_days)
    tasks = []
    for alert in alerts:
        if alert.county_id not in bodies:
            bodies[alert.county_id] = enforcement_body(alert.county_id)
        tasks.append(
            VerificationTask(
                alert=alert, county_id=alert.county_id, assignee=bodies[alert.county_id], dispatched_at=now, due_at=due
            )
        )
    VerificationTask.objects.bulk_create(tasks)
    channels = Channel.objects.in_bulk({a.channel_id for a in alerts})
    for alert, task in zip(alerts, tasks, strict=True):
        alert.channel = channels[alert.channel_id]  # the audit row names the alert by its channel's unit
        alert.task = task
    audit.record_created_many(SYSTEM_ACTOR, tasks)
    return {task.alert_id: task for task in tasks}


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
