"""Risk-profile inputs from enforcement, batched per employer: penalties in the window and
orders to correct still unmet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Count, Q

from ohs.core.profile_inputs import register_profile_inputs
from ohs.enforcement.models import Case

# The yearly classification counts the penalties of the last year (ProfileInputs: "the window
# the service chose").
PENALTY_WINDOW_DAYS = 365


def enforcement_profile_inputs(employer_ids: Sequence[int], as_of: dt.date) -> Mapping[int, Mapping[str, Any]]:
    since = as_of - dt.timedelta(days=PENALTY_WINDOW_DAYS)
    rows = (
        Case.objects.filter(employer_id__in=employer_ids)
        .values("employer_id")
        .annotate(
            penalties=Count("pk", filter=Q(decided_on__gte=since, decided_on__lte=as_of, no_penalty_item="")),
            unrectified=Count(
                "pk",
                filter=Q(correction_deadline__lt=as_of, corrected_on__isnull=True) & ~Q(status="closed"),
            ),
        )
    )
    return {
        r["employer_id"]: {"penalties_in_window": r["penalties"], "orders_unrectified": r["unrectified"]} for r in rows
    }


register_profile_inputs("enforcement", enforcement_profile_inputs)
