"""manage.py classify_all [--batch N]: every employer's risk profile; prints employers per second."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ohs.risk.services import BATCH_SIZE, classify_all


class Command(BaseCommand):
    help = "Classify every employer (甲/乙/丙) in batches and report the throughput."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=BATCH_SIZE, help="employers per batch")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        done = 0
        for count in classify_all(batch_size=options["batch"]):
            done += count
            if options["verbosity"] > 1:
                self.stdout.write(f"{done} employers")
        seconds = time.perf_counter() - started
        rate = done / seconds if seconds else 0.0
        self.stdout.write(f"classified {done} employers in {seconds:.1f} s: {rate:.0f} employers/s")
