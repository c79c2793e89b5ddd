"""Released shortfalls (解除): an approved rectification clears its shortfall until new evidence.

Seed 000 item 9 (画像—整改—审核—解除): once the regulator approves a rectification, the item is
released and the profile recomputed. The platform may not yet hold the new measurement or
exam record that proves it, so a release neutralises exactly the input behind the shortfall
while that shortfall's evidence stays the same; a different evidence text (a new result, a
new count) is a new finding and shows again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from ohs.risk.rules.classification_config import ClassificationConfig, ShortfallCode
from ohs.risk.rules.profile import MeasurementResult, ProfileInputs, find_shortfalls

_BY_AGENT = frozenset({ShortfallCode.EXCEEDANCE, ShortfallCode.ACTION_LEVEL, ShortfallCode.NOT_MEASURED})
_ZEROED_COUNTS = {
    ShortfallCode.CONTRAINDICATION_NOT_ACTED: "contraindications_not_acted",
    ShortfallCode.SUSPECTED_CASES_OPEN: "suspected_cases_open",
    ShortfallCode.ALERTS_OPEN: "monitoring_alerts_open",
    ShortfallCode.DEVICES_OFFLINE: "devices_offline",
    ShortfallCode.RECENT_PENALTIES: "penalties_in_window",
    ShortfallCode.ORDERS_UNRECTIFIED: "orders_unrectified",
}


@dataclass(frozen=True)
class Release:
    """An approved rectification: the shortfall code, its evidence and (if any) its agent."""

    code: ShortfallCode
    evidence: str
    subject: str = ""


def _neutralise(inputs: ProfileInputs, release: Release) -> ProfileInputs:
    code = release.code
    if code in _BY_AGENT:
        kept = tuple(m for m in inputs.measurements if m.agent != release.subject)
        return replace(inputs, measurements=(*kept, MeasurementResult(release.subject, Decimal(0))))
    if code is ShortfallCode.EXAMS_OVERDUE:
        return replace(inputs, exams_done_count=max(inputs.exams_done_count, inputs.exams_due_count))
    if code is ShortfallCode.MANAGERS_UNTRAINED:
        return replace(inputs, managers_trained_count=inputs.managers_count)
    if code is ShortfallCode.PRINCIPAL_UNTRAINED:
        return replace(inputs, is_principal_trained=True)
    if code in _ZEROED_COUNTS:
        zeroed: dict[str, Any] = {_ZEROED_COUNTS[code]: 0}
        return replace(inputs, **zeroed)
    return inputs  # a missing self-check score is cleared only by submitting one


def apply_releases(
    inputs: ProfileInputs, releases: Iterable[Release], config: ClassificationConfig
) -> tuple[ProfileInputs, tuple[Release, ...]]:
    """Inputs with every still-matching release neutralised, and the releases that applied."""
    releases = tuple(releases)
    if not releases:
        return inputs, ()
    current = {(s.code, s.evidence) for s in find_shortfalls(inputs, config)}
    applied = tuple(r for r in releases if (r.code, r.evidence) in current)
    for release in applied:
        inputs = _neutralise(inputs, release)
    return inputs, applied
