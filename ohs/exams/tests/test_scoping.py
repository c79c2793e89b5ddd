"""Who sees employer A's exam booking, its suspected-case result and the follow-ups: pages and
API, list, export and search. The examining institution sees them; nobody else outside the county,
the employer and the worker does."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ohs.exams import services
from ohs.exams.models import Booking, ExamResult, FollowUp
from ohs.exams.tests.conftest import PLACES, ExamWorld, publish
from ohs.testing.scoping import FORBIDDEN, HIDDEN, LOGIN, OK, ApiMatrix, PageMatrix

STAFF_VIEW: dict[str | None, str] = {
    None: LOGIN,
    "prov_regulator": OK,
    "prov_cdc": OK,
    "hz_regulator": OK,
    "sc_inspector": OK,
    "sc_coordinator": OK,
    "hs_inspector": HIDDEN,  # another county
    "mgr_a": OK,
    "mgr_b": HIDDEN,  # another employer
    "exam_staff": OK,  # the examining institution
    "service_staff": FORBIDDEN,
    "expert": FORBIDDEN,
    "auditor": FORBIDDEN,
}
WITH_WORKERS = STAFF_VIEW | {"worker_a": OK, "worker_b": HIDDEN}


@pytest.fixture
def examined(exam_world: ExamWorld) -> ExamResult:
    today = timezone.localdate()
    publish(exam_world.institution, exam_world.site, today, PLACES)
    booking = services.book_batch(
        actor=exam_world.actor("mgr_a"),
        employer=exam_world.employers["A"],
        institution=exam_world.institution,
        site=exam_world.site,
        exam_on=today,
        exam_category="pre",
        worker_ids=[exam_world.workers["worker_a"].pk],
    )
    data = services.ResultData(today, "suspected_disease", "尽快诊断", suspected_disease="职业性苯中毒")
    return services.record_result(
        actor=exam_world.actor("exam_staff"), appointment=booking.appointments.get(), data=data
    )


def test_booking_pages_scoping_matrix(exam_world: ExamWorld, examined: ExamResult) -> None:
    booking = Booking.objects.get()
    expectations = STAFF_VIEW | {"worker_a": FORBIDDEN}
    PageMatrix(f"/exams/bookings/{booking.pk}/", "/exams/bookings/", "企业A", "企业A", expectations).check(exam_world)


def test_result_pages_scoping_matrix(exam_world: ExamWorld, examined: ExamResult) -> None:
    PageMatrix(f"/exams/results/{examined.pk}/", "/exams/results/", "张三", "张三", WITH_WORKERS).check(exam_world)


def test_follow_up_pages_scoping_matrix(exam_world: ExamWorld, examined: ExamResult) -> None:
    follow_up = FollowUp.objects.get(action="refer_for_diagnosis")
    url = f"/exams/follow-ups/{follow_up.pk}/"
    PageMatrix(url, "/exams/follow-ups/", "张三", "张三", WITH_WORKERS).check(exam_world)


def test_notice_list_shows_the_regulator_notice_only_in_its_county(exam_world: ExamWorld, examined: ExamResult) -> None:
    for persona, visible in (("sc_inspector", True), ("hs_inspector", False), ("mgr_a", True), ("mgr_b", False)):
        page = exam_world.client(persona).get("/exams/notices/").content.decode()
        assert ("职业性苯中毒" in page) == visible, persona


def test_booking_api_scoping_matrix(exam_world: ExamWorld, examined: ExamResult) -> None:
    booking = Booking.objects.get()
    expectations = STAFF_VIEW | {"worker_a": FORBIDDEN}
    ApiMatrix(f"/api/v1/exams/bookings/{booking.pk}", "/api/v1/exams/bookings", booking.pk, expectations).check(
        exam_world
    )


def test_result_api_scoping_matrix(exam_world: ExamWorld, examined: ExamResult) -> None:
    url = f"/api/v1/exams/results/{examined.pk}"
    ApiMatrix(url, "/api/v1/exams/results", examined.pk, WITH_WORKERS).check(exam_world)


def test_follow_up_api_scoping_matrix(exam_world: ExamWorld, examined: ExamResult) -> None:
    follow_up = FollowUp.objects.get(action="refer_for_diagnosis")
    url = f"/api/v1/exams/follow-ups/{follow_up.pk}"
    ApiMatrix(url, "/api/v1/exams/follow-ups", follow_up.pk, WITH_WORKERS).check(exam_world)


def test_institution_api_scoping_matrix(exam_world: ExamWorld) -> None:
    institution = exam_world.institution
    expectations: dict[str | None, str] = {
        None: LOGIN,
        "prov_regulator": OK,
        "hz_regulator": OK,  # the institution sits in Hangzhou
        "sc_inspector": HIDDEN,  # a county below: not its jurisdiction
        "hs_inspector": HIDDEN,
        "mgr_a": OK,  # employers choose among connected institutions
        "mgr_b": OK,
        "exam_staff": OK,
        "worker_a": FORBIDDEN,
        "service_staff": FORBIDDEN,
    }
    url = f"/api/v1/exams/institutions/{institution.pk}"
    ApiMatrix(url, "/api/v1/exams/institutions", institution.pk, expectations).check(exam_world)


def test_referral_api_lists_only_in_scope(exam_world: ExamWorld, examined: ExamResult) -> None:
    for persona, count in (("sc_inspector", 1), ("hs_inspector", 0), ("mgr_a", 1), ("mgr_b", 0), ("exam_staff", 1)):
        response = exam_world.client(persona).get("/api/v1/exams/referrals")
        assert response.json()["count"] == count, persona
    assert exam_world.client("worker_a").get("/api/v1/exams/referrals").status_code == 403


@pytest.mark.parametrize(
    ("url", "allowed", "refused"),
    [
        ("/exams/due/", "mgr_a", ("sc_inspector", "exam_staff", "worker_a")),
        ("/exams/book/", "mgr_a", ("sc_inspector", "exam_staff", "worker_a")),
        ("/exams/coverage/", "mgr_a", ("exam_staff", "worker_a", "expert")),
        ("/exams/coverage/", "sc_inspector", ("service_staff",)),
        ("/exams/institution/", "exam_staff", ("mgr_a", "sc_inspector", "worker_a")),
        ("/exams/institutions/", "prov_regulator", ("worker_a", "expert")),
    ],
)
def test_role_pages_refuse_other_roles(exam_world: ExamWorld, url: str, allowed: str, refused: tuple[str, ...]) -> None:
    assert exam_world.client(allowed).get(url).status_code == 200
    assert exam_world.client(None).get(url).status_code == 302
    for persona in refused:
        assert exam_world.client(persona).get(url).status_code == 403, persona


def test_employer_cannot_change_another_employers_booking(exam_world: ExamWorld, examined: ExamResult) -> None:
    booking = Booking.objects.get()
    assert exam_world.client("mgr_b").post(f"/exams/bookings/{booking.pk}/cancel/").status_code == 404
    assert exam_world.client("mgr_b").post(f"/api/v1/exams/bookings/{booking.pk}/cancel").status_code == 404
    booking.refresh_from_db()
    assert booking.status == "booked"
