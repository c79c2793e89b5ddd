"""The one ingest pipeline behind MQTT, HTTP and HJ 212: parse, validate, store, evaluate.

Each transport turns what it received into ``Envelope``s and calls ``Pipeline.store``; that
returns once the accepted readings and the dead letters are committed, so a transport may
acknowledge then (at-least-once; the readings table ignores a reading it already holds).
``Pipeline.evaluate`` runs the streaming rules on what was stored and writes alerts.

JSON batch (MQTT payload on ``<prefix>/devices/<code>/readings``, HTTP body)::

    {"device": "MN0001", "sent_at": "2026-11-30T10:00:01+08:00",
     "readings": [{"channel": "a34001", "value": 1.2, "unit": "mg/m3",
                   "at": "2026-11-30T10:00:00+08:00", "flag": "N"}]}

An empty ``readings`` list is a heartbeat.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

import orjson
from django.db import transaction
from django.utils import timezone

from ohs.monitoring.choices import DeviceStatus
from ohs.monitoring.config import MonitoringConfig, get_config
from ohs.monitoring.ingest.directory import ChannelInfo, DeviceDirectory, DeviceInfo
from ohs.monitoring.models import DeadLetter, Device
from ohs.monitoring.rules.validation import (
    ChannelSpec,
    IncomingReading,
    RejectedReading,
    ValidationPolicy,
    validate_reading,
)
from ohs.monitoring.storage import StoredReading, write_readings

log = logging.getLogger(__name__)
ChannelMap = dict[int, tuple[DeviceInfo, ChannelInfo]]  # channel id -> its device and channel
MAX_PAYLOAD_CHARS = 64_000  # a dead letter keeps this much of what arrived
MARK_RESOLUTION = dt.timedelta(seconds=15)  # last_seen_at is this precise; offline needs minutes of silence
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class RawReading(NamedTuple):
    channel: str
    value: Any
    unit: str | None  # None: the protocol carries no unit (HJ 212), the channel's configured one applies
    at: Any
    flag: str = "N"


@dataclass
class Envelope:
    """One received message: a device's batch of readings (empty: a heartbeat)."""

    transport: str
    source: str
    payload: str
    device_code: str
    readings: list[RawReading] = field(default_factory=list)
    sent_at: dt.datetime | None = None
    password: str | None = None  # HJ 212 PW, checked against the device's when it has one


@dataclass
class Refusal:
    """Why (part of) a message was not stored."""

    transport: str
    source: str
    payload: str
    reason: str
    message: str
    field: str = ""
    device_code: str = ""


@dataclass
class Prepared:
    """A validated batch, not yet written."""

    rows: list[StoredReading]
    refusals: list[Refusal]
    seen: dict[int, dt.datetime]  # device -> when it was heard from
    now: dt.datetime
    channels: ChannelMap  # what evaluation needs of each row's channel, as validation saw it


@dataclass
class StoreResult:
    stored: list[StoredReading]
    added: int
    refusals: list[Refusal]
    devices_seen: set[int]
    channels: ChannelMap = field(default_factory=dict)


