"""Provenance shared by the exam rules: standard edition and reference confidence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum


class Edition(StrEnum):
    """Edition of GBZ 188 a value or decision comes from (reference/README.md)."""

    GBZ188_2014 = "GBZ 188-2014"
    GBZ188_2025 = "GBZ 188-2025"


class Confidence(StrEnum):
    """Reference confidence: A seen in the source, B two secondary sources, C unconfirmed."""

    A = "A"
    B = "B"
    C = "C"

    @property
    def is_confirmed(self) -> bool:
        """True only for A: anything lower must be shown as such (reference/README.md)."""
        return self is Confidence.A


# Order used to pick the weakest confidence behind a merged decision.
_CONFIDENCE_RANK = {Confidence.A: 0, Confidence.B: 1, Confidence.C: 2}


def weakest_confidence(confidences: Iterable[Confidence]) -> Confidence:
    """The lowest confidence among those given (A when none are given)."""
    return max(confidences, key=_CONFIDENCE_RANK.__getitem__, default=Confidence.A)


def parse_confidence(text: str) -> Confidence:
    """Read a CSV confidence cell; an empty cell counts as C (not yet confirmed)."""
    cleaned = text.strip().upper()
    if not cleaned:
        return Confidence.C
    return Confidence(cleaned)


def edition_in_force(on: date, in_force_from: Mapping[Edition, date]) -> Edition:
    """The latest edition whose in-force date is on or before `on`."""
    started = [(start, edition) for edition, start in in_force_from.items() if start <= on]
    if not started:
        raise ValueError(f"no GBZ 188 edition in force on {on.isoformat()}")
    return max(started)[1]


def reason_text(template: str, **values: object) -> str:
    """Fill a `%(name)s` reason template (the placeholder style gettext catalogues use)."""
    return template % values
