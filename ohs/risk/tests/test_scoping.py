"""Who sees employer A's risk profile, rectifications and self-inspections: pages and API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from ohs.risk import services
from ohs.risk.models import Rectification, SelfInspection
from ohs.testing.personas import EMPLOYER_A_USCC, World
from ohs.testing.queries import query_budget
from ohs.testing.scoping import FORBIDDEN, HIDDEN, LOGIN, OK, ApiMatrix, PageMatrix

EXPECTATIONS: dict[str | None, str] = {
    None: LOGIN,
    "prov_regulator": OK,
    "prov_cdc": OK,
    "hz_regulator": OK,
    "sc_inspector": OK,
    "sc_coordinator": OK,
    "hs_inspector": HIDDEN,  # another county
    "mgr_a": OK,
    "mgr_b": HIDDEN,  # another employer
    "worker_a": FORBIDDEN,
    "expert": FORBIDDEN,
    "auditor": FORBIDDEN,
}


@pytest.fixture
def records(world: World) -> tuple[Rectification, SelfInspection]:
    services.classify_employers([e.pk for e in world.employers.values()])
    rectification = services.push_rectification(
        actor=world.actor("sc_inspector"), employer=world.employers["A"], shortfall_code="self_check_missing"
    )
    services.push_rectification(
        actor=world.actor("hs_inspector"), employer=world.employers["B"], shortfall_code="self_check_missing"
    )
    inspection = services.record_self_inspection(
        actor=world.actor("mgr_a"),
        employer=world.employers["A"],
        performed_on=timezone.localdate(),
        score=Decimal(80),
        problems={},
    )
    return rectification, inspection


def test_profile_pages_and_api(world: World, records: object) -> None:
    employer = world.employers["A"]
    PageMatrix(f"/risk/employers/{employer.pk}/", "/risk/", EMPLOYER_A_USCC, "企业A", EXPECTATIONS).check(world)
    ApiMatrix(f"/api/v1/risk/profiles/{employer.pk}", "/api/v1/risk/profiles", employer.pk, EXPECTATIONS).check(world)


def test_rectification_pages_and_api(world: World, records: tuple[Rectification, SelfInspection]) -> None:
    pk = records[0].pk
    PageMatrix(f"/risk/rectifications/{pk}/", "/risk/rectifications/", "企业A", "企业A", EXPECTATIONS).check(world)
    ApiMatrix(f"/api/v1/risk/rectifications/{pk}", "/api/v1/risk/rectifications", pk, EXPECTATIONS).check(world)


def test_self_inspection_pages_and_api(world: World, records: tuple[Rectification, SelfInspection]) -> None:
    pk = records[1].pk
    PageMatrix(f"/risk/self-inspections/{pk}/", "/risk/self-inspections/", "企业A", "企业A", EXPECTATIONS).check(world)
    listing = world.client("hs_inspector").get("/api/v1/risk/self-inspections").json()["items"]
    assert pk not in [i["id"] for i in listing]
    assert pk in [i["id"] for i in world.client("mgr_a").get("/api/v1/risk/self-inspections").json()["items"]]


def test_change_needs_the_change_scope(world: World, records: tuple[Rectification, SelfInspection]) -> None:
    pk, employer = records[0].pk, world.employers["A"]
    assert world.client("prov_cdc").post(f"/risk/rectifications/{pk}/approved/").status_code == 403
    assert world.client("hs_inspector").post(f"/risk/rectifications/{pk}/approved/").status_code == 404
    assert world.client("mgr_b").post(f"/risk/rectifications/{pk}/submit/").status_code == 404
    assert world.client("hs_inspector").post(f"/risk/employers/{employer.pk}/push/").status_code == 404
    api = world.client("mgr_a").post(
        f"/api/v1/risk/profiles/{employer.pk}/rectifications", {"shortfall_code": "x"}, content_type="application/json"
    )
    assert api.status_code == 403


def test_config_page_is_the_provincial_regulators(world: World) -> None:
    assert world.client("mgr_a").get("/risk/config/").status_code == 403
    assert world.client("prov_regulator").get("/risk/config/").status_code == 200
    refused = world.client("hz_regulator").post(
        "/api/v1/risk/config", {"data": {"version": "x"}}, content_type="application/json"
    )
    assert refused.status_code == 403


def test_list_query_budgets(world: World, records: object) -> None:
    client = world.client("prov_regulator")
    for url, budget in (
        ("/risk/", 12),
        ("/risk/rectifications/", 12),
        ("/risk/self-inspections/", 12),
        ("/api/v1/risk/profiles", 8),
        ("/api/v1/risk/rectifications", 9),
    ):
        with query_budget(budget):
            assert client.get(url).status_code == 200, url
