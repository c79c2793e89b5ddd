"""Benchmark: the monitoring hot path on PostgreSQL with Mosquitto, against its two ceilings.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ohs_bench_ingest uv run python bench/ingest.py

Steps (each bounded in time):
1. a fresh database: migrate, the persona world, ``--devices`` monitors with a dust and a noise
   channel each, spread over two counties;
2. transport ceiling: a subscriber that only receives, acknowledges and counts the same messages
   the pipeline will get, from the same broker, connected and subscribed as an ingest worker is;
3. storage ceiling: a plain COPY of the same number of rows into the same readings table, with its
   primary key and BRIN index;
4. pipeline: ``run_ingest`` workers (``--workers`` N: partitions 1/N .. N/N) take one message per
   device first (their first sight of each device: directory load, state restore; printed apart),
   then ``--rounds`` messages per device: sustained readings/s = readings stored / time from the
   first publish to the last stored, the same window as the transport ceiling's;
5. alert latency at a sustained rate: publish at ``--latency-load`` of the pipeline's rate for
   ``--latency-seconds`` (by default long enough to take in the workers' periodic work: the first
   checkpoints of the evaluator's state and the directory's refresh, both due within a minute of the
   first sight), with dust exceedances on devices not yet alerted; latency = time the alert row was
   written - time the reading was published (stamped in the reading); and the backlog when
   publishing stopped, which says whether the pipeline kept up with that rate.
Prints readings/s of each, the ratio of the pipeline to the lower ceiling, and alert latency p50/p99.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import paho.mqtt.client as mqtt
import psycopg
from paho.mqtt.enums import CallbackAPIVersion

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from ohs.monitoring.config import RECEIVE_MAXIMUM, SESSION_EXPIRY_SECONDS  # noqa: E402 - Django-free constants

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ohs_bench_ingest"
PUBLISH_WINDOW = 500  # messages published but not yet acknowledged by the broker
EXCEEDANCE = 60.0  # mg/m3: beyond 5 x the 8 mg/m3 PC-TWA of 其他粉尘, an alert at once
POLL_SECONDS = 0.02  # how often the pipeline's stored count is read: its rate is exact to this
SETUP = """
import datetime as dt
from ohs.testing.personas import build_world
from ohs.monitoring.models import Channel, Device
from ohs.monitoring.services.devices import QUANTITY_DEFAULTS, limits_for
from ohs.hazards.models import Agent
world = build_world()
agent = Agent.objects.get(name_zh="其他粉尘")
employers = [world.employers["A"], world.employers["B"]]
devices = [Device(code=f"{{i:024X}}", name="bench", owner_id=employers[i % 2].organisation_id,
                  employer=employers[i % 2], county_id=employers[i % 2].county_id,
                  installed_on=dt.date.today()) for i in range({devices})]
Device.objects.bulk_create(devices, batch_size=2000)
dust, noise = limits_for("total_dust", agent, None), limits_for("laeq", None, None)
channels = []
for d in Device.objects.all():
    for quantity, figure in (("total_dust", dust), ("laeq", noise)):
        code, parameter, unit = QUANTITY_DEFAULTS[quantity]
        channels.append(Channel(device=d, code=code, quantity=quantity, parameter=parameter.value, unit=unit.value,
                                twa_limit=figure.twa, stel_limit=figure.stel, mac_limit=figure.mac))
Channel.objects.bulk_create(channels, batch_size=5000)
print(Device.objects.count(), Channel.objects.count())
"""
COUNTER = """
import sys, time, threading
import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
host, port, topic, client_id = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[6]
expect, wait, expiry, receive_maximum = int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[7]), int(sys.argv[8])
count, last, done = [0], [0.0], threading.Event()
def on_message(c, u, m):
    c.ack(m.mid, m.qos)  # acknowledged one by one, as the ingest worker does (there: once stored)
    count[0] += 1
    last[0] = time.monotonic()
    if count[0] >= expect:
        done.set()
