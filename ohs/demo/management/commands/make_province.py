"""manage.py make_province --scale small|medium|province --seed N"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ohs.demo.builder import DEMO_LOGINS, DEMO_PASSWORD, SCALES, ProvinceBuilder
from ohs.orgs.models import Organisation


class Command(BaseCommand):
    help = "Build a synthetic Zhejiang province for demos and benchmarks (same seed, same province)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="do nothing when organisations already exist")

    def handle(self, *args: Any, **options: Any) -> None:
        if Organisation.objects.exists():
            if options["if_empty"]:
                self.stdout.write("demo province already present")
                self._print_logins()
                return
            raise CommandError("the database already holds organisations; use a fresh database")
        started = time.monotonic()
        builder = ProvinceBuilder(SCALES[options["scale"]], options["seed"], lambda line: self.stdout.write(line))
        counts = builder.build()
        seconds = time.monotonic() - started
        rows = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"built {counts} in {seconds:.1f} s ({rows / seconds:,.0f} rows/s)"))
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        for username, role, _org, name in DEMO_LOGINS:
            self.stdout.write(f"  {username:<16} {role:<18} {name}")
        self.stdout.write(f"  {'worker1':<16} {'worker':<18} 劳动者（employer1 的职工）")
