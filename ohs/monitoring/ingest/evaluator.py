"""Streaming evaluation in the ingest process: per-channel state in memory, checkpointed to the
database and restored after a restart by replaying the readings stored since the checkpoint."""

from __future__ import annotations

import datetime as dt
import math
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import orjson
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from ohs.monitoring.config import MonitoringConfig, get_config
from ohs.monitoring.ingest.directory import ChannelInfo, DeviceInfo
from ohs.monitoring.models import ChannelState
from ohs.monitoring.rules.alert_policy import rule_for
from ohs.monitoring.rules.alerting import (
    AlertRule,
    AlertState,
    AlertTransition,
    Evaluation,
    Severity,
    evaluate_alert,
)
from ohs.monitoring.rules.stream import (
    ChannelLimits,
    StreamState,
    advance,
    dump_state,
    reading_reaching,
    restore_state,
    shift_start_for,
)
from ohs.monitoring.storage import StoredReading, copy_to_stage, is_postgres, readings_since

# Channels a checkpoint takes per call: a few milliseconds of the batch loop's time (dumping the
# states), so a province's channels coming due together never hold a batch up.
CHECKPOINT_CHUNK = 250


@dataclass
class ChannelRuntime:
    stream: StreamState = field(default_factory=StreamState)
    alerts: dict[str, AlertState] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RaisedTransition:
    """An alert transition with where it happened."""

    channel_id: int
    device_id: int
    owner_id: int | None
    county_id: str
    employer_id: int | None
    transition: AlertTransition


def dump_runtime(runtime: ChannelRuntime) -> dict[str, Any]:
    alerts = {
        rule: {
            "severity": int(s.severity) if s.severity is not None else None,
            "opened_at": s.opened_at.isoformat() if s.opened_at else None,
            "normal_streak": s.normal_streak,
            "last_evaluated_at": s.last_evaluated_at.isoformat() if s.last_evaluated_at else None,
        }
        for rule, s in runtime.alerts.items()
    }
    return {"stream": dump_state(runtime.stream), "alerts": alerts}


def restore_runtime(channel_id: int, data: dict[str, Any]) -> ChannelRuntime:
    def when(text: str | None) -> dt.datetime | None:
        return dt.datetime.fromisoformat(text) if text else None

    alerts = {
        rule: AlertState(
            str(channel_id),
            rule,
            Severity(s["severity"]) if s.get("severity") else None,
            when(s.get("opened_at")),
            int(s.get("normal_streak", 0)),
            when(s.get("last_evaluated_at")),
        )
        for rule, s in data.get("alerts", {}).items()
    }
    return ChannelRuntime(restore_state(data.get("stream", {})), alerts)


