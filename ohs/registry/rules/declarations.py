"""When a hazard declaration (职业病危害项目申报) is due, and whether it came in late.

The windows are data (reference/declaration_windows.csv, citing 《职业病危害项目申报办法》
第八条 for changes); a first declaration and the annual update follow the platform's
configurable defaults, marked there as having no statutory source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

RULE_VERSION = "declaration-windows/1"
YEAR_END = (12, 31)  # the annual update is due by the end of its year (see the CSV's annual row)


@dataclass(frozen=True)
class Window:
    kind: str
    event: str
    days: int
    day_count: str
    basis: str
    source: str
    confidence: str


@dataclass(frozen=True)
class Due:
    due_on: dt.date
    window: Window
    is_provisional: bool
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


# Rolls a period's last day past rest days; returns (day, whether the year's holidays are known).
Roll = Callable[[dt.date], tuple[dt.date, bool]]


def windows_from_rows(rows: Iterable[Mapping[str, str]]) -> dict[tuple[str, str], Window]:
    """Parse the CSV rows into windows keyed by (kind, event)."""
    windows = {}
    for row in rows:
        window = Window(
            kind=row["kind"],
            event=row["event"],
            days=int(row["days"]),
            day_count=row["day_count"],
            basis=row["basis"],
            source=row["source"],
            confidence=row["confidence"],
        )
        windows[(window.kind, window.event)] = window
    return windows


def due_date(windows: Mapping[tuple[str, str], Window], kind: str, event: str, event_on: dt.date, roll: Roll) -> Due:
    """The last day to declare after ``event`` on ``event_on`` (for the annual update: its year's end);
    a last day on a rest day moves to the next working day."""
    window = windows.get((kind, event))
    if window is None:
        raise ValueError(f"no declaration window for {kind}/{event}")
    last_day = dt.date(event_on.year, *YEAR_END) if kind == "annual" else event_on + dt.timedelta(days=window.days)
    due_on, known = roll(last_day)
    reasons = [f"{window.basis}（{window.source}）"]
    if not known:
        reasons.append(f"{due_on.year}年节假日安排尚未录入，截止日为暂定日期")
    if window.confidence != "A":
        reasons.append(f"期限依据可信度为{window.confidence}，请核对原文")
    return Due(due_on=due_on, window=window, is_provisional=not known, reasons=tuple(reasons))


def is_late(due: dt.date, submitted_on: dt.date) -> bool:
    return submitted_on > due
