"""Recurring monitoring jobs: partitions ahead and retention, minute roll-up, device status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.utils import timezone
from django_tasks import task

from ohs.core.schedule import Job, register_job
from ohs.monitoring import storage
from ohs.monitoring.config import get_config
from ohs.monitoring.services.status import refresh_device_status

ROLLUP_OVERLAP = dt.timedelta(minutes=3)  # late readings of the last minutes are folded in on the next run


@task()
def maintain_partitions() -> dict[str, Any]:
    """Create the coming days' partitions ahead and drop raw readings past their retention
    (whole day partitions on PostgreSQL); minute aggregates are kept for their own, longer one."""
    config = get_config()
    now = timezone.now()
    today = now.date()
    created = storage.ensure_partitions(connection, today, today + dt.timedelta(days=config.partitions_ahead_days))
    dropped = storage.drop_partitions_before(connection, today - config.raw_retention)
    aggregates = storage.drop_aggregates_before(now - config.aggregate_retention)
    return {"created": created, "dropped": dropped, "aggregates_dropped": aggregates}


@task()
def roll_up_minutes() -> int:
    """Minute aggregates of the last few minutes (idempotent: recomputed, not added)."""
    now = timezone.now().replace(second=0, microsecond=0)
    return storage.roll_up_minutes(now - ROLLUP_OVERLAP, now)


@task()
def refresh_status() -> int:
    return refresh_device_status(timezone.now())


register_job(Job("monitoring.partitions", maintain_partitions, "cron", {"hour": 1, "minute": 10}))
register_job(Job("monitoring.rollup", roll_up_minutes, "interval", {"minutes": 1}))
register_job(Job("monitoring.status", refresh_status, "interval", {"minutes": 1}))
