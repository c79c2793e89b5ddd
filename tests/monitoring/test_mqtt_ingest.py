"""MQTT ingest against the real Mosquitto: a mosquitto_pub message is stored, a malformed one goes
to the dead letters without stopping the consumer, and killing the consumer loses nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import threading
import time
import uuid

import paho.mqtt.client as mqtt
import pytest
from django.utils import timezone
from paho.mqtt.enums import CallbackAPIVersion

from ohs.monitoring.config import Partition
from tests.monitoring.conftest import Platform, stop, wait_for_line

pytestmark = pytest.mark.broker
MOSQUITTO_PUB_START_SECONDS = 0.5  # starting the mosquitto_pub process itself, not the platform's work


def _worker(platform: Platform, prefix: str, client_id: str, *options: str) -> subprocess.Popen[str]:
    process = platform.manage(
        "run_ingest", "--prefix", prefix, "--group", f"g{prefix}", "--client-id", client_id, *options
    )
    wait_for_line(process, "subscribed")
    return process


def _batch(code: str, at: dt.datetime, value: float = 2.5) -> str:
    reading = {"channel": "a34001", "value": value, "unit": "mg/m3", "at": at.isoformat()}
    return json.dumps({"device": code, "readings": [reading]})


def test_mosquitto_pub_is_stored_and_malformed_goes_to_dead_letters(
    platform: Platform, mosquitto: tuple[str, int]
) -> None:
    prefix = f"test{uuid.uuid4().hex[:10]}"
    worker = _worker(platform, prefix, f"c{prefix}")
    topic = f"{prefix}/devices/{platform.device_code}/readings"
    pub = ["mosquitto_pub", "-h", mosquitto[0], "-p", str(mosquitto[1]), "-q", "1", "-t", topic, "-m"]
    try:
        before = platform.count_readings()
        now = timezone.now()
        subprocess.run([*pub, "{not json"], check=True)
        subprocess.run([*pub, _batch(platform.device_code, now)], check=True)
        assert platform.wait_for(lambda: platform.count_readings() == before + 1)
        letters = platform.query("SELECT reason, transport FROM monitoring_deadletter WHERE source = ?", topic)
        assert letters == [("invalid_json", "mqtt")]
        assert worker.poll() is None, "a malformed message stopped the consumer"
        _dust_exceedance_becomes_a_task_within_a_second(platform, pub)
    finally:
        stop(worker)


def _dust_exceedance_becomes_a_task_within_a_second(platform: Platform, pub: list[str]) -> None:
    alert_sql = (
        "SELECT a.id, a.county_id, t.assignee_id FROM monitoring_alert a JOIN monitoring_verificationtask t "
        "ON t.alert_id = a.id WHERE a.device_id = ? AND a.rule_id = 'ceiling'"
    )
    published = time.monotonic()
    subprocess.run([*pub, _batch(platform.device_code, timezone.now(), 60.0)], check=True)
    assert platform.wait_for(lambda: platform.query(alert_sql, platform.device_id), 5)
    assert time.monotonic() - published < 1.0 + MOSQUITTO_PUB_START_SECONDS
    (alert_id, county, assignee), *_ = platform.query(alert_sql, platform.device_id)
    expected = platform.query("SELECT id FROM orgs_organisation WHERE kind = 'enforcement' AND region_id = ?", county)
    assert (county, [(assignee,)]) == ("330102", expected)  # 上城区's enforcement body: sc_inspector's queue
    (latency,) = platform.query(
        "SELECT (julianday(created_at) - julianday(opened_at)) * 86400 FROM monitoring_alert WHERE id = ?", alert_id
    )[0]
    assert latency < 1.0  # from the reading's time to the stored alert (and task, same transaction)


def test_killing_the_consumer_loses_no_acknowledged_reading(platform: Platform, mosquitto: tuple[str, int]) -> None:
    prefix = f"test{uuid.uuid4().hex[:10]}"
    client_id = f"c{prefix}"
    worker = _worker(platform, prefix, client_id)
    before = platform.count_readings()
    acknowledged: list[int] = []
    publisher = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
    publisher.on_publish = lambda client, userdata, mid, reason, properties: acknowledged.append(mid)
    publisher.connect(*mosquitto)
    publisher.loop_start()
    start = timezone.now() - dt.timedelta(minutes=30)
    total = 400

    def publish() -> None:
        for i in range(total):
            topic = f"{prefix}/devices/{platform.device_code}/readings"
            publisher.publish(topic, _batch(platform.device_code, start + dt.timedelta(seconds=i)), qos=1)
            time.sleep(0.01)

    sender = threading.Thread(target=publish)
    try:
        sender.start()
        time.sleep(1.0)
        os.kill(worker.pid, signal.SIGKILL)  # no goodbye: in-flight batches were never acknowledged
        worker.wait()
        time.sleep(1.0)
        worker = _worker(platform, prefix, client_id)  # same client id: its session and queue wait on the broker
        sender.join()
        assert platform.wait_for(lambda: len(acknowledged) == total, 10)
        assert platform.wait_for(lambda: platform.count_readings() - before >= total, 30), (
            f"{platform.count_readings() - before} of {total} acknowledged readings stored"
        )
        assert platform.count_readings() - before == total  # and none twice
    finally:
        publisher.loop_stop()
        publisher.disconnect()
        stop(worker)


def test_partitioned_workers_each_evaluate_only_their_own_devices(
    platform: Platform, mosquitto: tuple[str, int]
) -> None:
    """Two workers, partitions 1/2 and 2/2: the device's owner stores and evaluates all of its
    readings, in order; the other acknowledges its copies unread."""
    prefix = f"test{uuid.uuid4().hex[:10]}"
    workers = {k: _worker(platform, prefix, f"c{prefix}-{k}", "--partition", f"{k}/2") for k in (1, 2)}
    owner = next(k for k in (1, 2) if Partition(k, 2).owns(platform.device_code))
    topic = f"{prefix}/devices/{platform.device_code}/readings"
    pub = ["mosquitto_pub", "-h", mosquitto[0], "-p", str(mosquitto[1]), "-q", "1", "-t", topic, "-m"]
    before, total = platform.count_readings(), 5
    start = timezone.now() - dt.timedelta(minutes=20)
    try:
        for i in range(total):
            subprocess.run([*pub, _batch(platform.device_code, start + dt.timedelta(seconds=i))], check=True)
        assert platform.wait_for(lambda: platform.count_readings() - before == total)
    finally:
        for worker in workers.values():
            stop(worker)
    stored = {k: _stored_by(worker) for k, worker in workers.items()}
    assert stored == {owner: total, 3 - owner: 0}


def _stored_by(worker: subprocess.Popen[str]) -> int:
    assert worker.stdout is not None
    (line,) = [line for line in worker.stdout.read().splitlines() if "readings stored" in line]
    return int(line.split("stopped: ")[1].split()[0])


_NEW_DEVICE = """
from ohs.monitoring.tests.factories import make_device
from ohs.registry.models import Employer
device = make_device(Employer.objects.order_by("pk").first())
print(device.code, device.channels.get(code="a34001").pk)
"""


def test_checkpoints_are_written_while_running_and_the_last_ones_on_stopping(
    platform: Platform, mosquitto: tuple[str, int]
) -> None:
    """A worker checkpoints every change (--checkpoint-every 0): its writer thread writes them while it
    runs. Its successor checkpoints hourly: only stopping writes its state, which holds its last reading."""
    made = platform.manage("shell", "-c", _NEW_DEVICE)
    out, _ = made.communicate(timeout=120)
    code, channel = out.split()[-2:]
    prefix = f"test{uuid.uuid4().hex[:10]}"
    topic = f"{prefix}/devices/{code}/readings"
    pub = ["mosquitto_pub", "-h", mosquitto[0], "-p", str(mosquitto[1]), "-q", "1", "-t", topic, "-m"]
    start = timezone.now() - dt.timedelta(minutes=1)
    times = [start + dt.timedelta(seconds=i) for i in range(6)]

    def checkpointed() -> str | None:
        rows = platform.query(
            "SELECT json_extract(state, '$.stream.last_at') FROM monitoring_channelstate WHERE channel_id = ?", channel
        )
        return str(rows[0][0]) if rows and rows[0][0] else None

    def stored() -> int:
        ((count,),) = platform.query("SELECT count(*) FROM monitoring_reading WHERE channel_id = ?", channel)
        assert isinstance(count, int)
        return count

    eager = _worker(platform, prefix, f"c{prefix}", "--checkpoint-every", "0")
    try:
        for at in times[:3]:
            subprocess.run([*pub, _batch(code, at)], check=True)
        assert platform.wait_for(lambda: checkpointed() == times[2].isoformat())
        assert eager.poll() is None  # written while the worker runs
    finally:
        stop(eager)
    hourly = _worker(platform, prefix, f"c{prefix}", "--checkpoint-every", "3600")
    try:
        for at in times[3:]:
            subprocess.run([*pub, _batch(code, at)], check=True)
        assert platform.wait_for(lambda: stored() == len(times))
        assert checkpointed() == times[2].isoformat()  # not due within the hour
    finally:
        stop(hourly)
    assert (eager.returncode, hourly.returncode) == (0, 0)
    assert checkpointed() == times[-1].isoformat()
