"""manage.py make_province --scale small|medium|province --seed N [--as-of YYYY-MM-DD]"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ohs.demo.builder import DEMO_LOGINS, DEMO_PASSWORD, SCALES, BuildReport, ProvinceBuilder
from ohs.orgs.models import Organisation


class Command(BaseCommand):
    help = "Build a synthetic Zhejiang province for demos and benchmarks (same seed, same province)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            default=None,
            help="the day the province is built as of (default today); dates of events lie before it",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=os.cpu_count() or 1,
            help="processes that plan workers and encrypt their ID numbers at medium scale and above (0: none)",
        )
        parser.add_argument("--if-empty", action="store_true", help="do nothing when organisations already exist")

    def handle(self, *args: Any, **options: Any) -> None:
        if Organisation.objects.exists():
            if options["if_empty"]:
                self.stdout.write("demo province already present")
                self._print_logins()
                return
            raise CommandError("the database already holds organisations; use a fresh database")
        as_of = options["as_of"] or timezone.localdate()
        self.stdout.write(f"building scale {options['scale']} with seed {options['seed']} as of {as_of}")
        try:
            builder = ProvinceBuilder(
                SCALES[options["scale"]], options["seed"], self.stdout.write, as_of, options["processes"]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        report = builder.build()
        self._print_report(report)
        self._print_logins()

    def _print_report(self, report: BuildReport) -> None:
        self.stdout.write(f"\n{'table':<28}{'rows':>12}{'write s':>10}{'rows/s':>12}")
        for stats in report.tables:
            self.stdout.write(
                f"{stats.label:<28}{stats.rows:>12,}{stats.seconds:>10.1f}{stats.rows_per_second:>12,.0f}"
            )
        stages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.stages.items())
        self.stdout.write(f"stages (generation + writing): {stages}")
        rate = report.rows / report.seconds if report.seconds else 0.0
        self.stdout.write(
            self.style.SUCCESS(f"built {report.rows:,} rows in {report.seconds:.1f} s ({rate:,.0f} rows/s)")
        )
        self.stdout.write(f"counts: {report.counts}")
        self.stdout.write(f"province digest: {report.digest}")

    def _print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        for username, role, _org, name in DEMO_LOGINS:
            self.stdout.write(f"  {username:<16} {role:<18} {name}")
        self.stdout.write(f"  {'worker1':<16} {'worker':<18} 劳动者（employer1 的职工）")
