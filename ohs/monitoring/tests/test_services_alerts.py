"""Alert transitions of a batch: written in bulk, each with its outbox event, in the order they happened."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ohs.core.models.audit import AuditEntry
from ohs.core.models.outbox import OutboxEvent
from ohs.monitoring.choices import AlertStatus
from ohs.monitoring.ingest.evaluator import Evaluator
from ohs.monitoring.ingest.pipeline import Envelope, Pipeline, RawReading
from ohs.monitoring.models import Alert, VerificationTask
from ohs.monitoring.rules.alerting import Severity
from ohs.monitoring.services import alerts
from ohs.monitoring.tests.factories import make_device
from ohs.orgs.choices import OrgKind
from ohs.orgs.models import Organisation
from ohs.testing.personas import World

# 其他粉尘, PC-TWA 8 mg/m3: the ceiling rule judges value / PC-TWA against 5 (GBZ 2.1-2019 6.3.3);
# the default policy warns at 80 % of it (32 mg/m3), alarms at it (40) and clears below 90 % of the
# warning level (28.8).
WARNING_DUST, ALARM_DUST, CLEAR_DUST = 34, 60, 1


def _dust(code: str, start: dt.datetime, *values: float) -> Envelope:
    readings = [
        RawReading("a34001", value, "mg/m3", (start + dt.timedelta(minutes=i)).isoformat())
        for i, value in enumerate(values)
    ]
    return Envelope("http", "test", "{}", code, readings)


def _events(after: int) -> list[tuple[str, dict[str, object]]]:
    rows = OutboxEvent.objects.filter(pk__gt=after, name__startswith="monitoring.").order_by("pk")
    return [(e.name, e.payload) for e in rows]


def _last_event() -> int:
    return OutboxEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_raise_escalate_and_resolve_in_one_batch_keep_their_order(world: World) -> None:
    device = make_device(world.employers["A"])
    before = _last_event()
    start = timezone.now() - dt.timedelta(minutes=5)
    Pipeline(evaluator=Evaluator()).ingest([_dust(device.code, start, WARNING_DUST, ALARM_DUST, CLEAR_DUST)])

    alert = Alert.objects.get(device=device, rule_id="ceiling")
    assert (alert.status, alert.severity) == (AlertStatus.RESOLVED, Severity.ALARM)
    task = VerificationTask.objects.get(alert=alert)
    events = _events(before)
    assert [name for name, _ in events] == [
        "monitoring.alert.raised",
        "monitoring.alert.escalated",
        "monitoring.warning.dispatched",
        "monitoring.alert.resolved",
    ]
    # Each payload is the alert as it was at that step, with the id it got when it was written.
    assert {payload["id"] for _, payload in events} == {alert.pk}
    assert [payload["severity"] for _, payload in events] == [Severity.WARNING, Severity.ALARM, Severity.ALARM,
                                                              Severity.ALARM]  # fmt: skip
    assert [payload["status"] for _, payload in events] == ["open", "open", "open", "resolved"]
    dispatched = events[2][1]
    assert (dispatched["task_id"], dispatched["assignee_id"]) == (task.pk, task.assignee_id)
    assert AuditEntry.objects.filter(object_type="monitoring.verificationtask", object_id=str(task.pk)).exists()


def test_a_stored_alert_escalates_and_each_county_gets_its_own_task(world: World) -> None:
    first, second = make_device(world.employers["A"]), make_device(world.employers["B"])
    pipeline = Pipeline(evaluator=Evaluator())
    start = timezone.now() - dt.timedelta(minutes=5)
    pipeline.ingest([_dust(first.code, start, WARNING_DUST)])
    warned = Alert.objects.get(device=first, rule_id="ceiling")
    assert not VerificationTask.objects.filter(alert=warned).exists()  # a warning alone is no risk warning
    before = _last_event()

    later = start + dt.timedelta(minutes=1)
    pipeline.ingest([_dust(first.code, later, ALARM_DUST), _dust(second.code, later, ALARM_DUST)])

    warned.refresh_from_db()
    assert (warned.status, warned.severity) == (AlertStatus.OPEN, Severity.ALARM)
    raised = Alert.objects.get(device=second, rule_id="ceiling")
    for alert, device in ((warned, first), (raised, second)):
        body = Organisation.objects.get(kind=OrgKind.ENFORCEMENT, region_id=device.county_id)
        assert VerificationTask.objects.get(alert=alert).assignee_id == body.pk
    assert first.county_id != second.county_id
    assert sorted((name, payload["id"]) for name, payload in _events(before)) == sorted([
        ("monitoring.alert.escalated", warned.pk), ("monitoring.warning.dispatched", warned.pk),
        ("monitoring.alert.raised", raised.pk), ("monitoring.warning.dispatched", raised.pk),
    ])  # fmt: skip


def test_a_reading_that_alerts_by_itself_is_written_before_the_rest_of_its_batch(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In one batch, A's 15-minute mean climbs past the peak rule's warning (a figure no single
    reading decides) and B sends one reading beyond the ceiling: B's alert is written first."""
    slow, fast = make_device(world.employers["A"]), make_device(world.employers["B"])
    calls: list[list[str]] = []
    real = alerts.record_alert_transitions

    def record(raised: Any, config: Any) -> int:
        calls.append([item.transition.rule_id for item in raised])
        return real(raised, config)

    monkeypatch.setattr(alerts, "record_alert_transitions", record)
    start = timezone.now() - dt.timedelta(minutes=20)
    below_ceiling = [30.0] * 15  # 30 mg/m3: under the ceiling's warning (32), over the peak's (19.2) in 15 min
    Pipeline(evaluator=Evaluator()).ingest(
        [_dust(slow.code, start, *below_ceiling), _dust(fast.code, start, ALARM_DUST)]
    )

    assert calls[0] == ["ceiling"] and len(calls) == 2 and set(calls[1]) == {"peak"}  # raised, then escalated
    assert Alert.objects.get(device=fast).created_at <= Alert.objects.get(device=slow).created_at
