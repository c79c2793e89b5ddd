"""Exam institutions: registered scope, sites, and the capacity they publish every day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.exams import policy
from ohs.exams.choices import ExamCategory, HazardCategory
from ohs.exams.models import CapacityDay, ExamInstitution, ExamSite
from ohs.exams.rules.capacity import is_capacity_stale
from ohs.geo.models import Region
from ohs.orgs.choices import OrgKind
from ohs.orgs.models import Organisation

DAYS_PER_WEEK = 7
MAX_COPY_WEEKS = 12  # a quarter ahead; institutions plan staff by the quarter


def _clean_categories(categories: Sequence[str]) -> list[str]:
    unknown = sorted(set(categories) - set(HazardCategory.values))
    if unknown:
        raise DomainError(
            ErrorCode.INVALID, f"unknown hazard categories: {', '.join(unknown)}", field="hazard_categories"
        )
    if not categories:
        raise DomainError(ErrorCode.INVALID, "register at least one hazard category", field="hazard_categories")
    return sorted(set(categories))


def register_institution(
    *, actor: Actor, organisation: Organisation, hazard_categories: Sequence[str], record_number: str = ""
) -> ExamInstitution:
    if organisation.kind != OrgKind.EXAM_INSTITUTION:
        raise DomainError(ErrorCode.INVALID, "the organisation is not an exam institution", field="organisation")
    with transaction.atomic():
        institution = ExamInstitution.objects.create(
            organisation=organisation,
            hazard_categories=_clean_categories(hazard_categories),
            record_number=record_number,
        )
        audit.record_created(actor, institution)
        emit("exams.institution.registered", {"id": institution.pk, "organisation": organisation.pk})
    return institution


def set_scope(*, actor: Actor, institution: ExamInstitution, hazard_categories: Sequence[str]) -> ExamInstitution:
    """Record the hazard categories of the institution's registration (备案)."""
    with transaction.atomic():
        before = audit.snapshot(institution, ["hazard_categories"])
        institution.hazard_categories = _clean_categories(hazard_categories)
        institution.save(update_fields=["hazard_categories"])
        audit.record_updated(actor, institution, before)
        emit("exams.institution.scope_changed", {"id": institution.pk, "categories": institution.hazard_categories})
    return institution


def add_site(*, actor: Actor, institution: ExamInstitution, name: str, address: str, county_code: str) -> ExamSite:
    if not name.strip():
        raise DomainError(ErrorCode.INVALID, "name the site", field="name")
    county = Region.objects.counties().filter(code=county_code).first()
    if county is None:
        raise DomainError(ErrorCode.INVALID, "choose a county", field="county_code")
    if ExamSite.objects.filter(institution=institution, name=name.strip()).exists():
        raise DomainError(ErrorCode.CONFLICT, "the institution already has a site of this name", field="name")
    with transaction.atomic():
        site = ExamSite.objects.create(institution=institution, name=name.strip(), address=address, county=county)
        audit.record_created(actor, site)
        emit("exams.site.added", {"id": site.pk, "institution": institution.pk})
    return site


@dataclass(frozen=True)
class CapacityEntry:
    site_id: int
    exam_on: dt.date
    exam_category: str
    hazard_category: str
    capacity: int


def _check_entry(institution: ExamInstitution, entry: CapacityEntry, sites: set[int], today: dt.date) -> None:
    if entry.site_id not in sites:
        raise DomainError(ErrorCode.INVALID, "choose one of the institution's sites", field="site_id")
    if entry.exam_category not in ExamCategory.values:
        raise DomainError(ErrorCode.INVALID, f"unknown exam category {entry.exam_category}", field="exam_category")
    if entry.hazard_category not in institution.hazard_categories:
        raise DomainError(
            ErrorCode.INVALID,
            f"hazard category {entry.hazard_category} is outside the institution's registration",
            field="hazard_category",
        )
    if entry.capacity < 0:
        raise DomainError(ErrorCode.INVALID, "places cannot be negative", field="capacity")
    if entry.exam_on < today:
        raise DomainError(ErrorCode.INVALID, "capacity can only be published for today or later", field="exam_on")


