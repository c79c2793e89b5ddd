"""What ingest knows about devices: looked up in bulk, cached in the process, refreshed on a miss."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ohs.monitoring.models import Channel, Device
from ohs.monitoring.rules.hj212_codes import Parameter
from ohs.monitoring.rules.stream import ChannelLimits, Method, rule_limits
from ohs.monitoring.rules.validation import ChannelSpec, Unit

_METHODS = {
    "laeq": Method.NOISE,
    "total_dust": Method.CONCENTRATION,
    "respirable_dust": Method.CONCENTRATION,
    "gas": Method.CONCENTRATION,
    "wbgt": Method.HEAT,
}
REFRESH_SECONDS = 60.0  # a changed channel or limit reaches running workers within a minute
REFRESH_SPREAD = 0.5  # an entry lives between half of REFRESH_SECONDS and all of it
MISS_RETRY_SECONDS = 5.0  # an unknown code is looked up again after this (a device may just be registered)


@dataclass(frozen=True, slots=True)
class ChannelInfo:
    channel_id: int
    spec: ChannelSpec
    limits: ChannelLimits
    rule_limits: dict[str, float]  # what each streaming rule compares with, worked out once


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    device_id: int
    code: str
    owner_id: int | None
    county_id: str
    employer_id: int | None
    hj212_password_hash: str
    channels: dict[str, ChannelInfo]
    specs: dict[str, ChannelSpec]  # by data code, as validation takes them


_CHANNEL_FIELDS = (
    "pk", "device_id", "code", "parameter", "unit", "quantity", "interval_seconds", "planned_exposure_hours",
    "twa_limit", "stel_limit", "mac_limit", "shift_start_hour",
)  # fmt: skip
_DEVICE_FIELDS = ("pk", "code", "owner_id", "county_id", "employer_id", "hj212_password_hash")


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _limits(row: Mapping[str, Any]) -> ChannelLimits:
    """The limits of a channel (a row of ``_CHANNEL_FIELDS``) as the streaming rules take them."""
    return ChannelLimits(
        method=_METHODS.get(row["quantity"], Method.NONE),
        interval_seconds=row["interval_seconds"],
        planned_exposure_hours=float(row["planned_exposure_hours"]),
        twa=_number(row["twa_limit"]),
        stel=_number(row["stel_limit"]),
        mac=_number(row["mac_limit"]),
        shift_start_hour=row["shift_start_hour"],
    )


def _channel_info(row: Mapping[str, Any]) -> ChannelInfo:
    limits = _limits(row)
    spec = ChannelSpec(row["code"], Parameter(row["parameter"]), Unit(row["unit"]))
    return ChannelInfo(row["pk"], spec, limits, rule_limits(limits))


def _device_info(row: Mapping[str, Any], channels: Iterable[Mapping[str, Any]]) -> DeviceInfo:
    infos = {c["code"]: _channel_info(c) for c in channels}
    specs = {code: info.spec for code, info in infos.items()}
    return DeviceInfo(
        row["pk"], row["code"], row["owner_id"], row["county_id"], row["employer_id"], row["hj212_password_hash"],
        infos, specs,
    )  # fmt: skip


class DeviceDirectory:
    """Device code -> DeviceInfo, two queries per load whatever the number of devices.

    Each entry is reloaded after its own time to live, between ``REFRESH_SPREAD`` x and 1 x
    ``REFRESH_SECONDS``: a worker meets a province's devices within seconds, and had every entry
    the same age, all of them would be reloaded in the same few batches again every minute."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._devices: dict[str, DeviceInfo] = {}
        self._expires: dict[str, float] = {}  # code -> when to ask the database again (unknown codes too)
        self._pruned_at = clock()

    def lookup(self, codes: Iterable[str]) -> dict[str, DeviceInfo]:
        """The known, active devices among ``codes``."""
        wanted = set(codes)
        now = self._clock()
        due = {c for c in wanted if self._expires.get(c, 0.0) <= now}
        if due:
            found = self._load(due, now)
            for code in due - found:  # unknown, inactive or removed: asked again a little later
                self._devices.pop(code, None)
                self._expires[code] = now + MISS_RETRY_SECONDS
        if now - self._pruned_at > REFRESH_SECONDS:
            self._prune(now)
        return {c: self._devices[c] for c in wanted if c in self._devices}

    def forget(self) -> None:
        self._devices.clear()
        self._expires.clear()

    def _prune(self, now: float) -> None:
        """Drop what is remembered of codes that are not devices (a misconfigured sender's)."""
        self._expires = {c: t for c, t in self._expires.items() if c in self._devices or t > now}
        self._pruned_at = now

    def _load(self, codes: set[str], now: float) -> set[str]:
        """Plain rows, no model instances: a worker meeting a province's devices loads thousands at once.
        Returns the codes found."""
        devices = list(Device.objects.filter(code__in=codes, is_active=True).values(*_DEVICE_FIELDS))
        channels: dict[int, list[dict[str, Any]]] = {}
        rows = Channel.objects.filter(device_id__in=[d["pk"] for d in devices]).values(*_CHANNEL_FIELDS)
        for row in rows:
            channels.setdefault(row["device_id"], []).append(row)
        found = set()
        for device in devices:
            info = _device_info(device, channels.get(device["pk"], []))
            self._devices[info.code] = info
            self._expires[info.code] = now + REFRESH_SECONDS * random.uniform(REFRESH_SPREAD, 1.0)
            found.add(info.code)
        return found