client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5, manual_ack=True)
client.on_message = on_message
client.on_connect = lambda c, u, f, r, p: c.subscribe(topic, qos=1)
client.on_subscribe = lambda c, u, mid, r, p: print("ready", flush=True)  # the broker holds the subscription
properties = Properties(PacketTypes.CONNECT)
properties.SessionExpiryInterval, properties.ReceiveMaximum = expiry, receive_maximum
client.connect(host, port, keepalive=30, clean_start=False, properties=properties)
client.loop_start()
done.wait(wait)
print(count[0], last[0], flush=True)
"""


BROKER_CONF = """listener {port} 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 0
max_inflight_messages 0
"""


def private_broker(directory: Path) -> tuple[subprocess.Popen[bytes], int]:
    """A Mosquitto of the bench's own: the shared one keeps the default 20 in-flight / 1,000 queued
    messages per client, which a province's broker would be configured beyond."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    conf = directory / "mosquitto.conf"
    conf.write_text(BROKER_CONF.format(port=port))
    process = subprocess.Popen(["/usr/sbin/mosquitto", "-c", str(conf)], stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    return process, port


def manage(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    return subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout


def recreate_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


class Publisher:
    """Publishes device batches with QoS 1 and counts the broker's acknowledgements."""

    def __init__(self, host: str, port: int) -> None:
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
        self.client.max_inflight_messages_set(2000)
        self.client.max_queued_messages_set(0)
        self.acked = 0
        self.sent = 0
        self.client.on_publish = self._on_publish
        self.client.connect(host, port)
        self.client.loop_start()

    def _on_publish(self, client: mqtt.Client, userdata: object, mid: int, reason: object, properties: object) -> None:
        self.acked += 1

    def send(self, prefix: str, code: str, dust: float, noise: float) -> None:
        at = dt.datetime.now(dt.UTC).isoformat()  # noqa: TID251 - the publish time, for the latency
        readings = [
            {"channel": "a34001", "value": dust, "unit": "mg/m3", "at": at},
            {"channel": "LA", "value": noise, "unit": "dB", "at": at},
        ]
        payload = json.dumps({"device": code, "readings": readings})
        while self.sent - self.acked >= PUBLISH_WINDOW:  # paho rescans its queue on every ack: keep it short
            time.sleep(0.0005)
        self.sent += 1
        self.client.publish(f"{prefix}/devices/{code}/readings", payload, qos=1)

    def close(self, sent: int = 0, seconds: float = 30) -> None:
        """Wait until the broker acknowledged ``sent`` messages, then disconnect."""
        deadline = time.monotonic() + seconds
        while self.acked < sent and time.monotonic() < deadline:
            time.sleep(0.05)
        self.client.loop_stop()
        self.client.disconnect()


def codes(devices: int) -> list[str]:
    return [f"{i:024X}" for i in range(devices)]


def transport_ceiling(args: argparse.Namespace, devices: list[str], rounds: int) -> float:
    """A subscriber that only counts, connected and subscribed as an ingest worker is (MQTT 5, the
    worker's session expiry and receive maximum, a shared subscription, QoS 1, a PUBACK per message);
    timed as the pipeline is: from the first publish to the last message received."""
    prefix = f"benchT{uuid.uuid4().hex[:8]}"
    expect = len(devices) * rounds
    command = [sys.executable, "-c", COUNTER, args.host, str(args.port), f"$share/{prefix}/{prefix}/devices/+/readings",
               str(expect), "120", f"{prefix}-counter", str(SESSION_EXPIRY_SECONDS), str(RECEIVE_MAXIMUM)]  # fmt: skip
    counter = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert counter.stdout is not None
    counter.stdout.readline()
    publisher = Publisher(args.host, args.port)
    started = time.monotonic()  # CLOCK_MONOTONIC: the same clock in the counter's process
    for _ in range(rounds):
        for code in devices:
            publisher.send(prefix, code, 2.0, 80.0)
    received, last = counter.stdout.readline().split()
    counter.wait()
    publisher.close(expect)
    if int(received) < expect:
        print(f"transport: only {received} of {expect} messages arrived")
    return 2 * int(received) / (float(last) - started)


def storage_ceiling(url: str, devices: int, rounds: int) -> float:
    """COPY the same number of rows (a day ahead, so no key collides with the pipeline's)."""
    with psycopg.connect(url) as connection:
        channel_rows = connection.execute("SELECT id, device_id FROM monitoring_channel ORDER BY id").fetchall()
        base = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)  # noqa: TID251 - wall clock of a benchmark
        buffer = io.StringIO()
        for r in range(rounds):
            at = (base + dt.timedelta(seconds=r)).isoformat()
            for channel_id, device_id in channel_rows[: 2 * devices]:
                buffer.write(f"{channel_id}\t{device_id}\t{at}\t2.5\tN\n")
        data = buffer.getvalue()
        started = time.monotonic()
        with (
            connection.cursor() as cursor,
            cursor.copy("COPY monitoring_reading (channel_id, device_id, measured_at, value, flag) FROM STDIN") as copy,
        ):
            copy.write(data)
        connection.commit()
        seconds = time.monotonic() - started
        connection.execute("DELETE FROM monitoring_reading WHERE measured_at > %s", [base - dt.timedelta(hours=1)])
        connection.commit()
    return len(channel_rows[: 2 * devices]) * rounds / seconds


def start_workers(env: dict[str, str], prefix: str, count: int) -> list[subprocess.Popen[str]]:
    workers = []
    for i in range(count):
        partition = ["--partition", f"{i + 1}/{count}"] if count > 1 else []
        command = [sys.executable, str(ROOT / "manage.py"), "run_ingest", "--prefix", prefix, "--group", prefix,
                   "--client-id", f"{prefix}-{i}", *partition]  # fmt: skip
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   text=True)  # fmt: skip
        assert process.stdout is not None
        process.stdout.readline()  # "subscribed"
        workers.append(process)
    return workers


