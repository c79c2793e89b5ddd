"""The readings table on PostgreSQL itself: day partitions made ahead, dropped whole by retention,
minute aggregates kept for their own longer retention."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone
from freezegun import freeze_time

from ohs.monitoring import storage
from ohs.monitoring.config import get_config
from ohs.monitoring.models import Channel, MinuteAggregate, Reading
from ohs.monitoring.storage import StoredReading
from ohs.monitoring.tasks import maintain_partitions
from ohs.monitoring.tests.factories import make_device
from ohs.testing.personas import World

pytestmark = pytest.mark.postgres_only


def _at(day: dt.date, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, minute), tzinfo=dt.UTC)


def test_partitions_are_made_ahead_and_raw_data_goes_by_retention_while_aggregates_stay(world: World) -> None:
    config = get_config()
    device = make_device(world.employers["A"])
    channel = Channel.objects.get(device=device, code="a34001")
    today = timezone.now().date()
    later = today + dt.timedelta(days=3)  # the job runs three nights on: three new days to make ahead
    cutoff = later - config.raw_retention
    old, kept = cutoff - dt.timedelta(days=1), cutoff  # the last day past retention, the first one within
    storage.ensure_partitions(connection, old, kept)  # as they were made when those days came
    ancient = cutoff - dt.timedelta(days=400)  # before any partition: the default partition holds it
    days = (ancient, old, kept)
    storage.write_readings(
        [StoredReading(channel.pk, device.pk, _at(day, m), 2.0 + m) for day in days for m in range(3)]
    )
    for day in days:
        storage.roll_up_minutes(_at(day), _at(day, 3))
    expired_minute = timezone.now() - config.aggregate_retention - dt.timedelta(days=1)
    MinuteAggregate.objects.create(channel=channel, minute=expired_minute, count=1, mean=1, minimum=1, maximum=1)

    with freeze_time(dt.datetime.combine(later, dt.time(1, 10), tzinfo=dt.UTC)):
        result = maintain_partitions.call()
    ahead = [storage.partition_name(later + dt.timedelta(days=n)) for n in range(config.partitions_ahead_days + 1)]
    assert set(ahead) <= set(storage.existing_partitions(connection))
    assert set(ahead[-3:]) <= set(result["created"])

    assert storage.partition_name(old) in result["dropped"]
    assert all(name < storage.partition_name(cutoff) for name in result["dropped"])
    assert storage.partition_name(kept) in storage.existing_partitions(connection)
    remaining = set(Reading.objects.filter(channel=channel).values_list("measured_at__date", flat=True))
    assert remaining == {kept}  # the old day's partition and the default partition's old rows are gone

    minutes = MinuteAggregate.objects.filter(channel=channel)
    assert {m.date() for m in minutes.values_list("minute", flat=True)} == {ancient, old, kept}
    assert minutes.filter(minute__date=old).count() == 3  # the raw data went, its minutes outlive it
    assert result["aggregates_dropped"] == 1
    assert config.aggregate_retention > config.raw_retention
