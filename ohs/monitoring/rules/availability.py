"""Device online/offline and the monthly offline rate (离线率) per device, entity and region.

Definitions (reference/smart_supervision.md gives them as proposals; record this choice in config):
- A device is due to report from its installation. Data and heartbeats both count as signals.
- It is offline from the moment it has been silent for k x its reporting interval, until its next
  signal. Short gaps under that allowance cost nothing, which is what the allowance is for.
- Monthly offline rate = offline minutes / minutes of the month the device was installed (up to
  ``now`` for the running month). An entity's or region's rate is the sum of its devices' offline
  minutes over the sum of their installed minutes, so long-installed devices weigh more.
- The target (<= 5 % in the 2023 Zhejiang indicators) is passed in as data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum

RULE_VERSION = "monitoring.availability/1"
_MICROSECONDS_PER_MINUTE = Decimal(60_000_000)
_DECEMBER = 12


@dataclass(frozen=True, slots=True)
class OfflinePolicy:
    """How often a device reports, and after how many missed intervals it counts as offline."""

    expected_interval: timedelta
    offline_after_intervals: int

    def __post_init__(self) -> None:
        if self.expected_interval <= timedelta(0) or self.offline_after_intervals < 1:
            raise ValueError("interval must be positive and k at least 1")

    @property
    def silence_allowed(self) -> timedelta:
        """Silence after which the device is offline: k x interval."""
        return self.expected_interval * self.offline_after_intervals


@dataclass(frozen=True, slots=True)
class OfflineTarget:
    """Highest acceptable monthly offline rate, as a fraction (0.05 = 5 %), and where it comes from."""

    max_offline_rate: Decimal
    source: str


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """Whether a device is online at ``now``, and since when it has been offline."""

    device_id: str
    is_online: bool
    last_seen_at: datetime | None
    offline_since: datetime | None
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


@dataclass(frozen=True, slots=True)
class MonthWindow:
    """A calendar month as a half-open interval [start_at, end_at)."""

    start_at: datetime
    end_at: datetime


@dataclass(frozen=True, slots=True)
class DeviceMonth:
    """What is known about one device for a month."""

    device_id: str
    entity_id: str
    region_code: str
    installed_at: datetime
    removed_at: datetime | None
    data_times: tuple[datetime, ...]  # include the last one before the month, if any
    heartbeat_times: tuple[datetime, ...]
    policy: OfflinePolicy


@dataclass(frozen=True, slots=True)
class DeviceOfflineRate:
    """One device's month: installed and offline minutes, the rate and the target check."""

    device_id: str
    entity_id: str
    region_code: str
    installed_minutes: Decimal
    offline_minutes: Decimal
    offline_rate: Decimal | None  # None when the device was not installed in the month
    meets_target: bool | None
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


class GroupLevel(StrEnum):
    """What devices are grouped by."""

    ENTITY = "entity"
    REGION = "region"


@dataclass(frozen=True, slots=True)
class GroupOfflineRate:
    """Minutes-weighted offline rate of a group of devices."""

    level: GroupLevel
    group_key: str
    device_count: int
    installed_minutes: Decimal
    offline_minutes: Decimal
    offline_rate: Decimal | None
    meets_target: bool | None
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


def month_window(year: int, month: int, tz: tzinfo) -> MonthWindow:
    """The month as local time in ``tz`` (China: UTC+8 all year)."""
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + 1, 1, 1, tzinfo=tz) if month == _DECEMBER else datetime(year, month + 1, 1, tzinfo=tz)
    return MonthWindow(start, end)


def device_status(
    *, device_id: str, installed_at: datetime, last_seen_at: datetime | None, now: datetime, policy: OfflinePolicy
) -> DeviceStatus:
    """Online unless silent (no data, no heartbeat) for k x interval since the last signal."""
    reference = installed_at if last_seen_at is None else max(last_seen_at, installed_at)
    offline_since = reference + policy.silence_allowed
    if now < offline_since:
        reason = "awaiting_first_signal" if last_seen_at is None else "recent_signal"
        return DeviceStatus(device_id, True, last_seen_at, None, (reason,))
    reason = "never_reported" if last_seen_at is None else "silent_too_long"
    return DeviceStatus(device_id, False, last_seen_at, offline_since, (reason,))