class MalformedMessage(ValueError):
    def __init__(self, reason: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.reason, self.message, self.field = reason, message, field


def parse_json_batch(text: str | bytes, *, transport: str, source: str, topic_device: str | None = None) -> Envelope:
    """A JSON batch as an Envelope; raises MalformedMessage naming the field at fault."""
    raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        # What orjson refuses (NaN, integers beyond 64 bits, bad UTF-8) is read as before, or refused
        # with the standard library's message: the result never depends on which parser read it.
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise MalformedMessage("invalid_json", f"payload is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise MalformedMessage("invalid_payload", "payload must be a JSON object")
    device = data.get("device", topic_device)
    if not isinstance(device, str) or not device:
        raise MalformedMessage("missing_field", "device is required", "device")
    if topic_device is not None and device != topic_device:
        raise MalformedMessage("device_mismatch", f"device {device!r} does not match the topic", "device")
    items = data.get("readings", [])
    if not isinstance(items, list):
        raise MalformedMessage("invalid_payload", "readings must be a list", "readings")
    readings = [_raw_reading(item, i) for i, item in enumerate(items)]
    return Envelope(transport, source, raw, device, readings, _parse_time(data.get("sent_at")))


def _raw_reading(item: Any, index: int) -> RawReading:
    if not isinstance(item, dict):
        raise MalformedMessage("invalid_payload", f"readings[{index}] must be an object", f"readings[{index}]")
    for name in ("channel", "value", "unit", "at"):
        if name not in item:
            raise MalformedMessage(
                "missing_field", f"readings[{index}].{name} is required", f"readings[{index}].{name}"
            )
    return RawReading(str(item["channel"]), item["value"], str(item["unit"]), item["at"], str(item.get("flag", "N")))


def _parse_time(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


class Pipeline:
    """Stateful per process: the device directory and (given) the evaluator."""

    def __init__(self, config: MonitoringConfig | None = None, evaluator: Any = None) -> None:
        self.config = config or get_config()
        self.directory = DeviceDirectory()
        self.evaluator = evaluator
        self._marked: dict[int, dt.datetime] = {}

    def store(
        self,
        envelopes: Sequence[Envelope],
        now: dt.datetime | None = None,
        extra_refusals: Sequence[Refusal] = (),
        *,
        keep_refusals: bool = True,
    ) -> StoreResult:
        """Validate and durably store a batch of messages; refused parts (and ``extra_refusals``,
        messages the transport could not read) go to dead letters in the same transaction."""
        return self.commit(self.prepare(envelopes, now, extra_refusals), keep_refusals=keep_refusals)

    def prepare(
        self, envelopes: Sequence[Envelope], now: dt.datetime | None = None, extra_refusals: Sequence[Refusal] = ()
    ) -> Prepared:
        """Validate a batch (the CPU half of ``store``): the rows to write and what is refused."""
        now = now or timezone.now()
        devices = self.directory.lookup(e.device_code for e in envelopes)
        rows: list[StoredReading] = []
        refusals: list[Refusal] = list(extra_refusals)
        seen: dict[int, dt.datetime] = {}
        channels: ChannelMap = {}
        times: dict[str, dt.datetime | None] = {}  # devices report on the same clock ticks: parse each once
        for envelope in envelopes:
            device = devices.get(envelope.device_code)
            problem = _device_problem(envelope, device)
            if problem is not None:
                refusals.append(problem)
                continue
            assert device is not None
            seen[device.device_id] = now
            self._check_readings(envelope, device, now, times, rows, refusals, channels)
        return Prepared(rows, refusals, seen, now, channels)

    def commit(self, prepared: Prepared, *, keep_refusals: bool = True) -> StoreResult:
        """Write a prepared batch in one transaction (the database half of ``store``); a transport
        may acknowledge once this returns. Touches no state ``prepare`` uses, so a writer thread
        may commit one batch while the caller prepares the next."""
        with transaction.atomic():
            added = write_readings(prepared.rows)
            if keep_refusals:
                record_refusals(prepared.refusals)
            _mark_seen(self._due_for_marking(prepared.seen, prepared.now))
        return StoreResult(prepared.rows, added, prepared.refusals, set(prepared.seen), prepared.channels)

    def evaluate(self, result: StoreResult) -> int:
        """Run the streaming rules on stored readings; returns the alert transitions written."""
        if self.evaluator is None or not result.stored:
            return 0
        return int(self.evaluator.process(result.stored, result.channels))

    def ingest(self, envelopes: Sequence[Envelope], now: dt.datetime | None = None) -> StoreResult:
        result = self.store(envelopes, now)
        self.evaluate(result)
        return result

    def _due_for_marking(self, seen: dict[int, dt.datetime], now: dt.datetime) -> dict[int, dt.datetime]:
        """Devices whose last_seen_at is older than MARK_RESOLUTION: no UPDATE per device per batch."""
        due = {pk: at for pk, at in seen.items() if now - self._marked.get(pk, _EPOCH) > MARK_RESOLUTION}
        self._marked.update(due)
        return due

    def _check_readings(
        self,
        envelope: Envelope,
        device: DeviceInfo,
        now: dt.datetime,
        times: dict[str, dt.datetime | None],
        rows: list[StoredReading],
        refusals: list[Refusal],
        seen_channels: ChannelMap,
    ) -> None:
        specs, channels, policy = device.specs, device.channels, self.config.validation
        for raw in envelope.readings:
            outcome = _validate(raw, specs, now, policy, times)
            if isinstance(outcome, Refusal):
                refusals.append(_refusal_of(envelope, raw, outcome))
                continue
            at, value, flag = outcome
            channel = channels[raw.channel]
            rows.append(StoredReading(channel.channel_id, device.device_id, at, value, flag))
            seen_channels[channel.channel_id] = (device, channel)


def _device_problem(envelope: Envelope, device: DeviceInfo | None) -> Refusal | None:
    if device is None:
        return Refusal(
            envelope.transport,
            envelope.source,
            envelope.payload,
            "unknown_device",
            f"device {envelope.device_code!r} is not registered or not in use",
            "device",
            envelope.device_code,
        )
    if envelope.password is not None and device.hj212_password_hash:
        from ohs.core.models.tokens import hash_token

        if hash_token(envelope.password) != device.hj212_password_hash:
            return Refusal(
                envelope.transport, envelope.source, envelope.payload, "wrong_password",
                "PW does not match the device's access password", "PW", envelope.device_code,
            )  # fmt: skip
    return None


def _validate(
    raw: RawReading,
    specs: dict[str, ChannelSpec],
    now: dt.datetime,
    policy: ValidationPolicy,
    times: dict[str, dt.datetime | None],
) -> tuple[dt.datetime, float, str] | Refusal:
    try:
        value = Decimal(str(raw.value))
    except InvalidOperation:
        return Refusal("", "", "", "not_a_number", f"value {raw.value!r} is not a number", "value")
    if type(raw.at) is str:
        at = times[raw.at] if raw.at in times else times.setdefault(raw.at, _parse_time(raw.at))
    else:
        at = _parse_time(raw.at)
    if at is None:
        return Refusal("", "", "", "invalid_time", f"at {raw.at!r} is not an ISO 8601 time", "at")
    spec = specs.get(raw.channel)
    unit = raw.unit if raw.unit is not None else (spec.unit.value if spec is not None else "")
    incoming = IncomingReading(raw.channel, value, unit, at, raw.flag)
    checked = validate_reading(incoming, channels=specs, now=now, policy=policy)
    if isinstance(checked, RejectedReading):
        return Refusal("", "", "", checked.reason.value, checked.message, checked.field)
    return checked.measured_at, float(checked.value), checked.data_flag.value


def _refusal_of(envelope: Envelope, raw: RawReading, refusal: Refusal) -> Refusal:
    """A refused reading keeps its own batch as payload, so a replay sends exactly it."""
    single = {
        "device": envelope.device_code,
        "readings": [
            {"channel": raw.channel, "value": str(raw.value), "unit": raw.unit, "at": str(raw.at), "flag": raw.flag}
        ],
    }
    return Refusal(
        envelope.transport,
        envelope.source,
        json.dumps(single, ensure_ascii=False),
        refusal.reason,
        refusal.message,
        refusal.field,
        envelope.device_code,
    )


def record_refusals(refusals: Iterable[Refusal]) -> int:
    """Write dead letters in one statement."""
    letters = [
        DeadLetter(
            transport=r.transport,
            source=r.source[:200],
            device_code=r.device_code[:24],
            reason=r.reason[:40],
            field=r.field[:40],
            message=r.message[:400],
            payload=r.payload[:MAX_PAYLOAD_CHARS],
        )
        for r in refusals
    ]
    DeadLetter.objects.bulk_create(letters, batch_size=500)
    return len(letters)


def _mark_seen(seen: dict[int, dt.datetime]) -> None:
    """Data or a heartbeat: the device is online (one UPDATE for the whole batch)."""
    if seen:
        moment = max(seen.values())
        Device.objects.filter(pk__in=list(seen)).update(last_seen_at=moment, status=DeviceStatus.ONLINE)
