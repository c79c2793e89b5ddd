"""Worker API for employers' HR systems: registration, hiring someone registered elsewhere,
roster import over HTTP, leaving."""

from __future__ import annotations

import io

from ohs.core.excel import workbook_bytes
from ohs.testing.personas import WORKER_A_ID, World
from ohs.workers.models import Employment, Worker
from ohs.workers.rules.roster import COLUMNS


def test_register_new_worker_at_own_employer(world: World) -> None:
    body = {"name": "赵六", "id_number": "330102199510100016", "employer_id": world.employers["A"].pk}
    response = world.client("mgr_a").post("/api/v1/workers/workers", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["id_number_masked"] == "330102********0016"
    assert Employment.objects.current().get(worker_id=response.json()["id"]).employer == world.employers["A"]
    other = world.client("mgr_b").post(
        "/api/v1/workers/workers", {**body, "employer_id": world.employers["A"].pk}, content_type="application/json"
    )
    assert other.status_code == 404


def test_invalid_id_number_error_names_field(world: World) -> None:
    body = {"name": "赵六", "id_number": "330102199003070132", "employer_id": world.employers["A"].pk}
    response = world.client("mgr_a").post("/api/v1/workers/workers", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["fields"]["id_number"] == ["身份证号码校验位不正确"]


def test_new_employer_hires_worker_registered_elsewhere_by_name_and_id(world: World) -> None:
    client = world.client("mgr_b")
    wrong = client.post(
        "/api/v1/workers/workers",
        {"name": "冒名", "id_number": WORKER_A_ID, "employer_id": world.employers["B"].pk},
        content_type="application/json",
    )
    assert wrong.status_code == 400 and "name" in wrong.json()["fields"]
    right = client.post(
        "/api/v1/workers/workers",
        {"name": "张三", "id_number": WORKER_A_ID, "employer_id": world.employers["B"].pk},
        content_type="application/json",
    )
    assert right.status_code == 201
    worker = Worker.objects.get(pk=right.json()["id"])
    assert worker.current_employer == world.employers["B"]
    assert not Employment.objects.current().filter(worker=worker, employer=world.employers["A"]).exists()
    # Employer A no longer sees its former worker in the current list.
    ids = [w["id"] for w in world.client("mgr_a").get("/api/v1/workers/workers").json()["items"]]
    assert worker.pk not in ids


def test_roster_import_over_the_api(world: World) -> None:
    content = workbook_bytes("花名册", COLUMNS, [["钱七", "330102199510100016", "", "2025-01-02", ""]])
    client = world.client("mgr_a")
    upload = client.post(
        "/api/v1/workers/imports", {"employer_id": world.employers["A"].pk, "file": io.BytesIO(content)}
    )
    body = upload.json()
    assert upload.status_code == 201 and body["status"] == "ready" and body["errors"] == [], body
    committed = client.post(f"/api/v1/workers/imports/{body['id']}/commit").json()
    assert committed["status"] == "imported" and committed["hired_count"] == 1


def test_leaving_ends_employment(world: World) -> None:
    worker = world.workers["worker_a"]
    employment = Employment.objects.current().get(worker=worker)
    client = world.client("mgr_a")
    response = client.post(
        f"/api/v1/workers/employments/{employment.pk}/end",
        {"ended_on": "2026-11-20", "reason": "合同到期"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["ended_on"] == "2026-11-20"
    worker.refresh_from_db()
    assert worker.current_employer is None
    other = world.client("mgr_b").post(
        f"/api/v1/workers/employments/{employment.pk}/end",
        {"ended_on": "2026-11-20", "reason": "x"},
        content_type="application/json",
    )
    assert other.status_code == 404


def test_update_worker_name_and_phone(world: World) -> None:
    worker = world.workers["worker_a"]
    url = f"/api/v1/workers/workers/{worker.pk}"
    response = world.client("mgr_a").put(url, {"name": "张叁", "phone": "13900000001"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["name"] == "张叁"
    assert world.client("mgr_b").put(url, {"name": "x"}, content_type="application/json").status_code == 404
    assert world.client("prov_cdc").put(url, {"name": "x"}, content_type="application/json").status_code == 403
