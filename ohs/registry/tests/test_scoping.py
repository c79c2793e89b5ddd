"""Who sees employer A (上城区, Hangzhou): pages and API, list, export and search."""

from __future__ import annotations

from ohs.testing.personas import EMPLOYER_A_USCC, World
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


def test_employer_pages_scoping_matrix(world: World) -> None:
    employer = world.employers["A"]
    PageMatrix(
        detail_url=f"/employers/{employer.pk}/",
        list_url="/employers/",
        marker=EMPLOYER_A_USCC,
        search="企业A",
        expectations=EXPECTATIONS,
    ).check(world)


def test_employer_api_scoping_matrix(world: World) -> None:
    employer = world.employers["A"]
    ApiMatrix(
        detail_url=f"/api/v1/registry/employers/{employer.pk}",
        list_url="/api/v1/registry/employers",
        record_id=employer.pk,
        expectations=EXPECTATIONS,
    ).check(world)


def test_employer_change_scope_excludes_cdc_and_other_counties(world: World) -> None:
    employer = world.employers["A"]
    for persona, status in (
        ("prov_cdc", 403),
        ("hs_inspector", 404),
        ("mgr_b", 404),
        ("sc_inspector", 200),
        ("mgr_a", 200),
    ):
        response = world.client(persona).get(f"/employers/{employer.pk}/edit/")
        assert response.status_code == status, persona


def test_search_by_pinyin_initials_finds_only_in_scope(world: World) -> None:
    # 企业A → "qya": the Hangzhou inspector finds it, Ningbo's does not.
    assert "企业A" in world.client("sc_inspector").get("/employers/", {"q": "qya"}).content.decode()
    assert "企业A" not in world.client("hs_inspector").get("/employers/", {"q": "qya"}).content.decode()
