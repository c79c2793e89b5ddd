"""Gathering a batch of employers' profile inputs: own tables plus every app's provider.

Other apps answer through ``ohs.core.profile_inputs`` (measurements, exams, monitoring,
enforcement); the registry gives industry, declared hazards and contacts; this app gives
the self-check score and self-inspections. A handful of queries per batch, none per employer.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import fields
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ohs.core.profile_inputs import collect_profile_inputs, registered_providers
from ohs.registry.choices import ContactRole, DeclarationStatus
from ohs.registry.models import Contact, Declaration, DeclarationItem, Employer
from ohs.risk.models import SelfInspection, SelfInspectionItem
from ohs.risk.reference import industry_severity
from ohs.risk.rules.profile import DeclaredHazard, ProfileInputs

# A management self-check score counts for a year (the 2022 pilot assesses annually; UNCONFIRMED).
SELF_CHECK_VALID_DAYS = 365
_FIELDS = {f.name for f in fields(ProfileInputs)}
_SEQUENCES = frozenset({"hazards", "measurements"})
# Which app answers which inputs: absent providers make those inputs unknown, not zero.
PROVIDER_FIELDS: Mapping[str, tuple[str, ...]] = {
    "detection": ("measurements",),
    "exams": ("exams_due_count", "exams_done_count", "suspected_cases_open", "contraindications_not_acted"),
    "monitoring": ("monitoring_alerts_open", "devices_offline"),
    "enforcement": ("penalties_in_window", "orders_unrectified"),
}
TRAINING_FIELDS = ("is_principal_trained", "managers_count", "managers_trained_count")
# How the profile page names an input it does not hold (the snapshot stores it as null).
INPUT_LABELS: Mapping[str, Promise] = {
    "measurements": _("workplace measurements"),
    "exams_due_count": _("workers due for occupational health exams"),
    "exams_done_count": _("workers examined"),
    "suspected_cases_open": _("suspected occupational disease cases"),
    "contraindications_not_acted": _("contraindications not acted on"),
    "monitoring_alerts_open": _("open monitoring alerts"),
    "devices_offline": _("monitoring devices offline"),
    "penalties_in_window": _("administrative penalties"),
    "orders_unrectified": _("orders to correct not met"),
    "is_principal_trained": _("occupational health training of the principal person"),
    "managers_count": _("occupational health managers"),
    "managers_trained_count": _("managers trained"),
    "is_healthy_enterprise_city_or_above": _("healthy enterprise announced at city level or above"),
}


def _declared(ids: Sequence[int]) -> tuple[dict[int, list[DeclaredHazard]], set[int]]:
    """Hazards of the declaration in force (the latest accepted one) per employer."""
    latest: dict[int, int] = {}
    rows = (
        Declaration.objects.filter(employer_id__in=ids, status=DeclarationStatus.ACCEPTED)
        .order_by("employer_id", "-event_on", "-id")
        .values_list("employer_id", "id")
    )
    for employer_id, declaration_id in rows:
        latest.setdefault(employer_id, declaration_id)
    hazards: dict[int, list[DeclaredHazard]] = defaultdict(list)
    items = (
        DeclarationItem.objects.filter(declaration_id__in=latest.values())
        .values("declaration__employer_id", "agent__name_zh")
        .annotate(exposed=Sum("exposed_workers"))
        .order_by("declaration__employer_id", "agent__name_zh")
    )
    for row in items:
        hazards[row["declaration__employer_id"]].append(DeclaredHazard(row["agent__name_zh"], row["exposed"] or 0))
    return hazards, set(latest)


def _self_checks(ids: Sequence[int], as_of: dt.date) -> tuple[dict[int, Decimal], set[int]]:
    """The latest self-check score within its validity, and whether its problems are all fixed."""
    since = as_of - dt.timedelta(days=SELF_CHECK_VALID_DAYS)
    latest: dict[int, tuple[int, Decimal]] = {}
    rows = (
        SelfInspection.objects.filter(employer_id__in=ids, performed_on__gt=since, performed_on__lte=as_of)
        .order_by("employer_id", "-performed_on", "-id")
        .values_list("employer_id", "id", "score")
    )
    for employer_id, inspection_id, score in rows:
        latest.setdefault(employer_id, (inspection_id, score))
    open_problems = set(
        SelfInspectionItem.objects.filter(
            inspection_id__in=[i for i, _ in latest.values()], is_compliant=False, corrected_on__isnull=True
        ).values_list("inspection__employer_id", flat=True)
    )
    scores = {e: score for e, (_, score) in latest.items()}
    return scores, set(latest) - open_problems


def unknown_inputs(provided: Mapping[str, Any]) -> list[str]:
    """Inputs no installed app supplies, named so the profile page can say so."""
    registered = registered_providers()
    unknown = [name for app, names in PROVIDER_FIELDS.items() if app not in registered for name in names]
    unknown += [name for name in TRAINING_FIELDS if name not in provided]
    if "is_healthy_enterprise_city_or_above" not in provided:
        unknown.append("is_healthy_enterprise_city_or_above")
    return unknown


def gather_inputs(employer_ids: Sequence[int], as_of: dt.date) -> dict[int, tuple[ProfileInputs, list[str]]]:
    """ProfileInputs per employer, with the names of the inputs the platform does not hold."""
    employers = dict(Employer.objects.filter(pk__in=employer_ids).values_list("pk", "industry_code"))
    ids = list(employers)
    external = collect_profile_inputs(ids, as_of)
    hazards, has_declaration = _declared(ids)
    scores, rectified = _self_checks(ids, as_of)
    roles: dict[int, set[str]] = defaultdict(set)
    for employer_id, role in Contact.objects.filter(employer_id__in=ids).values_list("employer_id", "role"):
        roles[employer_id].add(role)
    result = {}
    for pk in ids:
        given = {k: v for k, v in external.get(pk, {}).items() if k in _FIELDS}
        values: dict[str, Any] = {**given}
        values["hazards"] = (*hazards.get(pk, ()), *given.get("hazards", ()))
        values["measurements"] = tuple(given.get("measurements", ()))
        values.setdefault("self_check_score", scores.get(pk))
        values.setdefault("is_self_inspection_rectified", pk in rectified)
        # Complete information: a declaration in force and both responsible people recorded.
        values.setdefault(
            "is_information_complete",
            pk in has_declaration and {ContactRole.PRINCIPAL, ContactRole.MANAGER} <= roles[pk],
        )
        values["industry_severity"] = industry_severity(employers[pk] or "")
        values["employer_id"] = str(pk)
        result[pk] = (ProfileInputs(**values), unknown_inputs(given))
    return result
