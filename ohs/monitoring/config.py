"""Operating settings of monitoring: broker, topics, time windows, deadlines, retention.

Defaults here; ``settings.OHS_MONITORING`` (a dict) or ``OHS_MQTT_*`` variables override them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from django.conf import settings

from ohs.monitoring.rules.alert_policy import DEFAULT_POLICY, AlertPolicy
from ohs.monitoring.rules.validation import DEFAULT_POLICY as DEFAULT_VALIDATION
from ohs.monitoring.rules.validation import ValidationPolicy


@dataclass(frozen=True)
class MonitoringConfig:
    mqtt_host: str = "127.0.0.1"
    mqtt_port: int = 1883
    topic_prefix: str = "ohs"  # topics: <prefix>/devices/<device code>/readings
    share_group: str = "ingest"  # $share/<group>/<prefix>/devices/+/readings
    validation: ValidationPolicy = DEFAULT_VALIDATION
    alerts: AlertPolicy = DEFAULT_POLICY
    # 核查处置: a dispatched warning is verified within this many working days (provincial setting).
    verification_working_days: int = 2
    # Offline when nothing arrived for this many reporting intervals (a heartbeat counts as data).
    offline_after_intervals: int = 5
    raw_retention: timedelta = timedelta(days=90)
    partitions_ahead_days: int = 7
    aggregate_retention: timedelta = timedelta(days=3 * 365)
    batch_max_readings: int = 5000
    batch_max_wait: timedelta = timedelta(milliseconds=50)
    checkpoint_every: timedelta = timedelta(seconds=60)  # restore replays the readings stored since
    extra: dict[str, Any] = field(default_factory=dict)


def get_config() -> MonitoringConfig:
    """The configuration in force (settings first, then environment)."""
    config = MonitoringConfig(
        mqtt_host=os.environ.get("OHS_MQTT_HOST", "127.0.0.1"),
        mqtt_port=int(os.environ.get("OHS_MQTT_PORT", "1883")),
        topic_prefix=os.environ.get("OHS_MQTT_TOPIC_PREFIX", "ohs"),
    )
    overrides: dict[str, Any] = getattr(settings, "OHS_MONITORING", {})
    return replace(config, **overrides) if overrides else config


def readings_topic(prefix: str, device_code: str) -> str:
    """Where a device publishes its batches."""
    return f"{prefix}/devices/{device_code}/readings"


def shared_subscription(prefix: str, group: str) -> str:
    """What each ingest worker subscribes to: the broker hands each message to one worker of the group."""
    return f"$share/{group}/{prefix}/devices/+/readings"
