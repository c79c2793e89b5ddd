"""Catalogue pages: list (search, filters, export), agent at a version, the editors' forms."""

from __future__ import annotations

import io

from django.test import Client
from openpyxl import load_workbook

from ohs.core.models.audit import AuditEntry
from ohs.hazards import queries
from ohs.hazards.choices import Metric
from ohs.hazards.models import Agent, CatalogueVersion, LimitValue
from ohs.testing.personas import World
from ohs.testing.queries import query_budget

LIST = "/hazards/"


def _rows(client: Client, **params: str) -> str:
    """The table body of the list's HTMX fragment (the search box would echo the term)."""
    html = client.get(LIST, params, HTTP_HX_REQUEST="true").content.decode()
    return html[html.find("<tbody>") : html.find("</tbody>")]


def _benzene() -> Agent:
    return Agent.objects.get(cas="71-43-2")


def test_search_by_chinese_name_initials_english_name_and_cas(world: World) -> None:
    client = world.client("sc_inspector")
    assert "Benzene" in _rows(client, q="苯")
    assert "甲苯" in _rows(client, q="jb") and "Toluene" in _rows(client, q="jb")
    assert "苯" in _rows(client, q="benzene")
    by_cas = _rows(client, q="71-43-2")
    assert "Benzene" in by_cas and "Toluene" not in by_cas


def test_filters_by_category_and_weakest_confidence(world: World) -> None:
    client = world.client("mgr_a")
    dusts = _rows(client, category="dust", q="silica")
    assert "矽尘" in dusts and "沉淀SiO2" in dusts
    assert "Silica" not in _rows(client, category="chemical", q="silica")
    unconfirmed = _rows(client, confidence="C", q="三氯乙烯")
    assert "Trichloroethylene" in unconfirmed and "C · " in unconfirmed
    assert "Benzene" not in _rows(client, confidence="C", q="苯")


def test_list_sorts_and_exports_to_excel(world: World) -> None:
    client = world.client("worker_a")
    assert client.get(LIST, {"sort": "-cas"}).status_code == 200
    export = client.get(LIST, {"export": "xlsx", "q": "苯"})
    sheet = load_workbook(io.BytesIO(export.content), read_only=True).active
    rows = [[str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    benzene = next(r for r in rows if "71-43-2" in r)
    assert "PC-TWA 3 mg/m3" in " ".join(benzene)
    assert AuditEntry.objects.filter(action="export", object_type="hazard-catalogue").exists()


def test_list_page_query_budget(world: World) -> None:
    client = world.client("prov_cdc")
    client.get(LIST)  # warm the session and the menu
    with query_budget(10):
        assert client.get(LIST).status_code == 200


def test_detail_page_query_budget(world: World) -> None:
    client = world.client("prov_regulator")
    url = f"/hazards/{Agent.objects.get(name_zh='微波辐射').pk}/"
    client.get(url)
    with query_budget(12):
        assert client.get(url).status_code == 200


def test_detail_shows_limits_with_edition_clause_and_badge_below_a(world: World) -> None:
    page = world.client("expert").get(f"/hazards/{Agent.objects.get(name_zh='乙苯').pk}/").content.decode()
    assert "GBZ 2.1-2019" in page and 'data-testid="below-a"' in page and 'data-testid="unconfirmed-note"' in page
    benzene_page = world.client("expert").get(f"/hazards/{_benzene().pk}/").content.decode()
    assert 'data-testid="below-a"' not in benzene_page.split('data-testid="history"')[0]


def test_detail_shows_the_catalogue_as_of_an_earlier_version(world: World) -> None:
    client = world.client("prov_regulator")
    limit = LimitValue.objects.current().get(agent=_benzene(), metric=Metric.PC_TWA)
    before = queries.current_version().number
    body = {"value": "2.5", "unit": "mg/m3", "edition": "GBZ 2.1-2019", "clause": "table 1"}
    body |= {"confidence": "A", "source": "标准原文", "reason": "修改单"}
    response = client.post(f"/hazards/limits/{limit.pk}/correct/", body)
    assert response.status_code == 302 and response["Location"] == f"/hazards/{limit.agent_id}/"
    now = client.get(f"/hazards/{limit.agent_id}/").content.decode()
    then = client.get(f"/hazards/{limit.agent_id}/", {"version": before}).content.decode()
    assert "<strong>2.5</strong>" in now.split('data-testid="history"')[0]
    assert "<strong>3</strong>" in then.split('data-testid="history"')[0]
    assert client.get(f"/hazards/{limit.agent_id}/", {"version": 999}).status_code == 404


def test_correction_form_only_for_provincial_editors(world: World) -> None:
    url = f"/hazards/limits/{LimitValue.objects.current().filter(agent=_benzene()).first().pk}/correct/"  # type: ignore[union-attr]
    assert world.client("sc_inspector").get(url).status_code == 403
    assert world.client("mgr_a").get(url).status_code == 403
    assert world.client("prov_regulator").get(url).status_code == 200
    assert world.client("sysadmin").get(url).status_code == 200
    refused = world.client("hz_regulator").get(url)
    assert refused.status_code == 403 and 'data-testid="refused"' in refused.content.decode()


def test_correction_form_requires_a_reason_and_saves_nothing_without(world: World) -> None:
    limit = LimitValue.objects.current().get(agent=_benzene(), metric=Metric.PC_STEL)
    count = CatalogueVersion.objects.count()
    body = {"value": "5", "unit": "mg/m3", "edition": "GBZ 2.1-2019", "confidence": "A", "source": "x", "reason": ""}
    response = world.client("prov_regulator").post(f"/hazards/limits/{limit.pk}/correct/", body)
    assert response.status_code == 200 and 'data-field-error="reason"' in response.content.decode()
    assert CatalogueVersion.objects.count() == count


def test_add_agent_form(world: World) -> None:
    client = world.client("prov_regulator")
    assert world.client("sc_inspector").get("/hazards/new/").status_code == 403
    body = {"name_zh": "测试剂丁", "category": "chemical", "cas": "71-43-3", "reason": "新增", "metric": "pc_twa"}
    bad = client.post("/hazards/new/", body)
    assert bad.status_code == 200 and 'data-field-error="cas"' in bad.content.decode()
    body |= {"cas": "", "value": "1", "unit": "mg/m3", "edition": "GBZ 2.1-2019", "confidence": "B", "source": "s"}
    response = client.post("/hazards/new/", body)
    agent = Agent.objects.get(name_zh="测试剂丁")
    assert response.status_code == 302 and response["Location"] == f"/hazards/{agent.pk}/"
    assert [lv.value_text for lv in queries.get_agent_limits(agent)] == ["1"]


def test_reference_pages(world: World) -> None:
    client = world.client("worker_b")
    assert "24.04" in client.get("/hazards/parameters/").content.decode()
    diseases = _rows_of(client, "/hazards/diseases/", edition="2013", q="铀")
    assert "铀及其化合物中毒" in diseases
    assert "v1" in client.get("/hazards/versions/1/").content.decode()
    assert client.get("/hazards/versions/").status_code == 200
    assert client.get("/hazards/versions/999/").status_code == 404


def _rows_of(client: Client, url: str, **params: str) -> str:
    html = client.get(url, params, HTTP_HX_REQUEST="true").content.decode()
    return html[html.find("<tbody>") : html.find("</tbody>")]
