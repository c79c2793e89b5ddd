"""Recompute a profile when another app reports a change to one of its inputs.

Handlers run at least once per event (ohs.core.events); recomputing is idempotent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ohs.core.events import subscriber

INPUT_EVENTS = ("detection.*", "exams.*", "monitoring.*", "enforcement.*", "registry.declaration.*")


def employer_of(name: str, payload: Mapping[str, Any]) -> int | None:
    """The employer an event concerns: named in the payload, or the declaration's employer."""
    for key in ("employer", "employer_id"):
        value = payload.get(key)
        if isinstance(value, int):
            return value
    if name.startswith("registry.declaration.") and isinstance(payload.get("id"), int):
        from ohs.registry.models import Declaration

        return Declaration.objects.filter(pk=payload["id"]).values_list("employer_id", flat=True).first()
    return None


@subscriber(*INPUT_EVENTS)
def recompute_on_input_change(name: str, payload: Mapping[str, Any], idempotency_key: str) -> None:
    from ohs.risk.services import classify_employers

    employer_id = employer_of(name, payload)
    if employer_id is not None:
        classify_employers([employer_id])