def publish_and_wait(args: argparse.Namespace, prefix: str, devices: list[str], rounds: int) -> tuple[int, float]:
    """Publish ``rounds`` messages per device; (readings stored, seconds from the first publish to
    the moment they were all stored, polled every ``POLL_SECONDS``)."""
    with psycopg.connect(args.url, autocommit=True) as connection:

        def count() -> int:
            return int(connection.execute("SELECT count(*) FROM monitoring_reading").fetchone()[0])  # type: ignore[index]

        before = count()
        expect = before + 2 * len(devices) * rounds
        publisher = Publisher(args.host, args.port)
        started = time.monotonic()
        for _ in range(rounds):
            for code in devices:
                publisher.send(prefix, code, 2.0, 80.0)
        publisher.close(len(devices) * rounds)
        deadline = started + args.max_seconds
        stored = count()
        while stored < expect and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            stored = count()
        return stored - before, time.monotonic() - started


def pipeline_rate(args: argparse.Namespace, prefix: str, devices: list[str], rounds: int) -> tuple[float, float]:
    """Readings/s of the workers' first sight of every device (directory load, state restore), then
    sustained: ``rounds`` more messages per device, timed as the transport ceiling is."""
    first, first_seconds = publish_and_wait(args, prefix, devices, 1)
    stored, seconds = publish_and_wait(args, prefix, devices, rounds)
    return first / first_seconds, stored / seconds


