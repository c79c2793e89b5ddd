"""Figures the exam workflow needs that the reference does not fix, each named with its basis.

The configurable ones can be overridden by a Django setting or an environment variable of the
same name (``OHS_EXAMS_*``), so a province can set what its own rules say without a code change.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from functools import lru_cache
from pathlib import Path
from typing import Final

from django.conf import settings

from ohs.exams.rules.conclusions import DayCount, ReportingLimit
from ohs.exams.rules.protocol import schedule_rules_from_rows
from ohs.exams.rules.protocol_types import ScheduleConfig, ScheduleRuleSet
from ohs.exams.rules.provenance import Confidence, Edition

SURVEILLANCE_CSV: Final = Path(settings.BASE_DIR) / "reference" / "surveillance_gbz188.csv"

# Seed 001 item 13.3 asks institutions to update their bookable capacity every day (每日更新) but
# names no hour: the platform's cut-off is a setting. Capacity not refreshed since the cut-off
# before the latest one is shown as stale.
DEFAULT_CAPACITY_CUT_OFF: Final = dt.time(17, 0)

# UNCONFIRMED DEFAULT. The institution's time limit for its written report to the employer is not
# in reference/ (surveillance_notes.md gives no figure; ODPL Art. 50 only says "in time"). 30
# working days is recalled from 职业健康检查管理办法 and has not been checked against its text:
# confidence C, shown as such on every plan that rests on it. Override with
# OHS_EXAMS_REPORTING_LIMIT_DAYS once the clause is confirmed.
DEFAULT_REPORTING_LIMIT_DAYS: Final = 30
REPORTING_LIMIT_SOURCE: Final = "未经核实的默认值（职业健康检查管理办法，原文未收入reference/），可配置"

# surveillance_notes.md: exit exam within 30 days before leaving; an on-duty exam within 90 days
# before leaving may count as the exit exam [T, citing 安监总局令第49号 art. 15].
EXIT_EXAM_WINDOW_DAYS: Final = 30
PERIODIC_COUNTS_AS_EXIT_DAYS: Final = 90
# The reference sets no recheck interval (the institution names the date on each result): this
# default only fills the date when the institution leaves it empty.
DEFAULT_RECHECK_INTERVAL_DAYS: Final = 30
# An emergency exam follows the incident at once; the reference gives no figure (platform setting).
EMERGENCY_DUE_WITHIN_DAYS: Final = 1
# Reminders to the employer and the worker this many days before the exam day (platform setting).
REMINDER_DAYS_BEFORE: Final = 3

# surveillance_notes.md: GBZ 188-2014 in force 2014-10-01 [S]; GBZ 188-2025 in force 2026-08-01 [T].
EDITION_IN_FORCE_FROM: Final = {Edition.GBZ188_2014: dt.date(2014, 10, 1), Edition.GBZ188_2025: dt.date(2026, 8, 1)}


def _configured(name: str) -> str | None:
    value = getattr(settings, name, None)
    return str(value) if value is not None else os.environ.get(name)


def capacity_cut_off() -> dt.time:
    """OHS_EXAMS_CAPACITY_CUT_OFF, e.g. "17:00"."""
    value = _configured("OHS_EXAMS_CAPACITY_CUT_OFF")
    return dt.time.fromisoformat(value) if value else DEFAULT_CAPACITY_CUT_OFF


def reporting_limit() -> ReportingLimit:
    """OHS_EXAMS_REPORTING_LIMIT_DAYS (working days); OHS_EXAMS_REPORTING_LIMIT_CONFIRMED=1 once the
    figure has been checked against the regulation's text."""
    days = int(_configured("OHS_EXAMS_REPORTING_LIMIT_DAYS") or DEFAULT_REPORTING_LIMIT_DAYS)
    confirmed = (_configured("OHS_EXAMS_REPORTING_LIMIT_CONFIRMED") or "") in ("1", "True", "true")
    confidence = Confidence.A if confirmed else Confidence.C
    return ReportingLimit(days, DayCount.WORKING, REPORTING_LIMIT_SOURCE, confidence)


def schedule_config() -> ScheduleConfig:
    return ScheduleConfig(
        recheck_interval_days=DEFAULT_RECHECK_INTERVAL_DAYS,
        exit_exam_window_days=EXIT_EXAM_WINDOW_DAYS,
        periodic_counts_as_exit_days=PERIODIC_COUNTS_AS_EXIT_DAYS,
        emergency_due_within_days=EMERGENCY_DUE_WITHIN_DAYS,
    )


@lru_cache(maxsize=4)
def rule_set(edition: Edition) -> ScheduleRuleSet:
    """One edition's schedule rules, parsed from reference/surveillance_gbz188.csv."""
    with SURVEILLANCE_CSV.open(encoding="utf-8", newline="") as handle:
        return schedule_rules_from_rows(list(csv.DictReader(handle)), edition)
