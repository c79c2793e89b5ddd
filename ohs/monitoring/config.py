"""Operating settings of monitoring: broker, topics, time windows, deadlines, retention.

Defaults here; ``settings.OHS_MONITORING`` (a dict) or ``OHS_MQTT_*`` variables override them.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from django.conf import settings

from ohs.monitoring.rules.alert_policy import DEFAULT_POLICY, AlertPolicy
from ohs.monitoring.rules.validation import DEFAULT_POLICY as DEFAULT_VALIDATION
from ohs.monitoring.rules.validation import ValidationPolicy

# MQTT session of an ingest worker.
SESSION_EXPIRY_SECONDS = 24 * 3600  # a worker down for less than a day gets its queued messages
# Unacknowledged messages the broker may hand a worker: a worker acknowledges a batch once it is
# stored, so this is two batches, the one being stored and the next one arriving meanwhile.
RECEIVE_MAXIMUM = 4000


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
    batch_max_messages: int = 2000  # at most half of RECEIVE_MAXIMUM; ~0.1 s of work, which bounds alert latency
    batch_max_wait: timedelta = timedelta(milliseconds=50)
    checkpoint_every: timedelta = timedelta(seconds=60)  # restore replays the readings stored since
    # How often an open alert list asks for new alerts: within the second-scale alert latency
    # the issue asks of ingest, and one small indexed query per open page and period.
    live_poll_every: timedelta = timedelta(seconds=5)
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


def topic_device(topic: str) -> str:
    """The device code in a readings topic (``<prefix>/devices/<code>/readings``), or "" if none."""
    parts = topic.split("/")
    return parts[-2] if len(parts) >= 3 else ""


@dataclass(frozen=True, slots=True)
class Partition:
    """The devices one MQTT ingest worker owns: those whose code hashes to ``index`` (1..``count``).

    A device's readings must reach one evaluator, in order: its streaming state lives in that
    process. A shared subscription on Mosquitto deals messages round-robin, so with several
    workers each gets every message (a share group of its own per partition) and keeps its
    devices' ones; one worker (1 of 1) owns every device."""

    index: int = 1
    count: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.index <= self.count:
            raise ValueError(f"partition {self.index} of {self.count} does not exist")

    @classmethod
    def parse(cls, text: str) -> Partition:
        """``"2/3"``: the second of three partitions."""
        index, sep, count = text.partition("/")
        if not sep or not index.isdigit() or not count.isdigit():
            raise ValueError(f"partition {text!r} is not of the form K/N (e.g. 1/2)")
        return cls(int(index), int(count))

    def owns(self, device_code: str) -> bool:
        # CRC-32: the same on every worker and every run (Python's hash() of a str is not).
        return self.count == 1 or zlib.crc32(device_code.encode()) % self.count == self.index - 1

    def group(self, group: str) -> str:
        """The share group of this partition's worker."""
        return group if self.count == 1 else f"{group}.{self.index}of{self.count}"


WHOLE = Partition()  # one worker owns every device
