"""Timeliness and disposal of risk warnings per region (seed 001 item 10.3).

及时率: warnings handled by their deadline / warnings whose outcome was due in the period
(handled, or still open past the deadline). 处置率: warnings handled / warnings dispatched.
Targets from seed 001 item 10.3: timeliness at least 95 %, disposal 100 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

RULE_VERSION = "monitoring.rates/1"
TIMELINESS_TARGET = Decimal("0.95")  # seed 001 item 10.3: 风险线索处理及时率不低于95%
DISPOSAL_TARGET = Decimal(1)  # seed 001 item 10.3: 预警风险处置率达到100%
_PERCENT = Decimal(100)


@dataclass(frozen=True, slots=True)
class WarningRecord:
    region_code: str
    due_at: datetime
    handled_at: datetime | None


@dataclass(frozen=True, slots=True)
class RegionRates:
    region_code: str
    dispatched: int
    handled: int
    handled_on_time: int
    overdue_open: int
    timeliness: Decimal | None  # None: nothing was due yet
    disposal: Decimal | None
    meets_timeliness: bool | None
    meets_disposal: bool | None
    rule_version: str = RULE_VERSION


def compute_rates(records: Iterable[WarningRecord], *, now: datetime) -> dict[str, RegionRates]:
    """Rates per region code of the records given (the caller picks the period and region level)."""
    counts: dict[str, list[int]] = {}
    for record in records:
        row = counts.setdefault(record.region_code, [0, 0, 0, 0])
        row[0] += 1
        if record.handled_at is not None:
            row[1] += 1
            row[2] += record.handled_at <= record.due_at
        elif record.due_at < now:
            row[3] += 1
    return {code: _rates(code, *row) for code, row in counts.items()}


def _rates(code: str, dispatched: int, handled: int, on_time: int, overdue: int) -> RegionRates:
    due = handled + overdue
    timeliness = Decimal(on_time) / Decimal(due) if due else None
    disposal = Decimal(handled) / Decimal(dispatched) if dispatched else None
    return RegionRates(
        code,
        dispatched,
        handled,
        on_time,
        overdue,
        timeliness,
        disposal,
        None if timeliness is None else timeliness >= TIMELINESS_TARGET,
        None if disposal is None else disposal >= DISPOSAL_TARGET,
    )


def as_percent(rate: Decimal | None) -> str:
    """A rate for display, one decimal ("—" when nothing was due)."""
    return "—" if rate is None else f"{(rate * _PERCENT).quantize(Decimal('0.1'))} %"
