"""Another exam institution sees nothing of this one's bookings and results; the enterprise file
shows the exams; the written report can be verified by its code."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from ohs.core.actor import SYSTEM_ACTOR
from ohs.core.documents import current_document_for
from ohs.exams import services
from ohs.exams.models import ExamResult
from ohs.exams.reports import REPORT_KIND
from ohs.exams.tests.conftest import PLACES, ExamWorld, publish
from ohs.orgs.choices import Role
from ohs.orgs.services import create_organisation, create_user
from ohs.testing.personas import PASSWORD


def _examined(ew: ExamWorld) -> ExamResult:
    today = timezone.localdate()
    publish(ew.institution, ew.site, today, PLACES)
    booking = services.book_batch(
        actor=ew.actor("mgr_a"),
        employer=ew.employers["A"],
        institution=ew.institution,
        site=ew.site,
        exam_on=today,
        exam_category="pre",
        worker_ids=[ew.workers["worker_a"].pk],
    )
    data = services.ResultData(today, "contraindication", "调离苯作业岗位")
    return services.record_result(actor=ew.actor("exam_staff"), appointment=booking.appointments.get(), data=data)


def test_another_institution_sees_nothing(exam_world: ExamWorld) -> None:
    result = _examined(exam_world)
    other = create_organisation(actor=SYSTEM_ACTOR, name="另一体检机构", kind="exam_institution", region_code="330100")
    user = create_user(
        actor=SYSTEM_ACTOR, username="other_exam", password=PASSWORD, role=Role.EXAM_STAFF, organisation=other
    )
    client = Client()
    client.force_login(user)
    booking_id = result.appointment.booking_id
    for url in (
        f"/exams/bookings/{booking_id}/",
        f"/exams/results/{result.pk}/",
        f"/api/v1/exams/bookings/{booking_id}",
        f"/api/v1/exams/results/{result.pk}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/v1/exams/results").json()["count"] == 0
    assert client.post(f"/exams/appointments/{result.appointment_id}/check-in/").status_code == 404


def test_enterprise_file_shows_exams_and_the_report_verifies(exam_world: ExamWorld) -> None:
    result = _examined(exam_world)
    employer = exam_world.employers["A"]
    page = exam_world.client("mgr_a").get(f"/employers/{employer.pk}/file/").content.decode()
    assert "职业禁忌证" in page
    booking = result.appointment.booking
    services.issue_report(actor=exam_world.actor("exam_staff"), booking=booking)
    document = current_document_for(booking, REPORT_KIND)
    assert document is not None
    assert Client().get(f"/verify/{document.verification_code}/").status_code == 200
