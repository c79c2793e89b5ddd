"""manage.py simulate_devices: registered devices report realistic data over MQTT, HTTP or HJ 212."""

from __future__ import annotations

import random
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ohs.monitoring.config import get_config
from ohs.monitoring.rules.simulation import SimulationRates
from ohs.monitoring.simulator import Simulator, load_devices


class Command(BaseCommand):
    help = "Simulate monitoring devices: shift patterns, machine noise, dust peaks, exceedances, outages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--transport", choices=["mqtt", "http", "hj212"], default="mqtt")
        parser.add_argument("--devices", type=int, default=10, help="how many registered devices report")
        parser.add_argument("--interval", type=float, default=10.0, help="seconds between two reports")
        parser.add_argument("--duration", type=float, default=0, help="seconds to run (0: until Ctrl-C)")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--http-url", default="http://127.0.0.1:8000/api/v1/monitoring/ingest")
        parser.add_argument("--hj212", default="127.0.0.1:9212", help="host:port of the HJ 212 listener")
        parser.add_argument("--exceedance-rate", type=float, default=SimulationRates.exceedance)
        parser.add_argument("--outage-rate", type=float, default=SimulationRates.outage)
        parser.add_argument("--malformed-rate", type=float, default=SimulationRates.malformed)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])
        devices = load_devices(options["devices"], rng)
        host, port = options["hj212"].rsplit(":", 1)
        rates = SimulationRates(
            exceedance=options["exceedance_rate"], outage=options["outage_rate"], malformed=options["malformed_rate"]
        )
        simulator = Simulator(devices, options["transport"], get_config(), seed=options["seed"], rates=rates,
                              http_url=options["http_url"], hj212_address=(host, int(port)))  # fmt: skip
        simulator.start()
        self.stdout.write(
            f"simulating {len(devices)} devices over {options['transport']} every {options['interval']} s"
        )
        started = time.monotonic()
        try:
            while not options["duration"] or time.monotonic() - started < options["duration"]:
                tick_started = time.monotonic()
                simulator.tick(timezone.now())
                time.sleep(max(0.0, options["interval"] - (time.monotonic() - tick_started)))
        except KeyboardInterrupt:
            pass
        finally:
            simulator.stop()
        self.stdout.write(f"sent {simulator.sent} batches")