class Evaluator:
    """Feeds stored readings through the streaming rules and the alert state machine.

    In memory: one process owns a device's stream and sees its readings in order (the HJ 212
    listener; the MQTT worker of the device's partition). Or ``durable``, for HTTP ingest, where any
    web process may take a gateway's next batch: each batch locks its channels' checkpoints (a row
    is made for a channel that has none, so two processes never both start it), evaluates and
    writes them back in one transaction, so the web processes see one state.
    """

    def __init__(self, config: MonitoringConfig | None = None, *, durable: bool = False) -> None:
        self.config = config or get_config()
        self.durable = durable
        # Set by an owner that takes due checkpoints itself (``take_checkpoints``) and has them written
        # off its thread (the MQTT worker's writer); otherwise each batch writes what is due.
        self.caller_checkpoints = False
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.runtime: dict[int, ChannelRuntime] = {}
        self.dirty: dict[int, float] = {}  # channel -> when it changed after its checkpoint; oldest first
        self._rules: dict[tuple[str, float], tuple[AlertRule, float]] = {}
        # (channel, limits) -> the lowest single reading that raises an alert (inf: none does)
        self._urgent_levels: dict[tuple[int, ChannelLimits], float] = {}

    def process(self, rows: Sequence[StoredReading], channels: Mapping[int, tuple[DeviceInfo, ChannelInfo]]) -> int:
        """Evaluate a stored batch; writes alert transitions, returns how many."""
        if not self.durable:
            return self._process(rows, channels)
        with transaction.atomic():
            self.runtime.clear()
            self.dirty.clear()
            written = self._process(rows, channels, lock=True)
            self.maybe_checkpoint(force=True)
            return written

    def _process(
        self, rows: Sequence[StoredReading], channels: Mapping[int, tuple[DeviceInfo, ChannelInfo]], lock: bool = False
    ) -> int:
        by_channel: dict[int, list[tuple[dt.datetime, float]]] = defaultdict(list)
        for channel_id, _device, at, value, _flag in rows:
            by_channel[channel_id].append((at, value))
        self._restore([c for c in by_channel if c not in self.runtime], by_channel, lock)
        # Channels with a reading that by itself reaches an alert (MAC, the 5 x PC-TWA ceiling, WBGT)
        # are evaluated and their alerts written first: a batch holds thousands of channels, and the
        # exceedance should not wait for the rest to be evaluated.
        known = [c for c in by_channel if c in channels]
        urgent = {c for c in known if self._urgent(channels[c][1], by_channel[c])}
        written = self._evaluate_channels(list(urgent), by_channel, channels) if urgent else 0
        written += self._evaluate_channels([c for c in known if c not in urgent], by_channel, channels)
        if not lock and not self.caller_checkpoints:
            self.maybe_checkpoint()
        return written

    def _evaluate_channels(
        self,
        channel_ids: list[int],
        by_channel: dict[int, list[tuple[dt.datetime, float]]],
        channels: Mapping[int, tuple[DeviceInfo, ChannelInfo]],
    ) -> int:
        """Feed these channels' readings in time order; write the alert transitions they raise."""
        from ohs.monitoring.services.alerts import record_alert_transitions

        raised: list[RaisedTransition] = []
        for channel_id in channel_ids:
            device, channel = channels[channel_id]
            readings = by_channel[channel_id]
            if len(readings) > 1:
                readings.sort()
            for transition in self._feed(channel_id, channel.limits, channel.rule_limits, readings):
                raised.append(
                    RaisedTransition(
                        channel_id, device.device_id, device.owner_id, device.county_id, device.employer_id, transition
                    )
                )
        return record_alert_transitions(raised, self.config) if raised else 0

    def _urgent(self, channel: ChannelInfo, readings: list[tuple[dt.datetime, float]]) -> bool:
        key = (channel.channel_id, channel.limits)
        level = self._urgent_levels.get(key)
        if level is None:
            levels = [
                reading_reaching(rule_id, self._rule(rule_id, limit)[1], channel.limits)
                for rule_id, limit in channel.rule_limits.items()
            ]
            level = self._urgent_levels[key] = min((v for v in levels if v is not None), default=math.inf)
        return level != math.inf and max(value for _, value in readings) >= level

    def _feed(
        self,
        channel_id: int,
        limits: ChannelLimits,
        limit_of: dict[str, float],
        readings: list[tuple[dt.datetime, float]],
    ) -> list[AlertTransition]:
        # The hot path of ingest (every reading of every channel): locals, no object made for nothing.
        runtime = self.runtime.get(channel_id)
        if runtime is None:
            runtime = self.runtime[channel_id] = ChannelRuntime()
        stream, alerts, tz, rules = runtime.stream, runtime.alerts, self.tz, self._rules
        transitions: list[AlertTransition] = []
        for at, value in readings:
            stream, values = advance(stream, limits, value, at, tz)
            for rule_id, judged in values.items():
                state = alerts.get(rule_id)
                rule, entry = rules.get((rule_id, limit_of[rule_id])) or self._rule(rule_id, limit_of[rule_id])
                if (state is None or state.severity is None) and judged < entry:
                    continue  # nothing open, nothing reached (the stream already drops stale data)
                state = state or AlertState(str(channel_id), rule_id)
                step = evaluate_alert(state, rule, Evaluation(Decimal(repr(judged)), at))
                alerts[rule_id] = step.state
                transitions.extend(step.transitions)
        runtime.stream = stream
        if channel_id not in self.dirty:
            self.dirty[channel_id] = time.monotonic()
        return transitions

    def _rule(self, rule_id: str, limit: float) -> tuple[AlertRule, float]:
        """The rule of a (stream, limit), built once, and its entry level as a float for the fast path."""
        key = (rule_id, limit)
        found = self._rules.get(key)
        if found is None:
            rule = rule_for(rule_id, limit, self.config.alerts)
            found = self._rules[key] = (rule, float(rule.entry.limit))
        return found

    def _restore(self, channel_ids: list[int], batch: dict[int, list[tuple[dt.datetime, float]]], lock: bool) -> None:
        """Load checkpoints, then fold in the readings stored after them (a crash lost nothing).

        The batch itself is committed before it is evaluated, so what is stored after a channel's
        checkpoint already holds the batch's readings (as stored: a resent reading keeps its first
        value): that replaces them, each reading is fed once."""
        if not channel_ids:
            return
        checkpoints = ChannelState.objects.filter(channel_id__in=channel_ids).order_by("channel_id")
        if lock:
            moment = timezone.now()
            missing = [ChannelState(channel_id=c, state={}, updated_at=moment) for c in sorted(channel_ids)]
            ChannelState.objects.bulk_create(missing, ignore_conflicts=True)  # something to lock for a new channel
            checkpoints = checkpoints.select_for_update()
        stored = dict(checkpoints.values_list("channel_id", "state"))
        since: dict[int, dt.datetime] = {}
        for channel_id in channel_ids:
            runtime = restore_runtime(channel_id, stored.get(channel_id, {}))
            self.runtime[channel_id] = runtime
            first = min(at for at, _ in batch[channel_id])
            start = shift_start_for(first, 0, self.tz) - dt.timedelta(days=1)
            since[channel_id] = max(runtime.stream.last_at or start, start)
        replayed: dict[int, list[tuple[dt.datetime, float]]] = {c: [] for c in channel_ids}
        for channel_id, at, value in readings_since(channel_ids, min(since.values())):
            if at > since[channel_id]:
                replayed[channel_id].append((at, value))
        for channel_id, readings in replayed.items():
            cutoff = since[channel_id]
            batch[channel_id] = [r for r in batch[channel_id] if r[0] <= cutoff] + readings

    def maybe_checkpoint(self, force: bool = False) -> int:
        """Write the state of channels changed more than ``checkpoint_every`` ago (``force``: all of them)."""
        return write_checkpoints(self.take_checkpoints(force))

    def take_checkpoints(self, force: bool = False) -> list[ChannelState]:
        """The states due for a checkpoint, as rows to write; they count as written from now on.

        Due: changed more than ``checkpoint_every`` ago (``force``: every changed channel). At most
        ``CHECKPOINT_CHUNK`` a call, oldest first: a province's channels all change within the same
        minute, and writing them in one go would hold ingest up for seconds."""
        if not self.dirty:
            return []
        if force:
            due = list(self.dirty)
        else:
            horizon = time.monotonic() - self.config.checkpoint_every.total_seconds()
            due = []
            for channel_id, since in self.dirty.items():
                if since > horizon or len(due) >= CHECKPOINT_CHUNK:
                    break
                due.append(channel_id)
            if not due:
                return []
        moment = timezone.now()
        states = [ChannelState(channel_id=c, state=dump_runtime(self.runtime[c]), updated_at=moment) for c in due]
        for channel_id in due:
            del self.dirty[channel_id]
        return states


