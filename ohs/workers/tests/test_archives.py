"""一企一案 and 一人一档: sections gathered from the apps; the worker sees their own file;
anyone else's view of it is logged."""

from __future__ import annotations

from ohs.core.models.audit import AccessLogEntry
from ohs.testing.personas import World


def test_enterprise_file_shows_sections_and_staff(world: World) -> None:
    employer = world.employers["A"]
    html = world.client("sc_inspector").get(f"/employers/{employer.pk}/file/").content.decode()
    for key in ("basics", "structure", "staff", "documents"):
        assert f'data-section="{key}"' in html
    assert "张三 入职" in html
    assert world.client("hs_inspector").get(f"/employers/{employer.pk}/file/").status_code == 404


def test_enterprise_file_api(world: World) -> None:
    employer = world.employers["A"]
    body = world.client("mgr_a").get(f"/api/v1/registry/employers/{employer.pk}/file").json()
    assert [s["key"] for s in body["sections"]][:2] == ["basics", "structure"]
    assert any(item["title"] == "张三 入职" for item in body["timeline"])
    assert world.client("mgr_b").get(f"/api/v1/registry/employers/{employer.pk}/file").status_code == 404


def test_worker_sees_own_file_without_access_log(world: World) -> None:
    worker = world.workers["worker_a"]
    client = world.client("worker_a")
    response = client.get("/workers/me/")
    assert response.status_code == 302 and response["Location"] == f"/workers/{worker.pk}/file/"
    html = client.get(response["Location"]).content.decode()
    assert "企业A" in html and worker.id_number_masked in html
    assert not AccessLogEntry.objects.filter(subject_id=str(worker.pk), what="worker_file").exists()
    assert world.client("worker_b").get(f"/workers/{worker.pk}/file/").status_code == 404


def test_others_views_of_a_worker_file_are_logged(world: World) -> None:
    worker = world.workers["worker_a"]
    world.client("sc_inspector").get(f"/workers/{worker.pk}/file/")
    world.client("mgr_a").get(f"/api/v1/workers/workers/{worker.pk}/file")
    viewers = set(
        AccessLogEntry.objects.filter(subject_id=str(worker.pk), what="worker_file").values_list(
            "actor_label", flat=True
        )
    )
    assert viewers == {"sc_inspector", "mgr_a"}
