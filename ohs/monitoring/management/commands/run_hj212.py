"""manage.py run_hj212: the HJ 212-2017 TCP listener for online monitors."""

from __future__ import annotations

import asyncio
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ohs.monitoring.ingest.evaluator import Evaluator
from ohs.monitoring.ingest.hj212_server import serve
from ohs.monitoring.ingest.pipeline import Pipeline
from ohs.monitoring.ingest.runtime import tune_runtime


class Command(BaseCommand):
    help = "Listen for HJ 212-2017 stations over TCP: frame, check CRC, store, answer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("OHS_HJ212_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("OHS_HJ212_PORT", "9212")))

    def handle(self, *args: Any, **options: Any) -> None:
        evaluator = Evaluator()
        pipeline = Pipeline(evaluator=evaluator)

        def ready(port: int) -> None:
            self.stdout.write(f"HJ 212 listener on {options['host']}:{port}")
            self.stdout.flush()

        tune_runtime()
        try:
            asyncio.run(serve(pipeline, options["host"], options["port"], ready))
        except KeyboardInterrupt:
            pass
        finally:
            evaluator.maybe_checkpoint(force=True)