def publish_capacity(
    *, actor: Actor, institution: ExamInstitution, entries: Sequence[CapacityEntry], today: dt.date | None = None
) -> int:
    """Set places per site, day and category (all or nothing). Places already booked stay: a
    figure below them is refused. Publishing, even an empty list, counts as the day's update."""
    today = today or timezone.localdate()
    sites = set(ExamSite.objects.filter(institution=institution, is_active=True).values_list("pk", flat=True))
    now = timezone.now()
    with transaction.atomic():
        for entry in entries:
            _check_entry(institution, entry, sites, today)
            key = {
                "site_id": entry.site_id,
                "exam_on": entry.exam_on,
                "exam_category": entry.exam_category,
                "hazard_category": entry.hazard_category,
            }
            row = CapacityDay.objects.select_for_update().filter(**key).first()
            if row is None:
                CapacityDay.objects.create(institution=institution, capacity=entry.capacity, refreshed_at=now, **key)
            elif entry.capacity < row.booked:
                raise DomainError(
                    ErrorCode.CONFLICT,
                    f"{row.booked} places on {entry.exam_on} are already booked; publish at least that many",
                    field="capacity",
                )
            else:
                CapacityDay.objects.filter(pk=row.pk).update(capacity=entry.capacity, refreshed_at=now)
        ExamInstitution.objects.filter(pk=institution.pk).update(capacity_refreshed_at=now)
        institution.capacity_refreshed_at = now
        audit.record(actor, "update", obj=institution, changes={"capacity_rows": len(entries)})
        emit("exams.capacity.published", {"institution": institution.pk, "rows": len(entries)})
    return len(entries)


def copy_week(
    *, actor: Actor, institution: ExamInstitution, week_of: dt.date, weeks: int, today: dt.date | None = None
) -> int:
    """Repeat the week starting on ``week_of``'s Monday for the next ``weeks`` weeks."""
    if not 1 <= weeks <= MAX_COPY_WEEKS:
        raise DomainError(ErrorCode.INVALID, f"copy 1 to {MAX_COPY_WEEKS} weeks", field="weeks")
    monday = week_of - dt.timedelta(days=week_of.weekday())
    pattern = CapacityDay.objects.filter(
        institution=institution, exam_on__gte=monday, exam_on__lt=monday + dt.timedelta(days=DAYS_PER_WEEK)
    )
    if not pattern.exists():
        raise DomainError(ErrorCode.INVALID, "the chosen week has no capacity to copy", field="week_of")
    entries = [
        CapacityEntry(
            row.site_id,
            row.exam_on + dt.timedelta(days=DAYS_PER_WEEK * n),
            row.exam_category,
            row.hazard_category,
            row.capacity,
        )
        for n in range(1, weeks + 1)
        for row in pattern
    ]
    return publish_capacity(actor=actor, institution=institution, entries=entries, today=today)


def is_stale(institution: ExamInstitution, now: dt.datetime | None = None) -> bool:
    """True when the capacity was not updated by the daily cut-off (never updated counts as stale)."""
    if institution.capacity_refreshed_at is None:
        return True
    now = timezone.localtime(now or timezone.now())
    refreshed = timezone.localtime(institution.capacity_refreshed_at)
    return is_capacity_stale(refreshed, cut_off=policy.capacity_cut_off(), now=now)


def release_places(site_id: int, exam_on: dt.date, exam_category: str, counts: dict[str, int]) -> None:
    """Give places back (cancelled or moved appointments)."""
    for hazard_category, n in counts.items():
        CapacityDay.objects.filter(
            site_id=site_id, exam_on=exam_on, exam_category=exam_category, hazard_category=hazard_category
        ).update(booked=F("booked") - n)
