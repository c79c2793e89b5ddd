"""The loop through the API: push, submit with files (multipart), send back, approve; config errors."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from ohs.risk.models import ClassificationConfigVersion
from ohs.risk.rules.classification import DEFAULT_CLASSIFICATION_CONFIG_DATA
from ohs.testing.personas import World


def test_loop_through_the_api(world: World) -> None:
    employer = world.employers["A"]
    regulator, manager = world.client("sc_inspector"), world.client("mgr_a")
    profile = manager.get(f"/api/v1/risk/profiles/{employer.pk}").json()
    assert profile["risk_class"] in ("甲", "乙", "丙") and profile["scheme_id"] == "nhc-2022-pilot"
    pushed = regulator.post(
        f"/api/v1/risk/profiles/{employer.pk}/rectifications",
        {"shortfall_code": "self_check_missing", "working_days": 5},
        content_type="application/json",
    )
    assert pushed.status_code == 201, pushed.content
    rid = pushed.json()["id"]
    bad = manager.post(f"/api/v1/risk/rectifications/{rid}/submit", {"actions_taken": "已提交"})
    assert bad.status_code == 400 and bad.json()["fields"] == {"files": ["attach at least one evidence file"]}
    upload = SimpleUploadedFile("自查表.pdf", b"%PDF-1.4", content_type="application/pdf")
    submitted = manager.post(f"/api/v1/risk/rectifications/{rid}/submit", {"actions_taken": "已提交", "files": upload})
    assert submitted.status_code == 200 and submitted.json()["files"] == ["自查表.pdf"]
    back = regulator.post(f"/api/v1/risk/rectifications/{rid}/return", {"reason": ""}, content_type="application/json")
    assert back.status_code == 400 and "reason" in back.json()["fields"]
    assert manager.post(f"/api/v1/risk/rectifications/{rid}/approve").status_code == 403  # not its role
    approved = regulator.post(f"/api/v1/risk/rectifications/{rid}/approve")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    recorded = manager.post(
        f"/api/v1/risk/employers/{employer.pk}/self-inspections",
        {"performed_on": "2026-11-02", "score": "92", "problems": {"OH08": {"problem": "标识缺失"}}},
        content_type="application/json",
    )
    assert recorded.status_code == 201 and Decimal(recorded.json()["score"]) == 92


def test_config_versions_validated_and_put_in_force(world: World) -> None:
    client = world.client("prov_regulator")
    broken = {
        **DEFAULT_CLASSIFICATION_CONFIG_DATA,
        "version": "zj-2027.1",
        "management_min_scores": {"A": "60", "B": "70"},
    }
    refused = client.post("/api/v1/risk/config", {"data": broken}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["fields"]["data"] == [
        "management_min_scores: A must be above B"
    ]
    changed = {
        **DEFAULT_CLASSIFICATION_CONFIG_DATA,
        "version": "zj-2027.1",
        "management_min_scores": {"A": "95", "B": "70"},
    }
    saved = client.post("/api/v1/risk/config", {"data": changed}, content_type="application/json")
    assert saved.status_code == 201
    assert ClassificationConfigVersion.objects.get(is_active=True).version == "zj-2027.1"
    profile = client.get(f"/api/v1/risk/profiles/{world.employers['A'].pk}").json()
    refreshed = client.post(f"/api/v1/risk/profiles/{world.employers['A'].pk}/recompute")
    assert refreshed.json()["config_version"] == "zj-2027.1", profile
