"""The read side of monitoring: always through the actor's scope."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet

from ohs.core.actor import Actor
from ohs.core.querysets import Action, ScopedQuerySet
from ohs.monitoring.config import get_config
from ohs.monitoring.models import (
    Alert,
    Channel,
    DeadLetter,
    Device,
    MinuteAggregate,
    Reading,
    VerificationTask,
)
from ohs.monitoring.rules.availability import (
    DeviceMonth,
    DeviceOfflineRate,
    GroupOfflineRate,
    OfflinePolicy,
    OfflineTarget,
    compute_offline_rate,
    month_window,
    rate_by_entity,
    rate_by_region,
)
from ohs.monitoring.rules.rates import RegionRates, WarningRecord, compute_rates

# seed 001 item 10.1: 接入对象每月离线率不高于5%
OFFLINE_TARGET = OfflineTarget(Decimal("0.05"), "seed 001 item 10.1: monthly offline rate at most 5 %")
CHART_POINTS = 720  # the live chart shows at most the last 720 readings of a channel


def list_devices_for(actor: Actor) -> ScopedQuerySet[Any]:
    """Devices the actor may see, with what a list row shows."""
    return Device.objects.for_actor(actor).select_related("county", "employer")


def get_device_for(actor: Actor, device_id: int, action: Action = Action.VIEW) -> Device:
    return Device.objects.select_related("county", "employer").get_for(actor, action, pk=device_id)


def list_alerts_for(actor: Actor) -> ScopedQuerySet[Any]:
    return Alert.objects.for_actor(actor).select_related("device", "channel", "county")


def get_alert_for(actor: Actor, alert_id: int, action: Action = Action.VIEW) -> Alert:
    return Alert.objects.select_related("device", "channel", "county").get_for(actor, action, pk=alert_id)


def list_tasks_for(actor: Actor) -> ScopedQuerySet[Any]:
    return VerificationTask.objects.for_actor(actor).select_related("alert__device", "alert__channel", "county")


def get_task_for(actor: Actor, task_id: int, action: Action = Action.VIEW) -> VerificationTask:
    return VerificationTask.objects.select_related("alert__device", "alert__channel", "county").get_for(
        actor, action, pk=task_id
    )


def list_dead_letters_for(actor: Actor) -> QuerySet[DeadLetter]:
    return DeadLetter.objects.for_actor(actor)


def get_dead_letter_for(actor: Actor, letter_id: int, action: Action = Action.VIEW) -> DeadLetter:
    return DeadLetter.objects.get_for(actor, action, pk=letter_id)


def chart_series(device: Device, since: dt.datetime | None = None) -> dict[str, object]:
    """The device's channels with their latest readings, oldest first (one query per channel)."""
    series = []
    for channel in Channel.objects.filter(device=device).order_by("pk"):
        rows = Reading.objects.filter(channel_id=channel.pk)
        if since is not None:
            rows = rows.filter(measured_at__gt=since)
        points = list(rows.order_by("-measured_at").values_list("measured_at", "value")[:CHART_POINTS])
        points.reverse()
        series.append(
            {
                "channel": channel.code,
                "quantity": channel.get_quantity_display(),
                "unit": channel.unit,
                "limit": float(channel.twa_limit or channel.mac_limit or 0) or None,
                "points": [[at.isoformat(), value] for at, value in points],
            }
        )
    return {"device": device.code, "series": series}


def warning_rates(actor: Actor, now: dt.datetime) -> dict[str, RegionRates]:
    """Timeliness and disposal per county of the warnings the actor sees (one query)."""
    rows = list_tasks_for(actor).values_list("county_id", "due_at", "handled_at")
    return compute_rates((WarningRecord(c, due, handled) for c, due, handled in rows), now=now)


def offline_rates(
    actor: Actor, now: dt.datetime
) -> tuple[list[DeviceOfflineRate], tuple[GroupOfflineRate, ...], tuple[GroupOfflineRate, ...]]:
    """This month's offline rate per device, entity and region, from the minute aggregates (two queries)."""
    tz = ZoneInfo(settings.TIME_ZONE)
    month = month_window(now.astimezone(tz).year, now.astimezone(tz).month, tz)
    devices = list(list_devices_for(actor).filter(is_active=True))
    minutes: dict[int, set[dt.datetime]] = defaultdict(set)
    aggregates = MinuteAggregate.objects.filter(
        channel__device__in=devices, minute__gte=month.start_at, minute__lt=month.end_at
    ).values_list("channel__device_id", "minute")
    for device_id, minute in aggregates:
        minutes[device_id].add(minute)
    k = get_config().offline_after_intervals
    rates = [
        compute_offline_rate(
            DeviceMonth(
                str(d.pk),
                str(d.employer_id or d.owner_id),
                d.county_id,
                dt.datetime.combine(d.installed_on, dt.time(), tzinfo=tz),
                None,
                tuple(sorted(minutes[d.pk])),
                (d.last_seen_at,) if d.last_seen_at else (),
                OfflinePolicy(dt.timedelta(seconds=max(d.heartbeat_seconds, 60)), k),
            ),
            month=month,
            now=now,
            target=OFFLINE_TARGET,
        )
        for d in devices
    ]
    parents = {d.county_id: d.county.parent_id or "" for d in devices}
    return (
        rates,
        rate_by_entity(rates, target=OFFLINE_TARGET),
        rate_by_region(rates, parent_of=parents, target=OFFLINE_TARGET),
    )
