"""Device simulator: registered devices report over MQTT, HTTP or HJ 212 as real ones would."""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import socket
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

import paho.mqtt.client as mqtt
from django.conf import settings
from django.utils import timezone
from paho.mqtt.enums import CallbackAPIVersion

from ohs.core.actor import SYSTEM_ACTOR
from ohs.core.models.tokens import hash_token
from ohs.monitoring.config import MonitoringConfig, readings_topic
from ohs.monitoring.models import Channel, Device, DeviceCredential
from ohs.monitoring.rules.hj212 import DataArea, FactorValues, Packet, PacketFlag, encode_packet, make_qn
from ohs.monitoring.rules.simulation import DeviceProfile, SimulationRates, new_profile, sample
from ohs.monitoring.services.devices import issue_credential

log = logging.getLogger(__name__)
ST_WORKPLACE = "39"  # HJ 212-2017 table 5: the closest system code to a workplace dust/noise monitor
CN_REALTIME = "2011"  # table 9: real-time data upload
MQTT_MAX_INFLIGHT = 1000


@dataclass
class SimDevice:
    code: str
    device_id: int
    channels: list[tuple[str, str, str]]  # (code, quantity, unit)
    profile: DeviceProfile
    hj212_password: str = "123456"  # noqa: S105 - the HJ 212 factory default PW of simulated stations
    socket: socket.socket | None = field(default=None, repr=False)


def load_devices(limit: int, rng: random.Random) -> list[SimDevice]:
    """The first ``limit`` active devices with their channels (two queries)."""
    devices = list(Device.objects.filter(is_active=True).order_by("pk")[:limit])
    channels: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for c in Channel.objects.filter(device__in=devices).order_by("pk"):
        channels[c.device_id].append((c.code, c.quantity, c.unit))
    return [SimDevice(d.code, d.pk, channels[d.pk], new_profile(rng)) for d in devices]


class Simulator:
    """Sends one batch per device per tick; ``malformed`` and outages as ``rates`` say."""

    def __init__(
        self,
        devices: list[SimDevice],
        transport: str,
        config: MonitoringConfig,
        *,
        seed: int = 1,
        rates: SimulationRates | None = None,
        http_url: str = "",
        hj212_address: tuple[str, int] = ("127.0.0.1", 9212),
    ) -> None:
        self.devices, self.transport, self.config = devices, transport, config
        self.rng = random.Random(seed)
        self.rates = rates or SimulationRates()
        self.http_url, self.hj212_address = http_url, hj212_address
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.sent = 0
        self._send: Callable[[SimDevice, list[dict[str, object]], dt.datetime], None] = getattr(
            self, f"_send_{transport}"
        )
        self._tokens: dict[int, str] = {}
        self._client: mqtt.Client | None = None
        self._published = self._acked = 0

    def start(self) -> None:
        if self.transport == "mqtt":
            self._client = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
            self._client.max_inflight_messages_set(MQTT_MAX_INFLIGHT)
            self._client.on_publish = self._on_publish
            self._client.connect(self.config.mqtt_host, self.config.mqtt_port)
            self._client.loop_start()
        if self.transport == "http":
            for device in Device.objects.filter(pk__in=[d.device_id for d in self.devices]):
                self._tokens[device.pk] = issue_credential(actor=SYSTEM_ACTOR, owner_id=None, device=device)

    def _on_publish(self, client: object, userdata: object, mid: int, reason: object, properties: object) -> None:
        self._acked += 1

    def stop(self) -> None:
        if self._client is not None:
            self._client.loop_stop()
            self._client.disconnect()
        for device in self.devices:
            if device.socket is not None:
                device.socket.close()
        if self._tokens:
            hashes = [hash_token(t) for t in self._tokens.values()]
            DeviceCredential.objects.filter(key_hash__in=hashes).update(revoked_at=timezone.now())

    def tick(self, now: dt.datetime) -> int:
        """One reading per channel of every device that is not in an outage; returns batches sent."""
        local = now.astimezone(self.tz)
        sent = 0
        for device in self.devices:
            if self._silent(device, now):
                continue
            readings = [
                {"channel": code, "value": sample(device.profile, quantity, local, self.rng, self.rates),
                 "unit": unit, "at": now.isoformat()}
                for code, quantity, unit in device.channels
            ]  # fmt: skip
            try:
                self._send(device, readings, now)
                sent += 1
            except OSError as exc:
                log.warning("simulator could not send for %s: %s", device.code, exc)
        self.sent += sent
        return sent

    def _silent(self, device: SimDevice, now: dt.datetime) -> bool:
        if device.profile.silent_until is not None and now < device.profile.silent_until:
            return True
        if self.rng.random() < self.rates.outage:
            device.profile.silent_until = now + dt.timedelta(minutes=self.rng.randint(*self.rates.outage_minutes))
            return True
        return False

    def _malformed(self) -> bool:
        return self.rng.random() < self.rates.malformed

    def _send_mqtt(self, device: SimDevice, readings: list[dict[str, object]], now: dt.datetime) -> None:
        assert self._client is not None
        body = {"device": device.code, "sent_at": now.isoformat(), "readings": readings}
        payload = json.dumps(body) if not self._malformed() else '{"device": "' + device.code + '", "readings": ['
        while self._published - self._acked >= MQTT_MAX_INFLIGHT:  # paho rescans its queue per ack: keep it short
            time.sleep(0.001)
        self._published += 1
        self._client.publish(readings_topic(self.config.topic_prefix, device.code), payload, qos=1)

    def _send_http(self, device: SimDevice, readings: list[dict[str, object]], now: dt.datetime) -> None:
        body = {"device": device.code, "readings": readings}
        if self._malformed():
            body = {"device": device.code, "readings": [{"channel": "unknown", "value": "x"}]}
        request = urllib.request.Request(  # noqa: S310 - the configured platform URL
            self.http_url,
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self._tokens[device.device_id]}", "Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10):  # noqa: S310
            pass

    def _send_hj212(self, device: SimDevice, readings: list[dict[str, object]], now: dt.datetime) -> None:
        frame = hj212_packet(device.code, device.hj212_password, readings, now)
        malformed = self._malformed()
        if malformed:
            frame = frame[:-6] + b"0000\r\n"  # a wrong CRC: no answer comes back
        if device.socket is None:
            device.socket = socket.create_connection(self.hj212_address, timeout=5)
        try:
            device.socket.sendall(frame)
            if not malformed:
                device.socket.recv(1024)  # the 9014 acknowledgement, once the readings are stored
        except OSError:
            device.socket.close()
            device.socket = None
            raise


def hj212_packet(mn: str, password: str, readings: list[dict[str, object]], now: dt.datetime) -> bytes:
    """A real-time data upload (CN 2011) asking for an answer, one factor per channel."""
    factors = tuple(FactorValues(str(r["channel"]), (("Rtd", Decimal(str(r["value"]))),), flag="N") for r in readings)
    packet = Packet(
        qn=make_qn(now),
        st=ST_WORKPLACE,
        cn=CN_REALTIME,
        pw=password,
        mn=mn,
        flag=PacketFlag.compose(is_answer_requested=True),
        cp=DataArea(data_time=now, factors=factors),
    )
    return encode_packet(packet)
