"""Online / offline from data gaps and heartbeats (rules/availability.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from ohs.core.events import emit
from ohs.monitoring.choices import DeviceStatus
from ohs.monitoring.config import get_config
from ohs.monitoring.models import Device
from ohs.monitoring.rules.availability import OfflinePolicy, device_status


def refresh_device_status(now: dt.datetime) -> int:
    """Mark devices silent for k intervals offline (and back online is ingest's job); returns changes."""
    k = get_config().offline_after_intervals
    tz = ZoneInfo(settings.TIME_ZONE)
    changed = []
    for device in (
        Device.objects.filter(is_active=True)
        .exclude(status=DeviceStatus.OFFLINE)
        .only("pk", "installed_on", "last_seen_at", "heartbeat_seconds", "status", "county_id")
    ):
        status = device_status(
            device_id=str(device.pk),
            installed_at=dt.datetime.combine(device.installed_on, dt.time(), tzinfo=tz),
            last_seen_at=device.last_seen_at,
            now=now,
            policy=OfflinePolicy(dt.timedelta(seconds=device.heartbeat_seconds), k),
        )
        if not status.is_online:
            device.status = DeviceStatus.OFFLINE
            changed.append(device)
    with transaction.atomic():
        Device.objects.bulk_update(changed, ["status"], batch_size=1000)
        for device in changed:
            emit("monitoring.device.offline", {"id": device.pk, "county": device.county_id})
    return len(changed)
