"""Which GBZ 188 edition a decision applies, when the edition in force has no reference data.

GBZ 188-2025 is in force from 2026-08-01 (surveillance_notes.md [T]) but reference/ holds no
per-hazard rows for it yet. A decision then applies the latest edition that has data and says
so: both editions are stored with the decision, and the reason is shown, never hidden.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from ohs.exams.rules.provenance import Edition, edition_in_force, reason_text


@dataclass(frozen=True)
class EditionChoice:
    in_force: Edition
    applied: Edition
    is_fallback: bool
    reasons: tuple[str, ...]


def choose_edition(
    on: date, in_force_from: Mapping[Edition, date], editions_with_data: Collection[Edition]
) -> EditionChoice:
    """The edition in force on `on`, or the latest earlier one with data (flagged as a fallback)."""
    in_force = edition_in_force(on, in_force_from)
    if in_force in editions_with_data:
        return EditionChoice(in_force, in_force, False, (reason_text("依据%(ed)s", ed=in_force.value),))
    earlier = [e for e, start in in_force_from.items() if e in editions_with_data and start <= in_force_from[in_force]]
    if not earlier:
        raise ValueError(f"no reference data for {in_force.value} or any earlier edition")
    applied = max(earlier, key=lambda e: in_force_from[e])
    reason = reason_text(
        "%(now)s已实施，但参考资料尚无其逐项数据，暂按%(used)s计算（请核对）",
        now=in_force.value,
        used=applied.value,
    )
    return EditionChoice(in_force, applied, True, (reason,))
