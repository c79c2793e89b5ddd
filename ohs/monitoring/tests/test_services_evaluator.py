"""The streaming evaluator in its process: restored after a crash from checkpoint plus replay, and
checkpointed a slice at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from django.utils import timezone

from ohs.monitoring.choices import AlertStatus
from ohs.monitoring.config import get_config
from ohs.monitoring.ingest import evaluator as evaluator_module
from ohs.monitoring.ingest.evaluator import Evaluator, dump_runtime
from ohs.monitoring.ingest.pipeline import Envelope, Pipeline, RawReading
from ohs.monitoring.models import Alert, Channel, ChannelState, Device
from ohs.monitoring.tests.factories import make_device
from ohs.testing.personas import World

# mg/m3, one a minute; 45 is beyond 5 x PC-TWA of 其他粉尘, so an alert opens and later resolves.
DUST_VALUES = [2.0, 3.5, 45.0, 4.0, 2.5, 6.0, 3.0, 2.5, 2.0, 3.0]


def _envelope(code: str, at: dt.datetime, dust: float) -> Envelope:
    readings = [
        RawReading("a34001", dust, "mg/m3", at.isoformat()),
        RawReading("LA", 78 + dust / 10, "dB", at.isoformat()),
    ]
    return Envelope("http", "test", "{}", code, readings)


def _states(evaluator: Evaluator, device: Device) -> dict[str, dict[str, Any]]:
    channels = Channel.objects.filter(device=device, code__in=["a34001", "LA"]).values_list("pk", "code")
    return {code: dump_runtime(evaluator.runtime[pk]) for pk, code in channels}


def _alerts(device: Device) -> list[tuple[str, str]]:
    return sorted(Alert.objects.filter(device=device).values_list("rule_id", "status"))


def test_a_restarted_evaluator_continues_as_if_it_had_never_stopped(world: World) -> None:
    steady_device, crashed_device = make_device(world.employers["A"]), make_device(world.employers["A"])
    start = timezone.now() - dt.timedelta(minutes=len(DUST_VALUES) + 1)
    times = [start + dt.timedelta(minutes=i) for i in range(len(DUST_VALUES))]

    steady = Pipeline(evaluator=Evaluator())
    for at, value in zip(times, DUST_VALUES, strict=True):
        steady.ingest([_envelope(steady_device.code, at, value)])

    # The same readings from another device, through a process that checkpoints after three
    # batches, stores and evaluates four more and dies; its successor gets only the last three.
    crashed = Pipeline(evaluator=Evaluator())
    for at, value in zip(times[:7], DUST_VALUES[:7], strict=True):
        crashed.ingest([_envelope(crashed_device.code, at, value)])
        if at == times[2]:
            assert crashed.evaluator is not None and crashed.evaluator.maybe_checkpoint(force=True) == 2
    successor = Pipeline(evaluator=Evaluator())
    for at, value in zip(times[7:], DUST_VALUES[7:], strict=True):
        successor.ingest([_envelope(crashed_device.code, at, value)])

    assert steady.evaluator is not None and successor.evaluator is not None
    assert _states(successor.evaluator, crashed_device) == _states(steady.evaluator, steady_device)
    assert _alerts(crashed_device) == _alerts(steady_device) == [("ceiling", AlertStatus.RESOLVED)]


def test_checkpoints_are_written_oldest_first_a_slice_at_a_time(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    devices = [make_device(world.employers["A"]) for _ in range(2)]
    monkeypatch.setattr(evaluator_module, "CHECKPOINT_CHUNK", 2)
    evaluator = Evaluator(replace(get_config(), checkpoint_every=dt.timedelta(hours=1)))
    pipeline = Pipeline(evaluator=evaluator)
    at = timezone.now() - dt.timedelta(minutes=1)
    pipeline.ingest([_envelope(devices[0].code, at, 2.0)])  # its two channels change first
    pipeline.ingest([_envelope(devices[1].code, at, 2.0)])
    first = list(evaluator.dirty)
    assert len(first) == 4 and not ChannelState.objects.exists()

    evaluator.config = replace(evaluator.config, checkpoint_every=dt.timedelta(0))  # all of them are due now
    assert evaluator.maybe_checkpoint() == 2
    assert set(ChannelState.objects.values_list("channel_id", flat=True)) == set(first[:2])
    assert evaluator.maybe_checkpoint() == 2
    assert evaluator.maybe_checkpoint() == 0 and not evaluator.dirty
    assert ChannelState.objects.count() == 4


def test_no_checkpoint_before_its_interval_unless_forced(world: World) -> None:
    device = make_device(world.employers["A"])
    evaluator = Evaluator(replace(get_config(), checkpoint_every=dt.timedelta(hours=1)))
    Pipeline(evaluator=evaluator).ingest([_envelope(device.code, timezone.now() - dt.timedelta(minutes=1), 2.0)])
    assert evaluator.maybe_checkpoint() == 0
    assert evaluator.maybe_checkpoint(force=True) == 2
