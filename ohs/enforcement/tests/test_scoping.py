"""Who sees employer A's case, its action code, a Hangzhou review campaign and an audit of
上城区: pages (list, export, search) and API; list query budgets; the public page needs no login."""

from __future__ import annotations

import pytest
from django.test import Client

from ohs.core.supervision import open_case_from_act
from ohs.enforcement.models import Case, EnforcementAudit, ReviewCampaign
from ohs.enforcement.services import cases, reviews
from ohs.enforcement.tests.conftest import days_ago, start_inspection
from ohs.geo.models import Region
from ohs.testing.personas import World
from ohs.testing.queries import query_budget
from ohs.testing.scoping import FORBIDDEN, HIDDEN, LOGIN, OK, ApiMatrix, PageMatrix

ABOUT_EMPLOYER_A: dict[str | None, str] = {
    None: LOGIN,
    "prov_regulator": OK,
    "hz_regulator": OK,
    "sc_inspector": OK,
    "mgr_a": OK,  # the entity sees every code and case about itself
    "hs_inspector": HIDDEN,  # another county
    "mgr_b": HIDDEN,  # another employer
    "prov_cdc": FORBIDDEN,
    "sc_coordinator": FORBIDDEN,
    "worker_a": FORBIDDEN,
    "expert": FORBIDDEN,
    "auditor": FORBIDDEN,
}
OFFICIALS_ONLY = {**ABOUT_EMPLOYER_A, "mgr_a": FORBIDDEN, "mgr_b": FORBIDDEN}


@pytest.fixture
def case(world: World) -> Case:
    code, start = start_inspection(world)
    opened = open_case_from_act(world.actor("sc_inspector"), action_code=code, start=start, findings="噪声超标")
    assert isinstance(opened, Case)
    return opened


def test_case_pages_scoping_matrix(world: World, case: Case) -> None:
    PageMatrix(
        detail_url=f"/enforcement/cases/{case.pk}/",
        list_url="/enforcement/cases/",
        marker=case.ref,
        search=case.action_code.code,
        expectations=ABOUT_EMPLOYER_A,
    ).check(world)


def test_case_api_scoping_matrix(world: World, case: Case) -> None:
    ApiMatrix(f"/api/v1/enforcement/cases/{case.pk}", "/api/v1/enforcement/cases", case.pk, ABOUT_EMPLOYER_A).check(
        world
    )


def test_code_pages_and_api_scoping_matrix(world: World, case: Case) -> None:
    code = case.action_code
    PageMatrix(
        detail_url=f"/enforcement/codes/{code.pk}/",
        list_url="/enforcement/codes/",
        marker=code.code,
        search="企业A",
        expectations=ABOUT_EMPLOYER_A,
    ).check(world)
    ApiMatrix(f"/api/v1/enforcement/codes/{code.pk}", "/api/v1/enforcement/codes", code.pk, ABOUT_EMPLOYER_A).check(
        world
    )


@pytest.fixture
def campaign(world: World) -> ReviewCampaign:
    return reviews.start_campaign(
        actor=world.actor("hz_regulator"), name="杭州市案卷评查", decided_from=days_ago(30), decided_to=days_ago(0)
    )


def test_campaign_pages_and_api_scoping_matrix(world: World, campaign: ReviewCampaign) -> None:
    expectations = OFFICIALS_ONLY  # 上城区 sees its city's campaign; 海曙区 (Ningbo) does not
    PageMatrix(
        detail_url=f"/enforcement/reviews/{campaign.pk}/",
        list_url="/enforcement/reviews/",
        marker="杭州市案卷评查",
        search="杭州",
        expectations=expectations,
    ).check(world)
    ApiMatrix(
        f"/api/v1/enforcement/campaigns/{campaign.pk}", "/api/v1/enforcement/campaigns", campaign.pk, expectations
    ).check(world)


@pytest.fixture
def audit_row(world: World) -> EnforcementAudit:
    return reviews.start_audit(
        actor=world.actor("hz_regulator"),
        county=Region.objects.get(pk="330102"),
        findings="法制审核缺失稽查意见",
        follow_up_due_on=days_ago(-20),
    )


def test_audit_pages_and_api_scoping_matrix(world: World, audit_row: EnforcementAudit) -> None:
    PageMatrix(
        detail_url=f"/enforcement/audits/{audit_row.pk}/",
        list_url="/enforcement/audits/",
        marker="法制审核缺失稽查意见",
        search="稽查",
        expectations=OFFICIALS_ONLY,
    ).check(world)
    ApiMatrix(
        f"/api/v1/enforcement/audits/{audit_row.pk}", "/api/v1/enforcement/audits", audit_row.pk, OFFICIALS_ONLY
    ).check(world)


def test_other_pages_need_the_right_role(world: World, case: Case) -> None:
    for url in ("/enforcement/deadlines/", "/enforcement/benchmarks/"):
        assert world.client("sc_inspector").get(url).status_code == 200, url
        assert world.client("mgr_a").get(url).status_code == 403, url
        assert world.client(None).get(url).status_code == 302, url
    assert world.client("prov_regulator").get("/enforcement/codes/coverage/").status_code == 200
    assert world.client("hz_regulator").get("/enforcement/codes/coverage/").status_code == 403
    rows = {r["subject_type"]: r for r in world.client("prov_regulator").get("/api/v1/enforcement/coverage").json()}
    assert rows["enforcement.case"]["acts"] == rows["enforcement.case"]["coded"] >= 1
    assert rows["registry.employer"]["coded"] == 1  # the stand-in inspection's subject
    assert world.client("sc_inspector").get("/api/v1/enforcement/coverage").status_code == 403


def test_another_county_cannot_take_a_step(world: World, case: Case) -> None:
    response = world.client("hs_inspector").post(f"/enforcement/cases/{case.pk}/step/evidence/", {})
    assert response.status_code == 404
    api = world.client("hs_inspector").post(
        f"/api/v1/enforcement/cases/{case.pk}/steps/evidence", {"data": {}}, content_type="application/json"
    )
    assert api.status_code == 404
    assert world.client("mgr_a").post(f"/enforcement/cases/{case.pk}/step/evidence/", {}).status_code == 403


def test_public_page_needs_no_login_and_rejects_a_mistyped_code(world: World, case: Case) -> None:
    code = case.action_code.code
    page = Client().get(f"/enforcement/c/{code}/")
    assert page.status_code == 200 and "检查" in page.content.decode()
    mistyped = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert Client().get(f"/enforcement/c/{mistyped}/").status_code == 404


def test_list_query_budgets(world: World) -> None:
    for _ in range(6):
        code, start = start_inspection(world)
        opened = open_case_from_act(world.actor("sc_inspector"), action_code=code, start=start, findings="超标")
        assert isinstance(opened, Case)
        cases.approve_filing(actor=world.actor("hz_regulator"), case=opened, filed_on=days_ago(88))
    client = world.client("sc_inspector")
    for url in ("/enforcement/cases/", "/enforcement/codes/", "/enforcement/deadlines/", "/api/v1/enforcement/cases"):
        with query_budget(14):
            assert client.get(url).status_code == 200, url
    with query_budget(14):
        assert client.get("/api/v1/enforcement/codes").status_code == 200
    assert client.get("/enforcement/deadlines/").content.decode().count('data-testid="due-row"') == 6
