"""The one pipeline: validation, dead letters, idempotent storage, alerts that become tasks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ohs.monitoring.choices import AlertStatus, TaskStatus
from ohs.monitoring.ingest.evaluator import Evaluator
from ohs.monitoring.ingest.pipeline import Envelope, Pipeline, RawReading
from ohs.monitoring.models import Alert, DeadLetter, Reading, VerificationTask
from ohs.monitoring.tests.factories import make_device
from ohs.orgs.choices import OrgKind
from ohs.orgs.models import Organisation
from ohs.testing.personas import World


def _batch(code: str, readings: list[RawReading]) -> Envelope:
    return Envelope("http", "test", "{}", code, readings)


def test_ingest_stores_once_and_dead_letters_what_it_refuses(world: World) -> None:
    device = make_device(world.employers["A"])
    now = timezone.now()
    at = (now - dt.timedelta(minutes=1)).isoformat()
    good = RawReading("a34001", "1.5", "mg/m3", at)
    readings = [good, RawReading("a34001", "2", "dB", at), RawReading("nope", 1, "mg/m3", at),
                RawReading("LA", 70, "dB", (now + dt.timedelta(hours=1)).isoformat())]  # fmt: skip
    pipeline = Pipeline()
    first = pipeline.store([_batch(device.code, readings), _batch("UNKNOWN", [good])])
    again = pipeline.store([_batch(device.code, [good])])
    assert (first.added, again.added) == (1, 0)
    assert Reading.objects.filter(device_id=device.pk).count() == 1
    reasons = sorted(DeadLetter.objects.values_list("reason", flat=True))
    assert reasons == ["in_future", "unit_mismatch", "unknown_channel", "unknown_device"]


def test_dust_exceedance_becomes_alert_and_task_of_the_county_inspector(world: World) -> None:
    device = make_device(world.employers["A"])
    pipeline = Pipeline(evaluator=Evaluator())
    now = timezone.now()
    # 其他粉尘 PC-TWA 8 mg/m3: 60 mg/m3 is beyond 5 x PC-TWA, the peak rule's ceiling (GBZ 2.1-2019 6.3.3).
    pipeline.ingest([_batch(device.code, [RawReading("a34001", 60, "mg/m3", now.isoformat())])])
    alert = Alert.objects.get(device=device, rule_id="ceiling")
    assert alert.status == AlertStatus.OPEN
    task = VerificationTask.objects.get(alert=alert)
    enforcement = Organisation.objects.get(kind=OrgKind.ENFORCEMENT, region_id=device.county_id)
    assert (task.assignee_id, task.status) == (enforcement.pk, TaskStatus.DISPATCHED)
    assert task.due_at > now
    sc_tasks = world.client("sc_inspector").get("/api/v1/monitoring/tasks").json()["items"]
    hs_tasks = world.client("hs_inspector").get("/api/v1/monitoring/tasks").json()["items"]
    assert [t["id"] for t in sc_tasks] == [task.pk] and hs_tasks == []


@pytest.mark.parametrize("durable", [False, True])
def test_repeated_exceedance_keeps_one_open_alert(world: World, durable: bool) -> None:
    device = make_device(world.employers["A"])
    pipeline = Pipeline(evaluator=Evaluator(durable=durable))
    start = timezone.now() - dt.timedelta(minutes=10)
    for minute in range(5):
        at = (start + dt.timedelta(minutes=minute)).isoformat()
        pipeline.ingest([_batch(device.code, [RawReading("a34001", 60, "mg/m3", at)])])
    assert Alert.objects.filter(device=device, rule_id="ceiling").count() == 1
