"""The API as an institution's system and an employer's HR system use it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ohs.exams.models import CapacityDay, ExamResult
from ohs.exams.tests.conftest import ExamWorld


def test_institution_publishes_capacity_and_copy_week_over_the_api(exam_world: ExamWorld) -> None:
    client = exam_world.client("exam_staff")
    url = f"/api/v1/exams/institutions/{exam_world.institution.pk}/capacity"
    day = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    entry = {"site_id": exam_world.site.pk, "exam_on": day, "exam_category": "periodic", "hazard_category": "dust"}
    response = client.post(url, {"entries": [entry | {"capacity": 40}]}, content_type="application/json")
    assert response.status_code == 200 and response.json() == {"count": 1}
    listed = client.get(url, {"exam_category": "periodic"}).json()["items"]
    assert listed[0]["remaining"] == 40
    bad = client.post(
        url, {"entries": [entry | {"hazard_category": "radiation", "capacity": 1}]}, content_type="application/json"
    )
    assert bad.status_code == 400 and "hazard_category" in bad.json()["fields"]
    copied = client.post(f"{url}/copy-week", {"week_of": day, "weeks": 1}, content_type="application/json")
    assert copied.json()["count"] >= 1
    # Another organisation's staff cannot publish for this institution.
    assert exam_world.client("mgr_a").post(url, {"entries": []}, content_type="application/json").status_code == 403


def test_employer_system_reads_due_list_and_books_then_institution_posts_result(exam_world: ExamWorld) -> None:
    manager = exam_world.client("mgr_a")
    employer = exam_world.employers["A"]
    due = manager.get(f"/api/v1/exams/employers/{employer.pk}/due").json()
    (worker,) = due
    assert worker["edition_applied"] == "GBZ 188-2014" and any(d["is_overdue"] for d in worker["due"])
    assert exam_world.client("mgr_b").get(f"/api/v1/exams/employers/{employer.pk}/due").status_code == 404
    payload = {
        "employer_id": employer.pk,
        "institution_id": exam_world.institution.pk,
        "site_id": exam_world.site.pk,
        "exam_on": exam_world.exam_on.isoformat(),
        "exam_category": "pre",
        "worker_ids": [worker["worker_id"]],
    }
    booked = manager.post("/api/v1/exams/bookings", payload, content_type="application/json")
    assert booked.status_code == 201, booked.content
    appointment_id = booked.json()["appointments"][0]["id"]
    assert CapacityDay.objects.get(hazard_category="dust").booked == 1
    again = manager.post("/api/v1/exams/bookings", payload, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "conflict"
    staff = exam_world.client("exam_staff")
    result = {
        "examined_on": timezone.localdate().isoformat(),
        "conclusion": "recheck",
        "advice": "一个月后复查纯音听阈",
        "items": [{"name": "纯音听阈", "value": "高频 30 dB", "abnormal": True}],
    }
    # The exam day is in five days: the service refuses an exam date before the booked day.
    early = staff.post(f"/api/v1/exams/appointments/{appointment_id}/result", result, content_type="application/json")
    assert early.status_code == 400 and "examined_on" in early.json()["fields"]
    assert not ExamResult.objects.exists()


def test_booking_without_capacity_over_the_api_leaves_nothing(exam_world: ExamWorld) -> None:
    CapacityDay.objects.update(capacity=0)
    payload = {
        "employer_id": exam_world.employers["A"].pk,
        "institution_id": exam_world.institution.pk,
        "site_id": exam_world.site.pk,
        "exam_on": exam_world.exam_on.isoformat(),
        "exam_category": "pre",
        "worker_ids": [exam_world.workers["worker_a"].pk],
    }
    response = exam_world.client("mgr_a").post("/api/v1/exams/bookings", payload, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "no_room"
    assert exam_world.client("mgr_a").get("/api/v1/exams/bookings").json()["count"] == 0


def test_one_worker_taken_out_of_a_booking_gives_the_places_back(exam_world: ExamWorld) -> None:
    payload = {
        "employer_id": exam_world.employers["A"].pk,
        "institution_id": exam_world.institution.pk,
        "site_id": exam_world.site.pk,
        "exam_on": exam_world.exam_on.isoformat(),
        "exam_category": "pre",
        "worker_ids": [exam_world.workers["worker_a"].pk],
    }
    manager = exam_world.client("mgr_a")
    appointment_id = manager.post("/api/v1/exams/bookings", payload, content_type="application/json").json()[
        "appointments"
    ][0]["id"]
    assert exam_world.client("mgr_b").post(f"/api/v1/exams/appointments/{appointment_id}/cancel").status_code == 404
    assert manager.post(f"/api/v1/exams/appointments/{appointment_id}/cancel").status_code == 200
    assert set(CapacityDay.objects.values_list("booked", flat=True)) == {0}
