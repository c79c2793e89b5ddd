"""The demo's occupational health exams: every city's exam institution connected with its
registered scope, a site and two weeks of bookable places (two of them late with today's update),
and a few results at Ningbo's demo employer — a suspected case, a contraindication and a clean
one — recorded through the services so their follow-ups exist. Workers hired without an exam
stay overdue, for the employers to find and book."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from django.utils import timezone

from ohs.core.actor import Actor
from ohs.exams import services
from ohs.exams.due import due_for_employer
from ohs.exams.models import CapacityDay, ExamInstitution, ExamSite
from ohs.geo.models import Region
from ohs.orgs.choices import OrgKind, Role
from ohs.orgs.models import Organisation
from ohs.registry.models import Employer

FULL_SCOPE = ("dust", "chemical", "physical", "radiation")
# A few cities' institutions are registered without chemical exams: employers of painters must
# choose elsewhere (the booking page shows only institutions covering the whole batch).
NARROW_SCOPE = ("dust", "physical")
NARROW_CITIES = frozenset({"330300", "330700"})
STALE_CITIES = frozenset({"330500", "330800"})  # not updated since the day before yesterday
DAYS_AHEAD = 14
PLACES = {"pre": 30, "periodic": 60, "exit": 10, "emergency": 5}
RESULTS_COUNTY = "330203"  # 海曙区: the demo login employer2's county, examined at Ningbo's institution
SUSPECTED_BY_CATEGORY = {"chemical": "职业性慢性苯中毒", "physical": "职业性噪声聋", "dust": "尘肺病"}


def _institutions(orgs: Mapping[str, Organisation], now: dt.datetime) -> list[ExamInstitution]:
    cities = {r.code: r for r in Region.objects.cities()}
    counties = list(Region.objects.counties().order_by("code"))
    first_county = {city: next((c for c in counties if c.code[:4] == city[:4]), counties[0]) for city in cities}
    institutions = []
    for key, org in sorted(orgs.items()):
        if not key.startswith(f"{OrgKind.EXAM_INSTITUTION}:"):
            continue
        city = org.region_id
        scope = NARROW_SCOPE if city in NARROW_CITIES else FULL_SCOPE
        institution = ExamInstitution.objects.create(
            organisation=org, hazard_categories=list(scope), record_number=f"浙职检备{city}-001"
        )
        ExamSite.objects.create(
            institution=institution, name="本部", address=f"{org.region.name}健康路1号", county=first_county[city]
        )
        stale = now - dt.timedelta(days=2)
        institution.capacity_refreshed_at = stale if city in STALE_CITIES else now
        institution.save(update_fields=["capacity_refreshed_at"])
        institutions.append(institution)
    return institutions


def _capacity(institutions: list[ExamInstitution], as_of: dt.date, now: dt.datetime) -> int:
    rows = [
        CapacityDay(
            institution=institution,
            site=site,
            exam_on=as_of + dt.timedelta(days=offset),
            exam_category=category,
            hazard_category=hazard,
            capacity=places,
            refreshed_at=institution.capacity_refreshed_at or now,
        )
        for institution in institutions
        for site in institution.sites.all()
        for offset in range(DAYS_AHEAD)
        for category, places in PLACES.items()
        for hazard in institution.hazard_categories
    ]
    return len(CapacityDay.objects.bulk_create(rows))


def _results(institutions: list[ExamInstitution], as_of: dt.date) -> int:
    """Book up to three due workers of an employer of Ningbo's demo county today and record their results."""
    city = Region.objects.get(code=RESULTS_COUNTY).parent_id
    institution = next((i for i in institutions if i.organisation.region_id == city), None)
    if institution is None:
        return 0
    site = institution.sites.get()
    for employer in Employer.objects.filter(county_id=RESULTS_COUNTY).exclude(organisation=None).order_by("pk"):
        due = due_for_employer(employer.pk, as_of)
        entries = [e for e in due if {h.category for h in e.hazards} <= set(FULL_SCOPE)]
        if entries:
            break
    else:
        return 0
    manager = Actor(None, "demo", Role.EMPLOYER_MANAGER, employer.organisation_id, OrgKind.EMPLOYER, RESULTS_COUNTY)
    chosen = entries[:3]
    booking = services.book_batch(
        actor=manager,
        employer=employer,
        institution=institution,
        site=site,
        exam_on=as_of,
        exam_category="pre",
        worker_ids=[e.worker.pk for e in chosen],
        today=as_of,
    )
    staff = Actor(None, "demo", Role.EXAM_STAFF, institution.organisation_id, OrgKind.EXAM_INSTITUTION, city)
    appointments = {a.worker_id: a for a in booking.appointments.all()}
    plans = (
        ("suspected_disease", "建议尽快到职业病诊断机构进行诊断"),
        ("contraindication", "调离所禁忌的作业岗位"),
        ("no_abnormality", "可继续从事原岗位工作"),
    )
    for entry, (conclusion, advice) in zip(chosen, plans, strict=False):
        category = sorted(h.category for h in entry.hazards)[0]
        suspected = SUSPECTED_BY_CATEGORY.get(category, "职业病") if conclusion == "suspected_disease" else ""
        data = services.ResultData(
            examined_on=as_of,
            conclusion=conclusion,
            advice=advice,
            findings="详见各项检查结果",
            items=[{"name": "血常规", "value": "见报告"}, {"name": "胸部X线", "value": "见报告"}],
            suspected_disease=suspected,
        )
        services.record_result(actor=staff, appointment=appointments[entry.worker.pk], data=data, today=as_of)
    services.issue_report(actor=staff, booking=booking)
    return len(chosen)


def create_exam_demo(orgs: Mapping[str, Organisation], as_of: dt.date, progress: Callable[[str], None]) -> int:
    """Institutions, capacity and a few results; returns the number of capacity rows."""
    now = timezone.now()
    institutions = _institutions(orgs, now)
    rows = _capacity(institutions, as_of, now)
    results = _results(institutions, as_of)
    progress(f"exams: {len(institutions)} institutions, {rows} capacity rows, {results} results")
    return rows