def offline_periods(
    *,
    installed_at: datetime,
    signal_times: Iterable[datetime],
    policy: OfflinePolicy,
    start_at: datetime,
    end_at: datetime,
) -> tuple[tuple[datetime, datetime], ...]:
    """Offline intervals [from, to) of a device within [start_at, end_at), in time order."""
    periods: list[tuple[datetime, datetime]] = []
    previous = installed_at  # installation counts as the first moment the device is due
    for moment in [*sorted(t for t in signal_times if installed_at < t < end_at), end_at]:
        begin = max(previous + policy.silence_allowed, start_at)
        if begin < moment:
            periods.append((begin, moment))
        previous = moment
    return tuple(periods)


def compute_offline_rate(
    device: DeviceMonth, *, month: MonthWindow, now: datetime, target: OfflineTarget
) -> DeviceOfflineRate:
    """Offline minutes over installed minutes of one device in one month."""
    start = max(month.start_at, device.installed_at)
    end = max(start, min(month.end_at, now, device.removed_at or month.end_at))
    periods = offline_periods(
        installed_at=device.installed_at,
        signal_times=(*device.data_times, *device.heartbeat_times),
        policy=device.policy,
        start_at=start,
        end_at=end,
    )
    offline = _minutes(sum((to - since for since, to in periods), timedelta(0)))
    installed = _minutes(end - start)
    return DeviceOfflineRate(
        device.device_id, device.entity_id, device.region_code, installed, offline, *_judge(installed, offline, target)
    )


def rate_by_entity(rates: Iterable[DeviceOfflineRate], *, target: OfflineTarget) -> tuple[GroupOfflineRate, ...]:
    """Minutes-weighted offline rate of each entity's devices."""
    return _aggregate(GroupLevel.ENTITY, ((r.entity_id, r) for r in rates), target)


def rate_by_region(
    rates: Iterable[DeviceOfflineRate], *, target: OfflineTarget, parent_of: Mapping[str, str] | None = None
) -> tuple[GroupOfflineRate, ...]:
    """Minutes-weighted offline rate per region; with ``parent_of`` each device also counts upwards
    (county -> city -> province, GB/T 2260 codes as in reference/regions_zhejiang.csv)."""
    parents = parent_of or {}
    return _aggregate(
        GroupLevel.REGION, ((code, r) for r in rates for code in _lineage(r.region_code, parents)), target
    )


def _lineage(code: str, parent_of: Mapping[str, str]) -> list[str]:
    """``code`` and its ancestors, stopping at a missing parent or a cycle."""
    chain = [code]
    while (parent := parent_of.get(chain[-1])) and parent not in chain:
        chain.append(parent)
    return chain


def _aggregate(
    level: GroupLevel, keyed: Iterable[tuple[str, DeviceOfflineRate]], target: OfflineTarget
) -> tuple[GroupOfflineRate, ...]:
    """Sum minutes per group key and compare each group's rate with the target."""
    totals: dict[str, tuple[int, Decimal, Decimal]] = {}
    for key, rate in keyed:
        count, installed, offline = totals.get(key, (0, Decimal(0), Decimal(0)))
        totals[key] = (count + 1, installed + rate.installed_minutes, offline + rate.offline_minutes)
    return tuple(_group(level, key, *totals[key], target) for key in sorted(totals))


def _group(
    level: GroupLevel, key: str, count: int, installed: Decimal, offline: Decimal, target: OfflineTarget
) -> GroupOfflineRate:
    """One group's result."""
    return GroupOfflineRate(level, key, count, installed, offline, *_judge(installed, offline, target))


def _judge(
    installed: Decimal, offline: Decimal, target: OfflineTarget
) -> tuple[Decimal | None, bool | None, tuple[str, ...]]:
    """Rate, target check and reason; no rate without installed time."""
    if installed == 0:
        return None, None, ("not_installed_in_month",)
    rate = offline / installed
    is_within = rate <= target.max_offline_rate
    return rate, is_within, ("within_target" if is_within else "above_target",)


def _minutes(duration: timedelta) -> Decimal:
    """A duration in minutes, exact to the microsecond."""
    return Decimal(duration // timedelta(microseconds=1)) / _MICROSECONDS_PER_MINUTE
