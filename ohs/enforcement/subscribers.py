"""Events from other apps that enforcement keeps: minor violations found by self-inspection and
corrected in time (the risk app emits them, ohs/risk/services.py MINOR_CORRECTED_IN_TIME) make a
later violation of the same provision not "first"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ohs.core.events import subscriber
from ohs.enforcement.services.minor import record_minor_violation


@subscriber("risk.selfinspection.minor_corrected_in_time")
def keep_minor_violation(name: str, payload: Mapping[str, Any], key: str) -> None:
    """Payload: employer (id), article (e.g. ODPL-71(5)), found_on (ISO date), minor (bool), id."""
    if not payload.get("minor") or not payload.get("article") or not payload.get("employer"):
        return
    found = payload.get("found_on")
    record_minor_violation(
        employer_id=int(payload["employer"]),
        article=str(payload["article"]),
        found_on=dt.date.fromisoformat(str(found)) if found else dt.date.today(),
        source=name,
        reference=str(payload.get("id", "")),
        event_key=key,
    )
