"""Which random-inspection items an employer's online monitoring covers (seed 001 item 13.1, 无事不扰).

An item of reference/inspection_items.csv lists the monitoring kinds that can stand in for
checking it on site (column ``monitoring_kinds``); the employer's monitoring covers the item
when it has an active channel of every kind listed.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from functools import cache

from django.conf import settings

from ohs.monitoring.choices import Quantity
from ohs.monitoring.models import Channel

KIND_OF_QUANTITY: dict[str, str] = {
    Quantity.LAEQ: "noise",
    Quantity.TOTAL_DUST: "dust",
    Quantity.RESPIRABLE_DUST: "dust",
    Quantity.GAS: "gas",
    Quantity.WBGT: "heat",
}


@cache
def monitorable_items() -> dict[str, frozenset[str]]:
    """Item code -> monitoring kinds, for the items monitoring can cover at all."""
    path = settings.BASE_DIR / "reference" / "inspection_items.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {r["code"]: frozenset(r["monitoring_kinds"].split()) for r in rows if r["monitoring_kinds"].strip()}


def monitored_kinds(employer_ids: Sequence[int]) -> dict[int, set[str]]:
    """The kinds each employer monitors with active devices (one query)."""
    kinds: dict[int, set[str]] = {}
    rows = Channel.objects.filter(device__employer_id__in=employer_ids, device__is_active=True).values_list(
        "device__employer_id", "quantity"
    )
    for employer_id, quantity in rows.distinct():
        if quantity in KIND_OF_QUANTITY:
            kinds.setdefault(employer_id, set()).add(KIND_OF_QUANTITY[quantity])
    return kinds


def covered_item_codes(employer_ids: Sequence[int]) -> dict[int, frozenset[str]]:
    """Per employer, the items whose every monitoring kind it monitors."""
    items = monitorable_items()
    return {
        pk: frozenset(code for code, needed in items.items() if needed <= kinds)
        for pk, kinds in monitored_kinds(employer_ids).items()
    }