def merge_checkpoints(older: list[ChannelState], newer: list[ChannelState]) -> list[ChannelState]:
    """One row per channel, the newer state winning (an upsert may touch a row once a statement)."""
    if not older or not newer:
        return older or newer
    merged = {state.channel_id: state for state in older}
    merged.update((state.channel_id, state) for state in newer)
    return list(merged.values())


def write_checkpoints(states: Sequence[ChannelState]) -> int:
    """Upsert checkpoint rows: on PostgreSQL COPYed (JSON made by orjson) and moved in one statement,
    a tenth of the CPU of a bulk upsert with bound JSON; elsewhere a bulk upsert."""
    if not states:
        return 0
    if not is_postgres():
        ChannelState.objects.bulk_create(
            states, update_conflicts=True, unique_fields=["channel"], update_fields=["state", "updated_at"],
            batch_size=1000,
        )  # fmt: skip
        return len(states)
    rows = ((s.channel_id, orjson.dumps(s.state).decode(), s.updated_at) for s in states)
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        copy_to_stage(cursor, _STATE_STAGE, _CREATE_STATE_STAGE, ("channel_id", "state", "updated_at"), rows)
        cursor.execute(_UPSERT_STATES)
    return len(states)


_STATE_TABLE = ChannelState._meta.db_table
_STATE_STAGE = f"{_STATE_TABLE}_stage"
_CREATE_STATE_STAGE = (
    f"CREATE TEMP TABLE IF NOT EXISTS {_STATE_STAGE} (channel_id bigint, state text, updated_at timestamptz) "
    "ON COMMIT DELETE ROWS"
)
_UPSERT_STATES = (
    f"INSERT INTO {_STATE_TABLE} (channel_id, state, updated_at) "  # noqa: S608 - names are module constants
    f"SELECT channel_id, state::jsonb, updated_at FROM {_STATE_STAGE} "
    "ON CONFLICT (channel_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at; "
    # Emptied at once, not only at commit: a caller's transaction may write checkpoints twice.
    f"DELETE FROM {_STATE_STAGE}"
)
