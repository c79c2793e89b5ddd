"""manage.py run_ingest: one MQTT ingest worker of the shared subscription group."""

from __future__ import annotations

import logging
import os
import signal
import socket
from dataclasses import replace
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ohs.monitoring.config import MonitoringConfig, Partition, get_config
from ohs.monitoring.ingest.evaluator import Evaluator
from ohs.monitoring.ingest.mqtt import MqttIngestWorker
from ohs.monitoring.ingest.pipeline import Pipeline
from ohs.monitoring.ingest.runtime import tune_runtime

log = logging.getLogger(__name__)
CONNECT_WAIT_SECONDS = 15


class Command(BaseCommand):
    help = "Consume device readings from MQTT (QoS 1, shared subscription), store, evaluate, alert."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--client-id", default=f"ohs-ingest-{socket.gethostname()}-1")
        parser.add_argument("--prefix", default=None, help="topic prefix (default OHS_MQTT_TOPIC_PREFIX or 'ohs')")
        parser.add_argument("--group", default=None, help="shared subscription group")
        parser.add_argument(
            "--checkpoint-every",
            type=float,
            default=None,
            metavar="SECONDS",
            help="how long a channel's changed state may wait for its checkpoint (default "
            f"{MonitoringConfig().checkpoint_every.total_seconds():g}; a restart replays the readings stored since)",
        )
        parser.add_argument(
            "--partition",
            default="1/1",
            help="K/N: this worker owns the K-th of N slices of the devices (run N workers, K = 1..N)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        config = get_config()
        overrides = {k: v for k in ("prefix", "group") if (v := options[k])}
        config = replace(
            config,
            topic_prefix=overrides.get("prefix", config.topic_prefix),
            share_group=overrides.get("group", config.share_group),
        )
        if options["checkpoint_every"] is not None:
            if options["checkpoint_every"] < 0:
                raise CommandError("--checkpoint-every: seconds cannot be negative")
            config = replace(config, checkpoint_every=timedelta(seconds=options["checkpoint_every"]))
        try:
            partition = Partition.parse(options["partition"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        pipeline = Pipeline(config, evaluator=Evaluator(config))
        worker = MqttIngestWorker(pipeline, config, options["client_id"], partition)
        signal.signal(signal.SIGTERM, lambda *_: worker.stop.set())
        tune_runtime()
        try:
            worker.connect()
        except OSError as exc:
            raise CommandError(f"no MQTT broker at {config.mqtt_host}:{config.mqtt_port} ({exc})") from exc
        if not worker.connected.wait(CONNECT_WAIT_SECONDS):
            raise CommandError(
                f"the MQTT broker at {config.mqtt_host}:{config.mqtt_port} did not accept the worker's subscription"
            )
        self.stdout.write(
            f"ingest worker {options['client_id']} (pid {os.getpid()}) subscribed on {config.topic_prefix}, "
            f"partition {partition.index}/{partition.count}"
        )
        self.stdout.flush()
        try:
            worker.run()
        except KeyboardInterrupt:
            worker.stop.set()
        self.stdout.write(f"ingest worker {options['client_id']} stopped: {worker.stored} readings stored")
