"""Pool pages and routes: who sees 上城区's pool entry and its declared conflict; the inspector's
own page declares with field errors and withdraws; the regulator removes and records; load shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ohs.core.actor import SYSTEM_ACTOR
from ohs.inspection.choices import ConflictStatus, InspectorStatus, PlanLevel
from ohs.inspection.models import InspectorConflict
from ohs.inspection.services import plans, pool
from ohs.inspection.tests.pool_helpers import CONFLICT_REASON, PoolRecords, add_ningbo_regulator, pool_records
from ohs.orgs.choices import Role
from ohs.orgs.services import create_user
from ohs.registry.choices import EmployerStatus
from ohs.registry.models import Employer
from ohs.testing.personas import PASSWORD, World
from ohs.testing.queries import query_budget
from ohs.testing.scoping import FORBIDDEN, HIDDEN, LOGIN, OK, ApiMatrix, PageMatrix

# The pool and the declared conflicts are the regulator's: inspectors only declare their own.
POOL_EXPECTATIONS: dict[str | None, str] = {
    None: LOGIN,
    "prov_regulator": OK,
    "hz_regulator": OK,
    "nb_regulator": HIDDEN,  # another city's regulator
    "sc_inspector": FORBIDDEN,
    "hs_inspector": FORBIDDEN,
    "prov_cdc": FORBIDDEN,
    "sc_coordinator": FORBIDDEN,
    "mgr_a": FORBIDDEN,
    "worker_a": FORBIDDEN,
    "auditor": FORBIDDEN,
}


@pytest.fixture
def records(world: World) -> PoolRecords:
    add_ningbo_regulator(world)
    return pool_records(world)


def test_pool_pages_and_api(world: World, records: PoolRecords) -> None:
    pk = records.inspector.pk
    PageMatrix(
        f"/inspections/inspectors/{pk}/",
        "/inspections/inspectors/",
        "enforcement-330102",
        "sc_inspector",
        POOL_EXPECTATIONS,
    ).check(world)
    ApiMatrix(f"/api/v1/inspection/inspectors/{pk}", "/api/v1/inspection/inspectors", pk, POOL_EXPECTATIONS).check(
        world
    )


def test_conflict_pages_and_api(world: World, records: PoolRecords) -> None:
    pk = records.conflict.pk
    PageMatrix(
        f"/inspections/conflicts/{pk}/", "/inspections/conflicts/", CONFLICT_REASON, "企业A", POOL_EXPECTATIONS
    ).check(world)
    ApiMatrix(f"/api/v1/inspection/conflicts/{pk}", "/api/v1/inspection/conflicts", pk, POOL_EXPECTATIONS).check(world)


def test_my_conflicts_page_shows_only_my_own(world: World, records: PoolRecords) -> None:
    mine = world.client("sc_inspector").get("/inspections/conflicts/mine/")
    assert mine.status_code == 200 and CONFLICT_REASON in mine.content.decode()
    colleague = world.client("hs_inspector").get("/inspections/conflicts/mine/")
    html = colleague.content.decode()
    assert colleague.status_code == 200 and CONFLICT_REASON not in html and 'data-testid="not-in-pool"' in html
    for persona in ("hz_regulator", "mgr_a", None):
        response = world.client(persona).get("/inspections/conflicts/mine/")
        assert response.status_code == (302 if persona is None else 403), persona


def test_declaring_on_the_page_names_the_field_at_fault(world: World, records: PoolRecords) -> None:
    client = world.client("sc_inspector")
    form = {"employer": world.employers["B"].uscc, "relation": "financial", "reason": "持股", "since_on": "2025-01-01"}
    outside = client.post("/inspections/conflicts/mine/", form)  # employer B lies in Ningbo
    assert 'data-field-error="employer"' in outside.content.decode()
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    late = client.post("/inspections/conflicts/mine/", {**form, "employer": "企业A", "since_on": future})
    assert 'data-field-error="since_on"' in late.content.decode()
    assert InspectorConflict.objects.count() == 1
    again = client.post("/inspections/conflicts/mine/", {**form, "employer": "企业A"})
    assert 'data-field-error="employer"' in again.content.decode()  # already declared


def test_inspector_declares_and_withdraws_on_the_page(world: World, records: PoolRecords) -> None:
    client = world.client("sc_inspector")
    withdrawn = client.post(f"/inspections/conflicts/{records.conflict.pk}/withdrawn/")
    assert withdrawn.status_code == 302
    assert InspectorConflict.objects.get(pk=records.conflict.pk).status == ConflictStatus.WITHDRAWN
    form = {
        "employer": world.employers["A"].uscc,
        "relation": "relative",
        "reason": "表弟任安全员",
        "since_on": "2026-01-05",
    }
    assert client.post("/inspections/conflicts/mine/", form).status_code == 302
    declared = InspectorConflict.objects.get(status=ConflictStatus.DECLARED)
    assert (declared.reason, declared.since_on) == ("表弟任安全员", dt.date(2026, 1, 5))
    assert world.client("hs_inspector").post(f"/inspections/conflicts/{declared.pk}/withdrawn/").status_code == 404
    assert world.client("hz_regulator").post(f"/inspections/conflicts/{declared.pk}/withdrawn/").status_code == 403


def test_regulator_removes_and_records_the_former_employer(world: World, records: PoolRecords) -> None:
    pk, client = records.inspector.pk, world.client("hz_regulator")
    response = client.post(f"/inspections/inspectors/{pk}/former_employer/", {"former_employer": "企业A"})
    assert response.status_code == 302
    assert client.post(f"/inspections/inspectors/{pk}/removed/").status_code == 302
    records.inspector.refresh_from_db()
    assert records.inspector.former_employer == world.employers["A"]
    assert records.inspector.status == InspectorStatus.REMOVED
    assert world.client("nb_regulator").post(f"/inspections/inspectors/{pk}/restored/").status_code == 404
    assert world.client("sc_inspector").post(f"/inspections/inspectors/{pk}/restored/").status_code == 403


def test_regulator_adds_through_the_page(world: World) -> None:
    client = world.client("hz_regulator")
    page = client.get("/inspections/inspectors/new/").content.decode()
    sc, hs = world.users["sc_inspector"].pk, world.users["hs_inspector"].pk
    assert f'value="{sc}"' in page and f'value="{hs}"' not in page  # only its jurisdiction's inspectors
    bad = client.post("/inspections/inspectors/new/", {"user_id": sc, "former_employer": "不存在的企业"})
    assert 'data-field-error="former_employer"' in bad.content.decode()
    added = client.post("/inspections/inspectors/new/", {"user_id": sc, "former_employer": ""})
    assert added.status_code == 302


def test_the_pool_shows_each_inspectors_load(world: World, records: PoolRecords) -> None:
    regulator = world.actor("hz_regulator")
    colleague = create_user(
        actor=SYSTEM_ACTOR,
        username="sc_colleague",
        password=PASSWORD,
        role=Role.INSPECTOR,
        organisation=world.users["sc_inspector"].organisation,
    )
    pool.add_to_pool(actor=regulator, user_id=colleague.pk)
    for n in range(2):
        Employer.objects.create(
            uscc=f"91330102MA2H00{n:03d}X"[:18],
            name=f"上城企业{n}",
            county_id="330102",
            status=EmployerStatus.CONFIRMED,
        )
    plan = plans.create_plan(
        actor=regulator,
        title="杭州市抽查",
        level=PlanLevel.CITY,
        items=["OH05"],
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 10, 31),
        class_ratios={"甲": "1", "乙": "1", "丙": "1"},
    )
    plans.draw_plan(actor=regulator, plan=plan, seed="load")
    assigned = plan.tasks.filter(inspectors=records.inspector).count()
    assert assigned == 2  # both new employers; never employer A, on which an interest is declared
    detail = world.client("hz_regulator").get(f"/inspections/inspectors/{records.inspector.pk}/").content.decode()
    assert 'data-testid="load">2<' in detail and detail.count('data-testid="open-task"') == 2


def test_pool_list_query_budgets(world: World, records: PoolRecords) -> None:
    client = world.client("prov_regulator")
    for url, budget in (
        ("/inspections/inspectors/", 12),
        ("/inspections/conflicts/", 12),
        ("/api/v1/inspection/inspectors", 8),
        ("/api/v1/inspection/conflicts", 8),
    ):
        with query_budget(budget):
            assert client.get(url).status_code == 200, url
    inspector = world.client("sc_inspector")
    with query_budget(12):
        assert inspector.get("/inspections/conflicts/mine/").status_code == 200


def test_api_declares_only_for_oneself(world: World, records: PoolRecords) -> None:
    body = {"employer_id": world.employers["A"].pk, "relation": "other", "reason": "x", "since_on": "2025-01-01"}
    url = f"/api/v1/inspection/inspectors/{records.inspector.pk}/conflicts"
    assert world.client("hs_inspector").post(url, body, content_type="application/json").status_code == 404
    assert world.client("hz_regulator").post(url, body, content_type="application/json").status_code == 403
    twice = world.client("sc_inspector").post(url, body, content_type="application/json")
    assert twice.status_code == 409 and "employer" in twice.json()["fields"]
    listed = world.client("hz_regulator").get("/api/v1/inspection/inspectors").json()["items"]
    assert listed[0]["conflict_employer_ids"] == [world.employers["A"].pk]
