"""The enforcement API: a case taken step by step, errors naming their field, the public lookup."""

from __future__ import annotations

from django.test import Client

from ohs.core.supervision import open_case_from_act
from ohs.enforcement.models import Case
from ohs.enforcement.tests.conftest import days_ago, start_inspection
from ohs.testing.personas import World


def _post(client: Client, url: str, data: dict[str, object]) -> object:
    return client.post(url, {"data": data}, content_type="application/json")


def test_case_steps_through_the_api(officers: World) -> None:
    world = officers
    code, start = start_inspection(world)
    case = open_case_from_act(world.actor("sc_inspector"), action_code=code, start=start, findings="噪声超标")
    assert isinstance(case, Case)
    head, officer = world.client("hz_regulator"), world.client("sc_inspector")
    url = f"/api/v1/enforcement/cases/{case.pk}"
    assert _post(head, f"{url}/steps/approve", {}).status_code == 200  # type: ignore[attr-defined]
    body = officer.get(url).json()
    assert body["action_code"] == code and body["status"] == "investigating" and "notice" in body["steps"]
    bad = _post(officer, f"{url}/steps/correction", {"deadline": "not a date"})
    assert bad.status_code == 400 and "deadline" in bad.json()["fields"]  # type: ignore[attr-defined]
    _post(officer, f"{url}/steps/correction", {"deadline": str(days_ago(-5))})
    _post(officer, f"{url}/steps/evidence", {"kind": "inspection_record", "title": "现场检查笔录"})
    _post(officer, f"{url}/steps/propose", {"circumstances": []})
    early = _post(officer, f"{url}/steps/notice", {"fine_yuan": "125000", "departure_reason": "x"})
    assert early.status_code == 400 and "尚未届满" in early.json()["message"]  # type: ignore[attr-defined]
    documents = officer.get(url).json()["documents"]
    assert [d["title"] for d in documents] == ["立案审批表"]
    public = Client().get(f"/api/v1/enforcement/public/{code}").json()
    assert public["stage"] == "处罚（立案调查）" and public["officers"][0]["certificate_number"] == "ZJ33010200017"
    assert set(public) == {"code", "enforcing_body", "officers", "legal_basis", "stage", "result"}


def test_refinement_refused_through_the_api_names_the_fields(world: World) -> None:
    response = world.client("sc_inspector").post(
        "/api/v1/enforcement/benchmarks/refinements",
        {
            "article": "ODPL-72(1)",
            "level": "一般",
            "fine_min_yuan": "50000",
            "fine_max_yuan": "100000",
            "version": "v1",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "fine_min_yuan" in response.json()["fields"] and "省级一般阶次" in response.json()["message"]


def test_benchmark_and_no_penalty_list_through_the_api(world: World) -> None:
    current = world.client("sc_inspector").get("/api/v1/enforcement/benchmarks/current").json()
    tiers = [{**t, "lower": str(t["lower"]), "upper": str(t["upper"])} for t in current["tiers"]]
    body = {"version": "zj-v2", "effective_on": "2026-01-01", "tiers": tiers, "source": "试行"}
    refused = world.client("sc_inspector").post("/api/v1/enforcement/benchmarks", body, content_type="application/json")
    assert refused.status_code == 403
    published = world.client("prov_regulator").post(
        "/api/v1/enforcement/benchmarks", body, content_type="application/json"
    )
    assert published.status_code == 201 and published.json()["version"] == "zj-v2"
    item = {
        "item_id": "SC-09",
        "article": "ODPL-70(3)",
        "description": "公告栏未更新",
        "minor_circumstance": "初次并及时改正",
    }
    extension = {"version": "sc-1", "items": [item], "is_collectively_discussed": True}
    created = world.client("sc_inspector").post(
        "/api/v1/enforcement/no-penalty/extensions", extension, content_type="application/json"
    )
    assert created.status_code == 201
    mine = {i["item_id"] for i in world.client("sc_inspector").get("/api/v1/enforcement/no-penalty/items").json()}
    theirs = {i["item_id"] for i in world.client("hs_inspector").get("/api/v1/enforcement/no-penalty/items").json()}
    assert "SC-09" in mine and "SC-09" not in theirs and "ZJ-OH-01" in theirs


def test_open_a_case_and_a_refused_step_on_the_pages(world: World) -> None:
    client = world.client("sc_inspector")
    form = {"employer": world.employers["A"].pk, "article": "ODPL-71(4)", "findings": "未组织在岗期间职业健康检查"}
    response = client.post("/enforcement/cases/new/", form)
    assert response.status_code == 302
    case = Case.objects.get(findings=form["findings"])
    assert case.action_code.kind == "case" and case.action_code.subject_type == "enforcement.case"
    page = client.get(response["Location"]).content.decode()
    assert case.action_code.code in page and 'data-step="approve"' not in page  # the head approves
    head_page = world.client("hz_regulator").get(response["Location"]).content.decode()
    assert 'data-step="approve"' in head_page
    world.client("hz_regulator").post(f"/enforcement/cases/{case.pk}/step/approve/", {})
    refused = client.post(f"/enforcement/cases/{case.pk}/step/notice/", {"notice-fine_yuan": "60000"}, follow=True)
    assert "请先记录现场检查笔录或询问笔录" in refused.content.decode()  # the Chinese message
    case.refresh_from_db()
    assert case.status == "investigating" and case.filed_on is not None
