"""The institution's own system runs a project over the API: contract to issued report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from ohs.detection.tests import helpers
from ohs.orgs.models import User
from ohs.testing.personas import EMPLOYER_A_USCC, World
from ohs.testing.queries import query_budget

BASE = "/api/v1/detection"


def _post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(f"{BASE}{url}", body or {}, content_type="application/json")


def test_institution_runs_a_project_over_the_api(world: World) -> None:
    helpers.declared_site(world)
    client = world.client("service_staff")
    pump = _post(client, "/equipment", {"name": "采样泵", "serial_number": "P-9", "calibrated_until": "2099-01-01"})
    assert pump.status_code == 201
    signed = (timezone.localdate() - dt.timedelta(days=5)).isoformat()
    body = {"employer_uscc": EMPLOYER_A_USCC, "contract_number": "HT-9", "contract_signed_on": signed}
    created = _post(client, "/projects", body)
    assert created.status_code == 201, created.content
    pid = created.json()["id"]
    assert _post(client, f"/projects/{pid}/survey/from-declaration").json()["count"] == 3
    done = _post(client, f"/projects/{pid}/survey/done", {"process_description": "焊接"})
    assert done.json()["status"] == "surveyed"
    refused = _post(client, f"/projects/{pid}/plan/confirm")
    assert refused.status_code == 400 and refused.json()["code"] == "plan_incomplete"
    assert len(refused.json()["fields"]["plan"]) == 3
    items = {i["agent_name"]: i for i in client.get(f"{BASE}/projects/{pid}/plan").json()}
    plan = {"sample_kind": "twa", "samples_planned": 1, "exposure_hours": 8, "method_standard": helpers.METHOD}
    assert (
        client.put(f"{BASE}/plan-items/{items['苯']['id']}", plan, content_type="application/json").status_code == 200
    )
    for name in ("噪声", "矽尘"):
        reason = {"exposure_hours": 0, "justification": "本次委托不含此项"}
        client.put(f"{BASE}/plan-items/{items[name]['id']}", reason, content_type="application/json")
    assert _post(client, f"/projects/{pid}/plan/confirm").json()["status"] == "planned"
    start = {"plan_item_id": items["苯"]["id"], "equipment_id": pump.json()["id"], "location": "工位1"}
    backdated = _post(
        client,
        f"/projects/{pid}/samples",
        {**start, "flow_before_l_per_min": 2, "started_at": "2026-01-01T08:00:00+08:00"},
    )
    assert backdated.status_code == 400 and backdated.json()["code"] == "backdating_refused"
    assert "started_at" in backdated.json()["fields"]
    sample = _post(client, f"/projects/{pid}/samples", {**start, "flow_before_l_per_min": 2}).json()
    _post(client, f"/samples/{sample['id']}/finish", {"flow_after_l_per_min": 2.02})
    mismatch = _post(
        client, f"/samples/{sample['id']}/result", {"concentration_mg_per_m3": 9, "mass_ug": 480, "volume_l": 240}
    )
    assert mismatch.json()["code"] == "concentration_mismatch"
    ok = _post(
        client, f"/samples/{sample['id']}/result", {"concentration_mg_per_m3": 2, "mass_ug": 480, "volume_l": 240}
    )
    assert ok.status_code == 200 and ok.json()["reproduced_value"] == "2.000000"
    for step in ("sampling_finished", "reviewed"):
        assert _post(client, f"/projects/{pid}/transition/{step}").status_code == 200, step
    own = _post(client, f"/projects/{pid}/transition/approved")
    assert own.status_code == 400 and own.json()["code"] == "signatory_is_reviewer", own.content
    assert "approved_by" in own.json()["fields"]
    helpers.signatory(world)
    signatory = world.client(None)
    signatory.force_login(User.objects.get(username=helpers.SIGNATORY))
    assert _post(signatory, f"/projects/{pid}/transition/approved").status_code == 200
    answer = _post(client, f"/projects/{pid}/transition/issued")
    assert answer.status_code == 200, answer.content
    assert answer.json()["report_code"]
    locked = client.patch(f"{BASE}/samples/{sample['id']}", {"location": "别处"}, content_type="application/json")
    assert locked.status_code == 400 and locked.json()["code"] == "locked_after_review"
    assert "status" in locked.json()["fields"]
    pdf = client.get(f"{BASE}/projects/{pid}/report.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_api_lists_keep_to_their_query_budget(world: World) -> None:
    helpers.declared_site(world)
    for _ in range(3):
        helpers.contracted(world)
    helpers.issued(world)
    client = world.client("sc_inspector")
    with query_budget(8):
        projects = client.get(f"{BASE}/projects").json()
    assert projects["count"] == 4
    with query_budget(8):
        exceedances = client.get(f"{BASE}/exceedances").json()
    assert exceedances["count"] == 2