def stored_count(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as connection:
        return int(connection.execute("SELECT count(*) FROM monitoring_reading").fetchone()[0])  # type: ignore[index]


def alert_latency(args: argparse.Namespace, prefix: str, devices: list[str], rate: float) -> tuple[list[float], int]:
    """Publish at ``rate`` readings/s for a while; one device in 200 sends an exceedance. Returns the
    latencies and the backlog when publishing stopped (readings published, not yet stored): a backlog
    that is more than a second or so of load means the pipeline did not keep up with that rate."""
    before = stored_count(args.url)
    publisher = Publisher(args.host, args.port)
    interval = 2.0 / rate  # two readings per message
    started = time.monotonic()
    sent = 0
    exceedances = iter(devices[len(devices) // 2 :])  # devices that had no alert yet
    while time.monotonic() - started < args.latency_seconds:
        code = devices[sent % len(devices)]
        dust = EXCEEDANCE if sent % 200 == 0 else 2.0
        publisher.send(prefix, next(exceedances, code) if dust == EXCEEDANCE else code, dust, 80.0)
        sent += 1
        time.sleep(max(0.0, started + sent * interval - time.monotonic()))
    backlog = 2 * sent - (stored_count(args.url) - before)
    publisher.close(sent)
    time.sleep(3)
    with psycopg.connect(args.url) as connection:
        rows = connection.execute(
            "SELECT extract(epoch FROM created_at - opened_at) FROM monitoring_alert WHERE rule_id = 'ceiling'"
        ).fetchall()
    return [float(r[0]) for r in rows], backlog


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1883)
    parser.add_argument("--devices", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3, help="messages per device in each throughput phase")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=90)
    parser.add_argument("--latency-seconds", type=float, default=60)
    parser.add_argument("--latency-load", type=float, default=0.7)
    parser.add_argument(
        "--shared-broker",
        dest="private_broker",
        action="store_false",
        help="use the broker at --host:--port as configured, instead of a private tuned one",
    )
    args = parser.parse_args()
    broker = None
    if args.private_broker:
        broker, args.port = private_broker(Path(tempfile.mkdtemp()))
    env = {**os.environ, "DATABASE_URL": args.url, "OHS_TESTING": "0", "OHS_LOG_LEVEL": "WARNING",
           "OHS_MQTT_HOST": args.host, "OHS_MQTT_PORT": str(args.port)}  # fmt: skip
    recreate_database(args.url)
    manage(env, "migrate", "--noinput", "-v0")
    print("setup:", manage(env, "shell", "-c", SETUP.format(devices=args.devices)).strip(), "(devices, channels)")
    devices = codes(args.devices)
    transport = transport_ceiling(args, devices, args.rounds)
    storage = storage_ceiling(args.url, args.devices, args.rounds)
    prefix = f"bench{uuid.uuid4().hex[:8]}"
    workers = start_workers(env, prefix, args.workers)
    try:
        first_sight, pipeline = pipeline_rate(args, prefix, devices, args.rounds)
        latencies, backlog = alert_latency(args, prefix, devices, pipeline * args.latency_load)
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=20)
        if broker is not None:
            broker.terminate()
    lower = min(transport, storage)
    broker_name = "private tuned Mosquitto" if broker else "shared Mosquitto"
    print(f"devices: {args.devices:,}, readings per phase: {2 * args.devices * args.rounds:,}, "
          f"workers: {args.workers}, broker: {broker_name} on port {args.port}")  # fmt: skip
    print(f"transport ceiling (receive and count):  {transport:10,.0f} readings/s")
    print(f"storage ceiling (plain COPY):           {storage:10,.0f} readings/s")
    print(f"pipeline, first sight of each device:    {first_sight:10,.0f} readings/s (not in the ratio)")
    print(f"pipeline (publish -> store -> evaluate): {pipeline:10,.0f} readings/s")
    print(f"ratio pipeline / lower ceiling:          {pipeline / lower:10.2f}")
    if latencies:
        p99 = statistics.quantiles(latencies, n=100)[98] if len(latencies) >= 2 else latencies[0]
        p50 = statistics.median(latencies)
        print(f"alert latency at {args.latency_load:.0%} of that rate: p50 {p50 * 1000:.0f} ms, "
              f"p99 {p99 * 1000:.0f} ms over {len(latencies)} alerts")  # fmt: skip
        load = pipeline * args.latency_load
        print(f"  backlog when publishing stopped: {backlog:,} readings ({backlog / load:.1f} s of that load)")
    else:
        print("no alert was raised: latency not measured")


if __name__ == "__main__":
    main()
