"""The signatory register's pages and API: the institution keeps it, regulators read it in their
jurisdiction, nobody else sees it; approval over the API needs the signatory in person."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from ohs.core.models.tokens import ApiToken
from ohs.detection import services
from ohs.detection.choices import ProjectStatus, SignatoryStatus
from ohs.detection.models import Signatory
from ohs.detection.tests import helpers
from ohs.orgs.choices import Role
from ohs.orgs.models import User
from ohs.orgs.services import create_user
from ohs.testing.personas import PASSWORD, World
from ohs.testing.queries import query_budget
from ohs.testing.scoping import FORBIDDEN, HIDDEN, LOGIN, OK, ApiMatrix, PageMatrix

# A registration of the Hangzhou institution (region 330100).
EXPECTATIONS: dict[str | None, str] = {
    None: LOGIN,
    "prov_regulator": OK,
    "hz_regulator": OK,
    "sc_inspector": HIDDEN,  # 上城区 governs its county; the institution sits at the city
    "hs_inspector": HIDDEN,  # another city
    "service_staff": OK,  # the institution keeping the register
    "service_b": HIDDEN,  # another institution
    "prov_cdc": FORBIDDEN,
    "sc_coordinator": FORBIDDEN,
    "mgr_a": FORBIDDEN,
    "worker_a": FORBIDDEN,
    "exam_staff": FORBIDDEN,
    "auditor": FORBIDDEN,
}
API = "/api/v1/detection"


def _messages(html: str) -> str:
    return " ".join(re.findall(r'role="alert">([^<]*)<', html))


@pytest.fixture
def registered(world_b: World) -> Signatory:
    return helpers.register(world_b, helpers.signatory_user(world_b))


def test_register_pages_scoping_matrix(world_b: World, registered: Signatory) -> None:
    PageMatrix(
        detail_url=f"/detection/signatories/{registered.pk}/",
        list_url="/detection/signatories/",
        marker=helpers.CERTIFICATE,
        search=helpers.CERTIFICATE,
        expectations=EXPECTATIONS,
    ).check(world_b)


def test_register_api_scoping_matrix(world_b: World, registered: Signatory) -> None:
    ApiMatrix(
        detail_url=f"{API}/signatories/{registered.pk}",
        list_url=f"{API}/signatories",
        record_id=registered.pk,
        expectations=EXPECTATIONS,
    ).check(world_b)


def test_only_the_institution_changes_its_register(world_b: World, registered: Signatory) -> None:
    base = f"/detection/signatories/{registered.pk}"
    forms: dict[str, dict[str, Any]] = {
        "validity/": {"basis": "x", "certificate_number": "y", "valid_from": "2026-01-01", "valid_until": "2099-01-01"},
        "scope/": {"scope_all": "on"},
        "revoke/": {"reason": "x"},
    }
    for persona, status in (("service_b", 404), ("hz_regulator", 403), ("mgr_a", 403)):
        client = world_b.client(persona)
        for path, body in forms.items():
            assert client.post(f"{base}/{path}", body).status_code == status, (persona, path)
        assert client.get("/detection/signatories/new/").status_code == (200 if persona == "service_b" else 403)
        revoke = client.post(f"{API}/signatories/{registered.pk}/revoke", {"reason": "x"}, "application/json")
        assert revoke.status_code == status, persona
    assert world_b.client(None).post(f"{base}/revoke/", {"reason": "x"}).status_code == 302
    registered.refresh_from_db()
    assert registered.status == SignatoryStatus.ACTIVE and registered.certificate_number == helpers.CERTIFICATE
    # Ningbo's form offers only Ningbo's people; posting a Hangzhou person is refused.
    page = world_b.client("service_b").get("/detection/signatories/new/").content.decode()
    assert helpers.SIGNATORY not in page
    body = _page_form(helpers.signatory_user(world_b).pk)
    refused = world_b.client("service_b").post("/detection/signatories/new/", body)
    assert refused.status_code == 200 and Signatory.objects.count() == 1


def _page_form(user_id: int, **extra: str) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "user_id": user_id, "name": "", "basis": "检验检测机构资质认定证书（授权签字人）",
        "certificate_number": "CMA-PAGE-1", "valid_from": today.isoformat(),
        "valid_until": (today + dt.timedelta(days=365)).isoformat(), "categories": ["dust", "chemical"], **extra,
    }  # fmt: skip


def test_institution_registers_amends_and_revokes_on_its_pages(world: World) -> None:
    client = world.client("service_staff")
    user = helpers.signatory_user(world)
    listing = client.get("/detection/signatories/").content.decode()
    assert "登记授权签字人" in listing  # the page action, in Chinese
    form = client.get("/detection/signatories/new/").content.decode()
    assert "授权依据" in form and "资质证书编号" in form and "危害因素类别" in form
    mine = client.post("/detection/signatories/new/", _page_form(world.user("service_staff").pk))
    assert "不得登记或变更本人的授权" in mine.content.decode()  # shown on the form, nothing saved
    late = client.post("/detection/signatories/new/", _page_form(user.pk, valid_until="2020-01-01"))
    assert 'data-field-error="valid_until"' in late.content.decode() and not Signatory.objects.exists()
    created = client.post("/detection/signatories/new/", _page_form(user.pk))
    signatory = Signatory.objects.get(user=user)
    assert created["Location"] == f"/detection/signatories/{signatory.pk}/"
    assert signatory.name == "王签字" and signatory.scope_categories == ["chemical", "dust"]
    detail = client.get(created["Location"]).content.decode()
    assert "粉尘" in detail and "化学因素" in detail and "有效" in detail
    renewal = {"basis": "复查换证", "certificate_number": "CMA-PAGE-2", "valid_from": "2026-05-01"}
    bad = client.post(
        f"/detection/signatories/{signatory.pk}/validity/", {**renewal, "valid_until": "2026-04-01"}, follow=True
    )
    assert "授权的截止日期早于起始日期" in _messages(bad.content.decode())
    until = (timezone.localdate() + dt.timedelta(days=900)).isoformat()
    client.post(f"/detection/signatories/{signatory.pk}/validity/", {**renewal, "valid_until": until})
    client.post(f"/detection/signatories/{signatory.pk}/scope/", {"scope_all": "on"})
    signatory.refresh_from_db()
    assert (signatory.certificate_number, f"{signatory.valid_until}") == ("CMA-PAGE-2", until)
    assert signatory.scope_all and signatory.basis == "复查换证"
    revoked = client.post(f"/detection/signatories/{signatory.pk}/revoke/", {"reason": "离职"}, follow=True)
    assert "授权已撤销" in _messages(revoked.content.decode())
    page = client.get(f"/detection/signatories/{signatory.pk}/").content.decode()
    assert 'data-testid="revoked"' in page and "离职" in page and 'data-testid="revoke"' not in page


def test_regulator_reads_the_register_without_forms(world: World) -> None:
    signatory = helpers.register(world, helpers.signatory_user(world))
    page = world.client("hz_regulator").get(f"/detection/signatories/{signatory.pk}/").content.decode()
    assert helpers.CERTIFICATE in page and "全部检测项目" in page
    assert (
        'data-testid="revoke"' not in page
        and "登记授权签字人" not in world.client("hz_regulator").get("/detection/signatories/").content.decode()
    )


def test_register_lists_keep_to_their_query_budget(world: World) -> None:
    keeper = world.actor("service_staff")
    for i in range(4):
        user = create_user(
            actor=keeper, username=f"signer_{i}", password=PASSWORD, role=Role.SERVICE_STAFF,
            organisation=world.user("service_staff").organisation, full_name=f"签字人{i}",
        )  # fmt: skip
        scope = services.ScopeData(categories=("dust",), agent_ids=(helpers.agent("苯").pk,))
        helpers.register(world, user, scope)
    client = world.client("service_staff")
    with query_budget(12):
        assert client.get("/detection/signatories/").status_code == 200
    with query_budget(8):
        answer = client.get(f"{API}/signatories").json()
    assert answer["count"] == 4 and all(s["scope_categories"] == ["dust"] for s in answer["items"])


def test_api_registers_and_a_token_cannot_approve(world: World) -> None:
    helpers.declared_site(world)
    project = helpers.sampled(world)
    services.review_project(actor=world.actor("service_staff"), project=project)
    raw, prefix, key_hash = ApiToken.generate()
    ApiToken.objects.create(organisation=project.institution, name="LIMS", prefix=prefix, key_hash=key_hash)
    system = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    user = helpers.signatory_user(world)
    body = {
        "user_id": user.pk, "basis": "资质认定证书", "certificate_number": "CMA-API-1",
        "valid_from": f"{timezone.localdate()}", "valid_until": "2099-12-31", "categories": ["dust"],
    }  # fmt: skip
    bad = system.post(f"{API}/signatories", {**body, "categories": ["noise"]}, "application/json")
    assert bad.status_code == 400 and "categories" in bad.json()["fields"]
    created = system.post(f"{API}/signatories", body, "application/json")
    assert created.status_code == 201, created.content
    assert created.json()["standing"] == "valid" and created.json()["scope_categories"] == ["dust"]
    sid = created.json()["id"]
    token_sign = system.post(f"{API}/projects/{project.pk}/transition/approved")
    assert token_sign.status_code == 400 and token_sign.json()["code"] == "signatory_needs_person"
    assert "approved_by" in token_sign.json()["fields"]
    person = Client()
    person.force_login(User.objects.get(pk=user.pk))
    narrow = person.post(f"{API}/projects/{project.pk}/transition/approved")
    assert narrow.status_code == 400 and narrow.json()["code"] == "signatory_outside_scope"
    assert "苯" in narrow.json()["message"] and "噪声" in narrow.json()["message"]
    revoked = system.post(f"{API}/signatories/{sid}/revoke", {"reason": "范围变更，重新登记"}, "application/json")
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    again = system.post(
        f"{API}/signatories", {**body, "categories": ["dust", "chemical", "physical"]}, "application/json"
    )
    assert again.status_code == 201
    signed = person.post(f"{API}/projects/{project.pk}/transition/approved")
    assert signed.status_code == 200 and signed.json()["status"] == ProjectStatus.APPROVED
    assert signed.json()["approved_signatory_id"] == again.json()["id"]


def test_the_register_is_in_the_menu_of_those_who_read_it(world: World) -> None:
    for persona, shown in (("service_staff", True), ("hz_regulator", True), ("sc_inspector", True), ("mgr_a", False)):
        html = world.client(persona).get("/home/").content.decode()
        assert ('href="/detection/signatories/"' in html) == shown, persona
