"""Hazard catalogue API over HTTP: search, versions, corrections; errors name their field."""

from __future__ import annotations

from typing import Any

from ohs.hazards import queries
from ohs.hazards.choices import Metric
from ohs.hazards.models import Agent, LimitValue
from ohs.testing.personas import World
from ohs.testing.queries import query_budget

API = "/api/v1/hazards"


def _benzene_twa() -> LimitValue:
    return LimitValue.objects.current().get(agent__cas="71-43-2", metric=Metric.PC_TWA)


def _correction(**overrides: Any) -> dict[str, Any]:
    return {"value": "2.5", "confidence": "A", "source": "标准原文", "reason": "修改单", **overrides}


def _names(world: World, **params: str) -> list[str]:
    items = world.client("mgr_b").get(f"{API}/agents", {"page_size": "100", **params}).json()["items"]
    return [item["name_zh"] for item in items]


def test_search_by_chinese_initials_english_and_cas(world: World) -> None:
    assert "苯" in _names(world, q="苯") and "甲苯" in _names(world, q="jb")
    assert _names(world, q="71-43-2") == ["苯"]
    assert "苯" in _names(world, q="Benzene")
    assert set(_names(world, category="physical")) >= {"噪声", "高温"}
    assert "三氯乙烯" in _names(world, confidence="C") and "苯" not in _names(world, confidence="C")


def test_agent_carries_confidence_of_every_limit(world: World) -> None:
    benzene = Agent.objects.get(cas="71-43-2")
    body = world.client("worker_a").get(f"{API}/agents/{benzene.pk}").json()
    assert body["version"] == queries.current_version().number and body["lowest_confidence"] == "A"
    twa = next(lv for lv in body["limits"] if lv["metric"] == "pc_twa")
    assert (twa["value"], twa["value_text"], twa["unit"], twa["edition"]) == ("3", "3", "mg/m3", "GBZ 2.1-2019")
    assert twa["confidence"] == "A" and twa["is_confirmed"] is True
    ethylbenzene = world.client("worker_a").get(f"{API}/agents/{Agent.objects.get(name_zh='乙苯').pk}").json()
    assert {lv["is_confirmed"] for lv in ethylbenzene["limits"]} == {False}


def test_correction_over_the_api_and_the_agent_as_of_the_old_version(world: World) -> None:
    limit, before = _benzene_twa(), queries.current_version().number
    client = world.client("prov_regulator")
    response = client.post(f"{API}/limits/{limit.pk}/corrections", _correction(), content_type="application/json")
    assert response.status_code == 201, response.content
    new = response.json()
    assert new["value_text"] == "2.5" and new["introduced_in"] == before + 1 and new["unit"] == "mg/m3"
    old = client.get(f"{API}/agents/{limit.agent_id}", {"version": before}).json()
    assert [lv["value_text"] for lv in old["limits"] if lv["metric"] == "pc_twa"] == ["3"]
    history = client.get(f"{API}/agents/{limit.agent_id}/history").json()
    assert {(h["value_text"], h["superseded_in"]) for h in history if h["metric"] == "pc_twa"} == {
        ("3", before + 1),
        ("2.5", None),
    }
    versions = client.get(f"{API}/versions").json()["items"]
    assert versions[0]["number"] == before + 1 and versions[0]["reason"] == "修改单"
    as_of = client.get(f"{API}/limits", {"version": before, "agent": limit.agent_id}).json()["items"]
    assert "3" in [lv["value_text"] for lv in as_of]


def test_county_inspector_cannot_post_a_correction(world: World) -> None:
    url = f"{API}/limits/{_benzene_twa().pk}/corrections"
    response = world.client("sc_inspector").post(url, _correction(), content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_city_regulator_is_refused_with_the_reason(world: World) -> None:
    url = f"{API}/limits/{_benzene_twa().pk}/corrections"
    response = world.client("hz_regulator").post(url, _correction(), content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden" and "省" in response.json()["message"]


def test_error_bodies_name_the_field(world: World) -> None:
    client, url = world.client("prov_regulator"), f"{API}/limits/{_benzene_twa().pk}/corrections"
    schema = client.post(url, _correction(value="-1"), content_type="application/json")
    assert schema.status_code == 422 and "value" in schema.json()["fields"]
    missing = client.post(url, {"value": "2"}, content_type="application/json").json()
    assert missing["code"] == "invalid" and {"reason", "confidence", "source"} <= set(missing["fields"])
    domain = client.post(url, _correction(confidence="D"), content_type="application/json")
    assert domain.status_code == 400 and domain.json()["code"] == "invalid" and "confidence" in domain.json()["fields"]
    version = client.get(f"{API}/agents/{_benzene_twa().agent_id}", {"version": 999})
    assert version.status_code == 400 and "version" in version.json()["fields"]


def test_add_agent_and_a_limit(world: World) -> None:
    client = world.client("sysadmin")
    limit = {"metric": "pc_twa", "value": "0.5", "unit": "mg/m3", "edition": "GBZ 2.1-2019"}
    limit |= {"confidence": "B", "source": "省卫健委核对"}
    body = {"name_zh": "测试剂戊", "category": "chemical", "cas": "71-43-3", "reason": "新增", "limits": [limit]}
    bad = client.post(f"{API}/agents", body, content_type="application/json")
    assert bad.status_code == 400 and "cas" in bad.json()["fields"]
    created = client.post(f"{API}/agents", body | {"cas": ""}, content_type="application/json")
    assert created.status_code == 201 and created.json()["limits"][0]["value_text"] == "0.5"
    agent_id = created.json()["id"]
    mac = client.post(
        f"{API}/agents/{agent_id}/limits", limit | {"metric": "mac", "reason": "补充"}, content_type="application/json"
    )
    assert mac.status_code == 201 and mac.json()["metric"] == "mac"
    refused = world.client("sc_inspector").post(f"{API}/agents", body, content_type="application/json")
    assert refused.status_code == 403


def test_reference_lists(world: World) -> None:
    client = world.client("expert")
    parameters = {p["key"]: p for p in client.get(f"{API}/parameters").json()}
    assert parameters["molar_volume"]["value_text"] == "24.04" and not parameters["molar_volume"]["is_confirmed"]
    diseases = client.get(f"{API}/diseases", {"edition": "2024", "page_size": "100"}).json()
    assert diseases["count"] == 135


def test_list_api_query_budget(world: World) -> None:
    client = world.client("prov_cdc")
    client.get(f"{API}/agents")
    with query_budget(8):
        assert len(client.get(f"{API}/agents", {"page_size": 100}).json()["items"]) == 100
