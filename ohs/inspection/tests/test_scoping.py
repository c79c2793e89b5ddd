"""Who sees a city plan, an inspection of employer A and a complaint in 上城区: pages and API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ohs.inspection.choices import InspectionKind, PlanLevel
from ohs.inspection.models import Complaint, Inspection, InspectionPlan
from ohs.inspection.services import complaints, inspections, plans
from ohs.orgs.models import User
from ohs.orgs.services import create_user
from ohs.testing.personas import COUNTY_A, World
from ohs.testing.queries import query_budget
from ohs.testing.scoping import FORBIDDEN, HIDDEN, LOGIN, OK, ApiMatrix, PageMatrix

PLAN_TITLE = "杭州市2026年职业卫生随机抽查"
COMPLAINT_TEXT = "车间粉尘大未发口罩"

PLAN_EXPECTATIONS: dict[str | None, str] = {
    None: LOGIN,
    "prov_regulator": OK,
    "prov_cdc": OK,
    "hz_regulator": OK,
    "sc_inspector": OK,  # sees the plans of its city and province
    "hs_inspector": HIDDEN,  # another city
    "sc_coordinator": FORBIDDEN,
    "mgr_a": FORBIDDEN,
    "worker_a": FORBIDDEN,
    "auditor": FORBIDDEN,
}
INSPECTION_EXPECTATIONS: dict[str | None, str] = {
    None: LOGIN,
    "prov_regulator": OK,
    "hz_regulator": OK,
    "sc_inspector": OK,
    "hs_inspector": HIDDEN,
    "mgr_a": OK,  # its own inspection results
    "mgr_b": HIDDEN,
    "prov_cdc": FORBIDDEN,
    "sc_coordinator": FORBIDDEN,
    "worker_a": FORBIDDEN,
}
COMPLAINT_EXPECTATIONS: dict[str | None, str] = {
    None: LOGIN,
    "prov_regulator": OK,
    "hz_regulator": OK,
    "sc_inspector": OK,
    "hs_inspector": HIDDEN,
    "mgr_a": FORBIDDEN,  # the complainant is protected from the employer
    "prov_cdc": FORBIDDEN,
    "worker_a": FORBIDDEN,
}


@pytest.fixture
def records(world: World) -> tuple[InspectionPlan, Inspection, Complaint]:
    plan = plans.create_plan(
        actor=world.actor("hz_regulator"),
        title=PLAN_TITLE,
        level=PlanLevel.CITY,
        items=["OH05"],
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 10, 31),
    )
    colleague = create_user(
        actor=world.actor("sysadmin"),
        username="sc_colleague",
        password="Persona#2026pw",
        role="inspector",
        organisation=world.users["sc_inspector"].organisation,
        full_name="同事",
    )
    officers = [User.objects.get(username="sc_inspector"), colleague]
    inspection = inspections.start_inspection(
        actor=world.actor("sc_inspector"),
        employer=world.employers["A"],
        kind=InspectionKind.TARGETED,
        items=["OH05", "OH10"],
        officers=officers,
    )
    complaint = complaints.receive_complaint(
        actor=world.actor("sc_inspector"),
        county_id=COUNTY_A,
        content=COMPLAINT_TEXT,
        channel="12345",
        received_on=timezone.localdate(),
        employer=world.employers["A"],
    )
    return plan, inspection, complaint


def test_plan_pages_and_api(world: World, records: tuple[InspectionPlan, Inspection, Complaint]) -> None:
    pk = records[0].pk
    PageMatrix(f"/inspections/plans/{pk}/", "/inspections/plans/", PLAN_TITLE, "杭州市", PLAN_EXPECTATIONS).check(world)
    ApiMatrix(f"/api/v1/inspection/plans/{pk}", "/api/v1/inspection/plans", pk, PLAN_EXPECTATIONS).check(world)


def test_inspection_pages_and_api(world: World, records: tuple[InspectionPlan, Inspection, Complaint]) -> None:
    pk = records[1].pk
    PageMatrix(f"/inspections/{pk}/", "/inspections/", "企业A", "企业A", INSPECTION_EXPECTATIONS).check(world)
    ApiMatrix(
        f"/api/v1/inspection/inspections/{pk}", "/api/v1/inspection/inspections", pk, INSPECTION_EXPECTATIONS
    ).check(world)


def test_complaint_pages_and_api(world: World, records: tuple[InspectionPlan, Inspection, Complaint]) -> None:
    pk = records[2].pk
    PageMatrix(
        f"/inspections/complaints/{pk}/", "/inspections/complaints/", COMPLAINT_TEXT, "粉尘", COMPLAINT_EXPECTATIONS
    ).check(world)
    ApiMatrix(f"/api/v1/inspection/complaints/{pk}", "/api/v1/inspection/complaints", pk, COMPLAINT_EXPECTATIONS).check(
        world
    )


def test_changes_need_the_change_scope(world: World, records: tuple[InspectionPlan, Inspection, Complaint]) -> None:
    plan, inspection, complaint = records
    assert world.client("sc_inspector").post(f"/inspections/plans/{plan.pk}/draw/").status_code == 404
    assert world.client("mgr_a").post(f"/inspections/{inspection.pk}/complete/").status_code == 403
    assert world.client("hs_inspector").post(f"/inspections/{inspection.pk}/complete/").status_code == 404
    assert world.client("hs_inspector").post(f"/inspections/complaints/{complaint.pk}/handled/").status_code == 404


def test_complaint_is_handled_and_answered_in_time(
    world: World, records: tuple[InspectionPlan, Inspection, Complaint]
) -> None:
    complaint, client = records[2], world.client("sc_inspector")
    officer = world.users["sc_inspector"]
    for step, body in (("assigned", {"officer_id": officer.pk}), ("handled", {"text": "现场核查属实，责令改正"})):
        response = client.post(
            f"/api/v1/inspection/complaints/{complaint.pk}/{step}", body, content_type="application/json"
        )
        assert response.status_code == 200, response.content
    early = client.post(
        f"/api/v1/inspection/complaints/{complaint.pk}/handled", {"text": "x"}, content_type="application/json"
    )
    assert early.status_code == 409
    answered = client.post(
        f"/api/v1/inspection/complaints/{complaint.pk}/answered", {"text": "已答复"}, content_type="application/json"
    )
    assert answered.json()["status"] == "answered" and answered.json()["is_on_time"] is True


def test_list_query_budgets(world: World, records: object) -> None:
    client = world.client("prov_regulator")
    for url, budget in (
        ("/inspections/plans/", 12),
        ("/inspections/", 12),
        ("/inspections/complaints/", 14),
        ("/api/v1/inspection/plans", 8),
        ("/api/v1/inspection/inspections", 9),
        ("/api/v1/inspection/complaints", 8),
    ):
        with query_budget(budget):
            assert client.get(url).status_code == 200, url
