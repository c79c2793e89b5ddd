"""What monitoring tells other apps: non-site coverage (supervision) and risk-profile inputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Count

from ohs.core.profile_inputs import register_profile_inputs
from ohs.core.supervision import EmployerIds, register_coverage_provider
from ohs.monitoring.choices import AlertStatus, DeviceStatus


def coverage_provider(employer_ids: EmployerIds) -> Mapping[int, frozenset[str]]:
    """Inspection items covered per employer, as recorded (one query; ids or a queryset of ids)."""
    from ohs.monitoring.models import MonitoringCoverage

    covered: dict[int, set[str]] = {}
    for employer_id, code in MonitoringCoverage.objects.filter(employer_id__in=employer_ids).values_list(
        "employer_id", "item_code"
    ):
        covered.setdefault(employer_id, set()).add(code)
    return {pk: frozenset(codes) for pk, codes in covered.items()}


def profile_inputs(employer_ids: Sequence[int], as_of: dt.date) -> Mapping[int, Mapping[str, Any]]:
    """Open alerts and offline devices per employer (two queries for the whole batch)."""
    from ohs.monitoring.models import Alert, Device

    result: dict[int, dict[str, Any]] = {}
    open_alerts = (
        Alert.objects.filter(device__employer_id__in=employer_ids, status=AlertStatus.OPEN)
        .values("device__employer_id")
        .annotate(n=Count("pk"))
    )
    for row in open_alerts:
        result.setdefault(row["device__employer_id"], {})["monitoring_alerts_open"] = row["n"]
    offline = (
        Device.objects.filter(employer_id__in=employer_ids, is_active=True, status=DeviceStatus.OFFLINE)
        .values("employer_id")
        .annotate(n=Count("pk"))
    )
    for row in offline:
        result.setdefault(row["employer_id"], {})["devices_offline"] = row["n"]
    for pk in Device.objects.filter(employer_id__in=employer_ids).values_list("employer_id", flat=True).distinct():
        values = result.setdefault(pk, {})
        values.setdefault("monitoring_alerts_open", 0)
        values.setdefault("devices_offline", 0)
    return result


register_coverage_provider(coverage_provider)
register_profile_inputs("monitoring", profile_inputs)
