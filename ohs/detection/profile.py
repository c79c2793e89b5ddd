"""Risk-profile input: the latest result of each sampling point (post and hazard) as a ratio to its OEL.

Batched: one query per batch of employers, whatever its size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from ohs.core.profile_inputs import register_profile_inputs
from ohs.detection.choices import ProjectStatus
from ohs.detection.models import Finding
from ohs.risk.rules.profile import MeasurementResult

# GBZ 2.1-2019 appendix A: carcinogen notation G1 = confirmed human carcinogen (IARC group 1);
# the classification rule treats these as listed carcinogens.
LISTED_CARCINOGEN_CLASS = "G1"
RATIO_PLACES = Decimal("0.0001")


def measurement_inputs(employer_ids: Sequence[int], as_of: dt.date) -> Mapping[int, Mapping[str, Any]]:
    """Per employer: per (post, hazard), the worst ratio in its most recently issued report up to ``as_of``."""
    findings = Finding.objects.filter(
        project__employer_id__in=employer_ids,
        project__status=ProjectStatus.ISSUED,
        project__issued_at__date__lte=as_of,
        ratio_to_limit__isnull=False,
    )
    rows = findings.values_list(
        "project__employer_id", "plan_item__survey_post__post_id", "plan_item__agent__name_zh",
        "plan_item__agent__carcinogen_class", "project__issued_at", "ratio_to_limit",
    ).order_by("project__issued_at")  # fmt: skip
    # Rows come oldest report first: a later report replaces a point; within one report the worst ratio stays.
    points: dict[tuple[int, int, str], tuple[dt.datetime, float, bool]] = {}
    for employer_id, post_id, agent, carcinogen, issued_at, ratio in rows.iterator():
        key = (employer_id, post_id, agent)
        previous = points.get(key)
        listed = carcinogen.strip().upper() == LISTED_CARCINOGEN_CLASS
        if issued_at is None or ratio is None:
            continue  # filtered out by the query; the columns are nullable in the schema
        if previous is None or issued_at > previous[0] or ratio > previous[1]:
            points[key] = (issued_at, ratio, listed)
    result: dict[int, dict[str, list[MeasurementResult]]] = {}
    for (employer_id, _post, agent), (_at, ratio, listed) in points.items():
        measurement = MeasurementResult(agent, Decimal(str(ratio)).quantize(RATIO_PLACES), listed)
        result.setdefault(employer_id, {"measurements": []})["measurements"].append(measurement)
    return result


register_profile_inputs("detection", measurement_inputs)
