"""make_province refuses a database that already holds a platform, and reports rows per second."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from ohs.demo.builder import SCALES, BuildReport, ProvinceBuilder
from ohs.demo.bulk import TableStats
from ohs.demo.management.commands.make_province import Command
from ohs.testing.personas import World


def test_make_province_refuses_a_database_with_organisations(world: World) -> None:
    with pytest.raises(CommandError, match="fresh database"):
        call_command("make_province", "--scale", "small", stdout=io.StringIO())


def test_make_province_if_empty_prints_the_logins(world: World) -> None:
    out = io.StringIO()
    call_command("make_province", "--if-empty", stdout=out)
    assert "demo province already present" in out.getvalue()
    assert "employer1" in out.getvalue() and "Ohs@demo2026" in out.getvalue()


def test_builder_rejects_as_of_before_every_worker_is_adult() -> None:
    with pytest.raises(ValueError, match="as_of"):
        ProvinceBuilder(SCALES["small"], 1, print, dt.date(2020, 1, 1))


def test_report_prints_rows_per_second_per_table() -> None:
    report = BuildReport(
        counts={"workers_worker": 1000},
        tables=[TableStats("workers_worker", rows=1000, seconds=0.5)],
        seconds=2.0,
        digest="abc",
        stages={"workers": 1.5},
    )
    out = io.StringIO()
    command = Command(stdout=out)
    command._print_report(report)
    text = out.getvalue()
    assert "2,000" in text  # the table's rows per second
    assert "(500 rows/s)" in text and "province digest: abc" in text
