"""The UI shell: per-role navigation and dashboard, lists, forms, HTMX partials, language."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from ohs.registry.models import Employer
from ohs.testing.personas import World
from ohs.testing.queries import query_budget


@pytest.mark.parametrize(
    ("persona", "present", "absent"),
    [
        ("sc_inspector", ["/employers/", "/workers/"], ["/home/audit/"]),
        ("mgr_a", ["/employers/", "/workers/"], ["/organisations/", "/home/audit/"]),
        ("auditor", ["/home/audit/", "/admin/"], ["/employers/"]),
        ("worker_a", ["/workers/me/"], ["/employers/", "/workers/"]),
    ],
)
def test_navigation_follows_the_role(world: World, persona: str, present: list[str], absent: list[str]) -> None:
    html = world.client(persona).get("/home/").content.decode()
    for url in present:
        assert f'href="{url}"' in html, url
    for url in absent:
        assert f'href="{url}"' not in html, url


def test_dashboard_figures_are_scoped(world: World) -> None:
    expected = Employer.objects.filter(county_id="330102").count()
    html = world.client("sc_inspector").get("/home/").content.decode()
    assert f'data-testid="card-figure">{expected}<' in html


def test_list_filters_sort_and_htmx_partial(world: World) -> None:
    client = world.client("prov_regulator")
    full = client.get("/employers/", {"county": "330203"})
    assert "企业B" in full.content.decode() and "企业A" not in full.content.decode()
    partial = client.get("/employers/", {"sort": "-name"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and partial.index("企业B") < partial.index("企业A")


def test_unknown_filter_value_is_ignored_not_an_error(world: World) -> None:
    assert (
        world.client("prov_regulator").get("/employers/", {"county": "999999", "sort": "nonsense"}).status_code == 200
    )


def test_excel_export_has_header_and_rows(world: World) -> None:
    response = world.client("prov_regulator").get("/employers/", {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "名称" and len(rows) == Employer.objects.count() + 1


def test_list_page_query_budget(world: World) -> None:
    client = world.client("prov_regulator")
    with query_budget(12):
        assert client.get("/employers/").status_code == 200
    with query_budget(12):
        assert client.get("/api/v1/registry/employers").status_code == 200
    for url in ("/organisations/", "/workers/", "/employers/declarations/", "/hazards/"):
        with query_budget(12):
            assert client.get(url).status_code == 200, url


def test_form_shows_field_error_and_writes_nothing(world: World) -> None:
    before = Employer.objects.count()
    response = world.client("sc_inspector").post(
        "/employers/new/", {"uscc": "91330102MA2K00000X", "name": "新企业", "county_code": "330102"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'data-field-error="uscc"' in html and "校验位" in html
    assert Employer.objects.count() == before


def test_register_and_confirm_flow(world: World) -> None:
    client = world.client("sc_inspector")
    response = client.post(
        "/employers/new/", {"uscc": "91330102MA2HXG2W8N", "name": "上城新材料有限公司", "county_code": "330102"}
    )
    employer = Employer.objects.get(name="上城新材料有限公司")
    assert response.status_code == 302 and employer.status == "confirmed"


def test_county_regulator_cannot_register_outside_jurisdiction(world: World) -> None:
    response = world.client("sc_inspector").post(
        "/employers/new/", {"uscc": "91330102MA2HXG2W8N", "name": "x", "county_code": "330203"}
    )
    assert 'data-field-error="county_code"' in response.content.decode()


def test_language_switch_to_english(world: World) -> None:
    client = world.client("sc_inspector")
    client.post("/i18n/setlang/", {"language": "en", "next": "/employers/"})
    assert "Employers" in client.get("/employers/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/employers/"})
    assert "用人单位" in client.get("/employers/").content.decode()
