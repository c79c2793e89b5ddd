"""What ingest knows about devices: looked up in bulk, cached in the process, refreshed on a miss."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from ohs.monitoring.models import Channel, Device
from ohs.monitoring.rules.hj212_codes import Parameter
from ohs.monitoring.rules.stream import ChannelLimits, Method
from ohs.monitoring.rules.validation import ChannelSpec, Unit

_METHODS = {
    "laeq": Method.NOISE,
    "total_dust": Method.CONCENTRATION,
    "respirable_dust": Method.CONCENTRATION,
    "gas": Method.CONCENTRATION,
    "wbgt": Method.HEAT,
}
REFRESH_SECONDS = 60.0  # a changed channel or limit reaches running workers within a minute


@dataclass(frozen=True, slots=True)
class ChannelInfo:
    channel_id: int
    spec: ChannelSpec
    limits: ChannelLimits


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    device_id: int
    code: str
    owner_id: int | None
    county_id: str
    employer_id: int | None
    hj212_password_hash: str
    channels: dict[str, ChannelInfo]


def channel_limits(channel: Channel) -> ChannelLimits:
    """The limits of a channel as the streaming rules take them."""

    def number(value: object) -> float | None:
        return None if value is None else float(value)  # type: ignore[arg-type]

    return ChannelLimits(
        method=_METHODS.get(channel.quantity, Method.NONE),
        interval_seconds=channel.interval_seconds,
        planned_exposure_hours=float(channel.planned_exposure_hours),
        twa=number(channel.twa_limit),
        stel=number(channel.stel_limit),
        mac=number(channel.mac_limit),
        shift_start_hour=channel.shift_start_hour,
    )


def _device_info(device: Device, channels: Iterable[Channel]) -> DeviceInfo:
    infos = {
        c.code: ChannelInfo(c.pk, ChannelSpec(c.code, Parameter(c.parameter), Unit(c.unit)), channel_limits(c))
        for c in channels
    }
    return DeviceInfo(
        device.pk, device.code, device.owner_id, device.county_id, device.employer_id, device.hj212_password_hash, infos
    )


class DeviceDirectory:
    """Device code -> DeviceInfo, two queries per load whatever the number of devices."""

    def __init__(self) -> None:
        self._devices: dict[str, DeviceInfo] = {}
        self._channels: dict[int, tuple[DeviceInfo, ChannelInfo]] = {}
        self._missing: dict[str, float] = {}
        self._loaded_at = 0.0

    def lookup(self, codes: Iterable[str]) -> dict[str, DeviceInfo]:
        """The known, active devices among ``codes``."""
        wanted = set(codes)
        now = time.monotonic()
        if now - self._loaded_at > REFRESH_SECONDS:
            self._devices.clear()
            self._channels.clear()
            self._missing.clear()
            self._loaded_at = now
        unknown = {c for c in wanted if c not in self._devices and now - self._missing.get(c, -1e9) > 5}
        if unknown:
            self._load(unknown)
            for code in unknown - self._devices.keys():
                self._missing[code] = now
        return {c: self._devices[c] for c in wanted if c in self._devices}

    def channel(self, channel_id: int) -> tuple[DeviceInfo, ChannelInfo] | None:
        return self._channels.get(channel_id)

    def forget(self) -> None:
        self._devices.clear()
        self._channels.clear()
        self._loaded_at = 0.0

    def _load(self, codes: set[str]) -> None:
        devices = list(Device.objects.filter(code__in=codes, is_active=True))
        channels: dict[int, list[Channel]] = {}
        for channel in Channel.objects.filter(device__in=devices):
            channels.setdefault(channel.device_id, []).append(channel)
        for device in devices:
            info = _device_info(device, channels.get(device.pk, []))
            self._devices[device.code] = info
            self._channels.update({ch.channel_id: (info, ch) for ch in info.channels.values()})
