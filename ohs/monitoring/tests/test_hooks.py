"""What monitoring tells other apps: covered inspection items and risk-profile inputs, batched."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ohs.core.profile_inputs import collect_profile_inputs
from ohs.core.supervision import covered_items
from ohs.monitoring.choices import DeviceStatus
from ohs.monitoring.ingest.evaluator import Evaluator
from ohs.monitoring.ingest.pipeline import Envelope, Pipeline, RawReading
from ohs.monitoring.models import Device
from ohs.monitoring.tests.factories import make_device
from ohs.registry.models import Employer
from ohs.testing.personas import World
from ohs.testing.queries import query_budget


def test_items_are_covered_when_every_listed_kind_is_monitored(world: World) -> None:
    a, b = world.employers["A"], world.employers["B"]
    make_device(a, with_gas=True)  # noise, dust, heat and gas
    make_device(b)  # no gas: OH04 / OH06 list "noise dust gas heat"
    with query_budget(1):
        covered = covered_items([a.pk, b.pk])
    assert covered == {a.pk: frozenset({"OH04", "OH06"})}
    pool = Employer.objects.filter(pk__in=[a.pk, b.pk]).values("pk")  # a draw's pool, as a subquery
    with query_budget(1):
        assert covered_items(pool) == covered


def test_profile_inputs_count_open_alerts_and_offline_devices(world: World) -> None:
    a, b = world.employers["A"], world.employers["B"]
    alerted = make_device(a)
    make_device(b)
    Device.objects.filter(employer=b).update(status=DeviceStatus.OFFLINE)
    reading = RawReading("a34001", 60, "mg/m3", timezone.now().isoformat())
    Pipeline(evaluator=Evaluator()).ingest([Envelope("http", "t", "", alerted.code, [reading])])
    inputs = collect_profile_inputs([a.pk, b.pk], dt.date(2026, 11, 30))
    assert inputs[a.pk]["monitoring_alerts_open"] == 1 and inputs[a.pk]["devices_offline"] == 0
    assert inputs[b.pk]["monitoring_alerts_open"] == 0 and inputs[b.pk]["devices_offline"] == 1
