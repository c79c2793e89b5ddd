"""Profile the MQTT ingest worker's per-message path, without the broker: Python cost per reading.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ohs_bench_ingest uv run python bench/ingest_profile.py

The database is one ``bench/ingest.py`` built (its devices and channels are reused; its readings and
evaluator checkpoints are emptied first, so a run starts as a new worker on an empty table).
Messages are shaped as the benchmark publishes them (a dust and a noise reading per device) and
go through the MQTT worker's steps as its loop would hand them over: decode, validate,
COPY, acknowledge (a no-op client here), evaluate. Prints microseconds per reading for each stage
and, with ``--profile``, the cProfile table of the whole path.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("OHS_TESTING", "0")
os.environ.setdefault("OHS_LOG_LEVEL", "WARNING")


EXCEEDANCE = 60.0  # mg/m3: beyond 5 x the 8 mg/m3 PC-TWA of 其他粉尘 (bench/ingest.py's figure)


class _NoBroker:
    """Stands in for the paho client: acknowledgements are counted, nothing is sent."""

    def __init__(self) -> None:
        self.acks = 0

    def ack(self, mid: int, qos: int) -> None:
        self.acks += 1


def messages(
    codes: list[str], prefix: str, start: dt.datetime, rounds: int, exceedance_every: int
) -> list[list[object]]:
    """Per round, one message per device, as bench/ingest.py publishes them (and as its latency
    phase does, one in ``exceedance_every`` with a dust exceedance that raises an alert)."""
    from ohs.monitoring.ingest.mqtt import Received

    out: list[list[object]] = []
    mid = 0
    for r in range(rounds):
        at = (start + dt.timedelta(seconds=r)).isoformat()
        batch: list[object] = []
        for i, code in enumerate(codes):
            dust = EXCEEDANCE if exceedance_every and r > 0 and (i + r) % exceedance_every == 0 else 2.0
            readings = [
                {"channel": "a34001", "value": dust, "unit": "mg/m3", "at": at},
                {"channel": "LA", "value": 80.0, "unit": "dB", "at": at},
            ]
            mid += 1
            payload = json.dumps({"device": code, "readings": readings}).encode()
            batch.append(Received(mid, 1, f"{prefix}/devices/{code}/readings", payload))
        out.append(batch)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devices", type=int, default=2000, help="devices per round (of those in the database)")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--batch", type=int, default=500, help="messages per worker batch")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--exceedance-every", type=int, default=0, help="one message in N raises an alert")
    parser.add_argument("--default-gc", action="store_true", help="CPython's collector as it is (run_ingest tunes it)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from ohs.monitoring.config import get_config
    from ohs.monitoring.ingest.evaluator import Evaluator
    from ohs.monitoring.ingest.mqtt import MqttIngestWorker, decode
    from ohs.monitoring.ingest.pipeline import Envelope, Pipeline, Refusal
    from ohs.monitoring.ingest.runtime import tune_runtime
    from ohs.monitoring.models import Device

    config = get_config()
    codes = list(Device.objects.order_by("code").values_list("code", flat=True)[: args.devices])
    if not codes:
        sys.exit("no devices: run bench/ingest.py on this database first")
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=6)  # noqa: TID251 - a bench clock
    rounds = messages(codes, config.topic_prefix, start, args.rounds, args.exceedance_every)
    with connection.cursor() as cursor:  # what the benchmark or an earlier run left would be replayed
        cursor.execute("TRUNCATE monitoring_reading, monitoring_channelstate")
        cursor.execute("DELETE FROM monitoring_verificationtask")
        cursor.execute("DELETE FROM monitoring_alert")
    worker = MqttIngestWorker(Pipeline(config, evaluator=Evaluator(config)), config, "profile")
    broker = _NoBroker()
    worker.client = broker  # type: ignore[assignment]
    if not args.default_gc:
        tune_runtime()
    profiler = cProfile.Profile() if args.profile else None
    for number, batch_of_round in enumerate(rounds):
        # The first round meets every channel for the first time (directory load, checkpoint restore);
        # the later ones are the steady state of a running worker.
        timings = {"decode": 0.0, "store": 0.0, "evaluate": 0.0}
        total = alerts = 0
        cpu = time.process_time()
        for i in range(0, len(batch_of_round), args.batch):
            batch = batch_of_round[i : i + args.batch]
            if profiler and number == int(os.environ.get("PROFILE_ROUND", "1")):
                profiler.enable()
            t0 = time.perf_counter()
            decoded = [decode(m) for m in batch]  # type: ignore[arg-type]
            envelopes = [d for d in decoded if isinstance(d, Envelope)]
            refusals = [d for d in decoded if isinstance(d, Refusal)]
            t1 = time.perf_counter()
            result = worker.pipeline.store(envelopes, extra_refusals=refusals)
            for m in batch:
                broker.ack(m.mid, m.qos)  # type: ignore[attr-defined]
            t2 = time.perf_counter()
            alerts += worker.pipeline.evaluate(result)
            t3 = time.perf_counter()
            if profiler:
                profiler.disable()
            timings["decode"] += t1 - t0
            timings["store"] += t2 - t1
            timings["evaluate"] += t3 - t2
            total += len(result.stored)
        cpu = time.process_time() - cpu
        whole = sum(timings.values())
        stages = ", ".join(f"{stage} {seconds / total * 1e6:.1f}" for stage, seconds in timings.items())
        kind = "first sight of every channel" if number == 0 else "steady state"
        print(f"round {number + 1} ({kind}): {total:,} readings, {whole / total * 1e6:.1f} us per reading "
              f"({stages}); this process's CPU {cpu / total * 1e6:.1f} us per reading; "
              f"{alerts} alert transitions")  # fmt: skip
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
