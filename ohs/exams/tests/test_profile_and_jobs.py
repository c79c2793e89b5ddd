"""Risk-profile inputs (batched), the recurring jobs, the stale flag on the pages, the province's
connection indicator and the API lists' query budgets."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ohs.core.profile_inputs import collect_profile_inputs
from ohs.core.schedule import registered_jobs
from ohs.exams import services
from ohs.exams.models import ExamInstitution
from ohs.exams.profile import PROFILE_KEYS, exam_profile_inputs
from ohs.exams.tests.conftest import PLACES, ExamWorld, publish
from ohs.testing.queries import query_budget


def _suspected_and_contraindication(ew: ExamWorld) -> None:
    today = timezone.localdate()
    publish(ew.institution, ew.site, today, PLACES)
    for label, worker, conclusion in (("A", "worker_a", "suspected_disease"), ("B", "worker_b", "contraindication")):
        booking = services.book_batch(
            actor=ew.actor(f"mgr_{label.lower()}"),
            employer=ew.employers[label],
            institution=ew.institution,
            site=ew.site,
            exam_on=today,
            exam_category="pre",
            worker_ids=[ew.workers[worker].pk],
        )
        data = services.ResultData(today, conclusion, "处理", suspected_disease="职业性噪声聋")
        services.record_result(actor=ew.actor("exam_staff"), appointment=booking.appointments.get(), data=data)


def test_profile_inputs_per_employer_in_a_few_queries(exam_world: ExamWorld) -> None:
    ids = [exam_world.employers["A"].pk, exam_world.employers["B"].pk]
    before = exam_profile_inputs(ids, timezone.localdate())
    assert before[ids[0]]["exams_due_count"] == 1 and before[ids[0]]["exams_done_count"] == 0
    _suspected_and_contraindication(exam_world)
    with query_budget(8):
        after = exam_profile_inputs(ids, timezone.localdate())
    assert set(after[ids[0]]) == set(PROFILE_KEYS)
    assert after[ids[0]]["suspected_cases_open"] == 1 and after[ids[1]]["contraindications_not_acted"] == 1
    # The pre-employment exam is done, but the periodic one is still overdue (hired in 2020).
    assert after[ids[0]]["exams_due_count"] == 1
    assert collect_profile_inputs(ids, timezone.localdate())[ids[1]]["contraindications_not_acted"] == 1


def test_reminder_and_late_report_jobs_are_registered() -> None:
    jobs = {job.id: job for job in registered_jobs()}
    assert jobs["exams.send_reminders"].trigger == "cron"
    assert jobs["exams.flag_late_reports"].trigger == "cron"


def test_stale_institution_is_flagged_for_employer_and_province(exam_world: ExamWorld) -> None:
    stale_at = timezone.now() - dt.timedelta(days=3)
    ExamInstitution.objects.filter(pk=exam_world.institution.pk).update(capacity_refreshed_at=stale_at)
    province = exam_world.client("prov_regulator").get("/exams/institutions/").content.decode()
    assert 'data-testid="stale"' in province and 'data-testid="indicator"' in province
    worker = str(exam_world.workers["worker_a"].pk)
    booking_page = exam_world.client("mgr_a").get("/exams/book/", {"worker": worker, "category": "pre"})
    assert "今日未更新容量" in booking_page.content.decode()
    # Confirming today's figures counts as the daily update.
    exam_world.client("exam_staff").post("/exams/institution/capacity/confirm/")
    exam_world.institution.refresh_from_db()
    assert not services.is_stale(exam_world.institution)


def test_api_lists_keep_their_query_budget(exam_world: ExamWorld) -> None:
    _suspected_and_contraindication(exam_world)
    for persona, url in (
        ("sc_inspector", "/api/v1/exams/results"),
        ("mgr_a", "/api/v1/exams/bookings"),
        ("exam_staff", "/api/v1/exams/bookings"),
        ("sc_inspector", "/api/v1/exams/follow-ups"),
        ("prov_regulator", "/api/v1/exams/referrals"),
        ("mgr_a", "/api/v1/exams/institutions"),
    ):
        client = exam_world.client(persona)
        with query_budget(10):
            assert client.get(url).status_code == 200, (persona, url)
