"""MQTT ingest worker: QoS 1, a shared subscription, acknowledgement only after the store commits.

Topic scheme (documented in docs/monitoring.md): a device, or a gateway on its behalf, publishes
a JSON batch (see ``pipeline``) with QoS 1 to ``<prefix>/devices/<device code>/readings``.
Each worker subscribes to ``$share/<group>/<prefix>/devices/+/readings``; the broker hands each
message to one worker of the group. Sessions are persistent (MQTT 5, clean start off, session
expiry), so a message a killed worker had not acknowledged is delivered again when it returns:
at-least-once, and the readings table makes a second delivery a no-op.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any

import paho.mqtt.client as mqtt
from django.db import close_old_connections, connection
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from ohs.monitoring.choices import Transport
from ohs.monitoring.config import (
    RECEIVE_MAXIMUM,
    SESSION_EXPIRY_SECONDS,
    WHOLE,
    MonitoringConfig,
    Partition,
    shared_subscription,
    topic_device,
)
from ohs.monitoring.ingest.evaluator import merge_checkpoints, write_checkpoints
from ohs.monitoring.ingest.pipeline import (
    Envelope,
    MalformedMessage,
    Pipeline,
    Prepared,
    Refusal,
    StoreResult,
    parse_json_batch,
)
from ohs.monitoring.models import ChannelState

log = logging.getLogger(__name__)
RETRY_PAUSE_SECONDS = 1.0
IDLE_WAIT_SECONDS = 0.2  # how long the loop waits for a message before it checks for a stop


@dataclass(frozen=True, slots=True)
class Received:
    mid: int
    qos: int
    topic: str
    payload: bytes


@dataclass(frozen=True, slots=True)
class ToWrite:
    """The writer's next job: a prepared batch (None: none), and the evaluator's checkpoints
    taken since the previous job, which ride with it rather than cost the batch loop a round trip."""

    batch: list[Received]
    prepared: Prepared | None
    checkpoints: list[ChannelState]


def decode(message: Received) -> Envelope | Refusal:
    """One MQTT message as an Envelope, or a refusal naming what is wrong with it."""
    device = topic_device(message.topic)
    try:
        return parse_json_batch(message.payload, transport=Transport.MQTT, source=message.topic, topic_device=device)
    except MalformedMessage as exc:
        text = message.payload.decode("utf-8", "replace")
        return Refusal(Transport.MQTT, message.topic, text, exc.reason, exc.message, exc.field, device)


class MqttIngestWorker:
    """Runs until ``stop`` is set; one paho network thread feeds this worker's batching loop."""

    def __init__(
        self, pipeline: Pipeline, config: MonitoringConfig, client_id: str, partition: Partition = WHOLE
    ) -> None:
        self.pipeline, self.config, self.partition = pipeline, config, partition
        self.inbox: queue.SimpleQueue[Received] = queue.SimpleQueue()  # C: no lock dance per message
        # One batch waits for the writer while it commits another: enough to keep both busy.
        self._to_write: queue.Queue[ToWrite | None] = queue.Queue(maxsize=1)
        self._written: queue.SimpleQueue[StoreResult | None] = queue.SimpleQueue()
        self.stop = threading.Event()
        self.connected = threading.Event()
        self.stored = 0
        self.evaluator = pipeline.evaluator
        if self.evaluator is not None:
            self.evaluator.caller_checkpoints = True  # written by the writer thread, see ToWrite
        self.client = mqtt.Client(
            CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5, manual_ack=True
        )
        self.client.on_connect = self._on_connect
        self.client.on_subscribe = self._on_subscribe
        self.client.on_message = self._on_message
        self.client.on_disconnect = self._on_disconnect

    def connect(self) -> None:
        properties = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]
        properties.SessionExpiryInterval = SESSION_EXPIRY_SECONDS
        properties.ReceiveMaximum = RECEIVE_MAXIMUM
        self.client.connect(
            self.config.mqtt_host, self.config.mqtt_port, keepalive=30, clean_start=False, properties=properties
        )
        self.client.loop_start()

    def _on_connect(self, client: mqtt.Client, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        if reason.is_failure:
            log.error("MQTT connection refused: %s", reason)
            return
        topic = shared_subscription(self.config.topic_prefix, self.partition.group(self.config.share_group))
        client.subscribe(topic, qos=1)
        log.info("MQTT ingest subscribing to %s", topic)

    def _on_subscribe(self, client: mqtt.Client, userdata: Any, mid: int, reasons: Any, properties: Any) -> None:
        # Ready only now: a message published before the broker holds the subscription reaches no one.
        if any(reason.is_failure for reason in reasons):
            log.error("MQTT subscription refused: %s", reasons)
            return
        self.connected.set()

    def _on_disconnect(self, client: mqtt.Client, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        self.connected.clear()
        log.warning("MQTT ingest disconnected (%s); paho reconnects", reason)

    def _on_message(self, client: mqtt.Client, userdata: Any, message: mqtt.MQTTMessage) -> None:
        if not self.partition.owns(topic_device(message.topic)):
            client.ack(message.mid, message.qos)  # another partition's device: its worker has its own copy
            return
        self.inbox.put(Received(message.mid, message.qos, message.topic, bytes(message.payload)))

    def run(self) -> None:
        """Batch, validate, store, acknowledge, evaluate; until stopped.

        Two stages overlap: this thread validates the next batch and evaluates stored ones while
        a writer thread commits the previous batch and acknowledges it (the database works on the
        other core meanwhile). Evaluation follows the commit, in batch order. Checkpoints of the
        evaluator's state are taken here and written by the writer with its next job; the last
        ones are written here once the writer has finished, so nothing older lands after them."""
        writer = threading.Thread(target=self._write_loop, name="ingest-writer", daemon=True)
        writer.start()
        in_flight = 0  # jobs handed to the writer and not evaluated yet
        checkpoints: list[ChannelState] = []  # taken, waiting for the writer's next job
        try:
            while not self.stop.is_set():
                batch = self._next_batch(0.0 if in_flight else IDLE_WAIT_SECONDS)
                if batch:
                    prepared = self._prepare(batch)
                    if prepared is None:
                        break
                    self._to_write.put(ToWrite(batch, prepared, checkpoints))
                    checkpoints = []
                    in_flight += 1
                # Stored batches are evaluated as soon as this thread is free; with nothing to
                # validate it waits for the writer rather than for the next message.
                while in_flight and (not batch or not self._written.empty()):
                    self._evaluate(self._written.get())
                    in_flight -= 1
                if self.evaluator is not None:
                    checkpoints.extend(self.evaluator.take_checkpoints())
                    if checkpoints and not in_flight:  # idle: no batch for them to ride with
                        self._to_write.put(ToWrite([], None, checkpoints))
                        checkpoints = []
                        in_flight += 1
        finally:
            self._to_write.put(None)
            writer.join()
            while in_flight:
                self._evaluate(self._written.get())
                in_flight -= 1
            self._write_last_checkpoints(checkpoints)
            self.client.loop_stop()
            self.client.disconnect()

    def _write_last_checkpoints(self, taken: list[ChannelState]) -> None:
        if self.evaluator is None:
            return
        try:
            write_checkpoints(merge_checkpoints(taken, self.evaluator.take_checkpoints(force=True)))
        except Exception:  # a restart replays the readings stored since the checkpoints that were written
            log.exception("writing the last checkpoints failed")

    def _next_batch(self, wait: float) -> list[Received]:
        try:
            first = self.inbox.get(timeout=wait) if wait else self.inbox.get_nowait()
        except queue.Empty:
            return []
        batch = [first]
        deadline = time.monotonic() + self.config.batch_max_wait.total_seconds()
        while len(batch) < self.config.batch_max_messages and (left := deadline - time.monotonic()) > 0:
            try:
                batch.append(self.inbox.get(timeout=left))
            except queue.Empty:
                break
        return batch

    def _prepare(self, batch: list[Received]) -> Prepared | None:
        decoded = [decode(m) for m in batch]
        envelopes = [d for d in decoded if isinstance(d, Envelope)]
        refusals = [d for d in decoded if isinstance(d, Refusal)]
        while not self.stop.is_set():
            try:
                return self.pipeline.prepare(envelopes, extra_refusals=refusals)
            except Exception:  # the directory's database is down or restarting: keep the batch
                log.exception("validating an MQTT batch failed; retrying")
                close_old_connections()
                time.sleep(RETRY_PAUSE_SECONDS)
        return None  # stopping: the broker redelivers what was not acknowledged

    def _write_loop(self) -> None:
        """The writer thread: commit each batch, then acknowledge its messages (never before);
        then write the checkpoints that came with it (kept for the next job if that fails)."""
        unwritten: list[ChannelState] = []
        try:
            while (job := self._to_write.get()) is not None:
                result = None
                try:
                    if job.prepared is not None:
                        result = self._commit(job.prepared)
                    if result is not None:
                        for message in job.batch:
                            self.client.ack(message.mid, message.qos)
                        self.stored += len(result.stored)
                except Exception:  # never leave the loop: the batch loop waits for every job it handed over
                    log.exception("writing an MQTT batch failed")
                finally:
                    self._written.put(result)  # the batch loop evaluates while the checkpoints are written
                unwritten = self._checkpoint(merge_checkpoints(unwritten, job.checkpoints))
            self._checkpoint(unwritten)
        finally:
            connection.close()  # this thread's own database connection

    def _checkpoint(self, states: list[ChannelState]) -> list[ChannelState]:
        """Write checkpoints; what could not be written is returned, to go with the next job."""
        try:
            write_checkpoints(states)
        except Exception:
            log.exception("writing %d checkpoints failed; they go with the next batch", len(states))
            close_old_connections()
            return states
        return []

    def _commit(self, prepared: Prepared) -> StoreResult | None:
        while not self.stop.is_set():
            try:
                return self.pipeline.commit(prepared)
            except Exception:  # the database is down or restarting: keep the batch, do not ack
                log.exception("storing an MQTT batch failed; retrying")
                close_old_connections()
                time.sleep(RETRY_PAUSE_SECONDS)
        return None  # stopping: not acknowledged, so the broker delivers it again

    def _evaluate(self, result: StoreResult | None) -> None:
        if result is None:
            return
        try:
            self.pipeline.evaluate(result)
        except Exception:  # an evaluation bug must not stop ingest; the stored data stays
            log.exception("evaluating a stored batch failed")
            close_old_connections()
