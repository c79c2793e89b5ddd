"""Results and their follow-ups: recheck due, suspected case told to worker/employer/regulator with
a referral, contraindication notice tracked until the employer confirms; the PDF report and the
late-report flag."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ohs.core.actor import SYSTEM_ACTOR
from ohs.core.errors import DomainError
from ohs.core.models.documents import IssuedDocument
from ohs.core.models.outbox import OutboxEvent
from ohs.exams import policy, services
from ohs.exams.choices import FollowUpStatus
from ohs.exams.due import due_for_employer
from ohs.exams.models import Booking, DiagnosisReferral, ExamNotice, ExamResult, FollowUp
from ohs.exams.services import ResultData
from ohs.exams.tests.conftest import ExamWorld


def _booked(ew: ExamWorld) -> Booking:
    return services.book_batch(
        actor=ew.actor("mgr_a"),
        employer=ew.employers["A"],
        institution=ew.institution,
        site=ew.site,
        exam_on=ew.exam_on,
        exam_category="pre",
        worker_ids=[ew.workers["worker_a"].pk],
    )


def _record(ew: ExamWorld, conclusion: str, **extra: object) -> ExamResult:
    booking = _booked(ew)
    appointment = booking.appointments.get()
    staff = ew.actor("exam_staff")
    services.check_in(actor=staff, appointment=appointment)
    data = ResultData(examined_on=ew.exam_on, conclusion=conclusion, advice="遵医嘱", **extra)  # type: ignore[arg-type]
    return services.record_result(actor=staff, appointment=appointment, data=data, today=ew.exam_on)


def test_suspected_case_tells_worker_employer_regulator_and_refers(exam_world: ExamWorld) -> None:
    result = _record(exam_world, "suspected_disease", suspected_disease="职业性苯中毒")
    audiences = sorted(ExamNotice.objects.filter(result=result).values_list("audience", flat=True))
    assert audiences == ["employer", "regulator", "worker"]
    referral = DiagnosisReferral.objects.get(result=result)
    assert referral.suspected_disease == "职业性苯中毒" and referral.county_id == "330102"
    steps = dict(FollowUp.objects.filter(result=result).values_list("action", "status"))
    assert steps["refer_for_diagnosis"] == FollowUpStatus.OPEN
    assert steps["report_to_county_regulator"] == FollowUpStatus.DONE
    assert OutboxEvent.objects.filter(name="exams.follow_up.refer_for_diagnosis").exists()
    # The county regulator of employer A sees the notice; the other county does not.
    assert ExamNotice.objects.for_actor(exam_world.actor("sc_inspector")).filter(audience="regulator").exists()
    assert not ExamNotice.objects.for_actor(exam_world.actor("hs_inspector")).exists()


def test_suspected_case_needs_the_disease_named(exam_world: ExamWorld) -> None:
    with pytest.raises(DomainError) as caught:
        _record(exam_world, "suspected_disease")
    assert "suspected_disease" in caught.value.fields
    assert not ExamResult.objects.exists()


def test_contraindication_notice_is_tracked_until_the_employer_confirms(exam_world: ExamWorld) -> None:
    result = _record(exam_world, "contraindication")
    tracked = FollowUp.objects.get(result=result, action="confirm_post_change")
    assert tracked.status == FollowUpStatus.OPEN and tracked.is_tracked_until_confirmed
    assert ExamNotice.objects.filter(result=result, audience="employer").exists()
    with pytest.raises(DomainError):
        services.confirm_post_change(actor=exam_world.actor("mgr_a"), follow_up=tracked, note=" ")
    services.confirm_post_change(actor=exam_world.actor("mgr_a"), follow_up=tracked, note="调至仓库管理岗")
    tracked.refresh_from_db()
    assert tracked.status == FollowUpStatus.DONE and tracked.done_by_label == "mgr_a"


def test_recheck_becomes_due_on_its_date_and_closes_with_the_next_result(exam_world: ExamWorld) -> None:
    recheck_on = exam_world.exam_on + dt.timedelta(days=60)
    result = _record(exam_world, "recheck", recheck_on=recheck_on)
    recheck = FollowUp.objects.get(result=result, action="schedule_recheck")
    assert recheck.due_on == recheck_on and recheck.status == FollowUpStatus.OPEN


def test_result_report_due_date_and_late_flag(exam_world: ExamWorld) -> None:
    result = _record(exam_world, "no_abnormality", items=[{"name": "纯音听阈测试", "value": "正常"}])
    assert result.report_due_on > result.examined_on
    assert result.items == [{"name": "纯音听阈测试", "value": "正常", "abnormal": False}]
    assert services.flag_late_reports(actor=SYSTEM_ACTOR, today=result.report_due_on) == 0
    assert services.flag_late_reports(actor=SYSTEM_ACTOR, today=result.report_due_on + dt.timedelta(days=1)) == 1
    result.refresh_from_db()
    assert result.is_late


def test_report_pdf_has_verification_and_marks_results_reported(exam_world: ExamWorld) -> None:
    result = _record(exam_world, "contraindication")
    document = services.issue_report(actor=exam_world.actor("exam_staff"), booking=result.appointment.booking)
    assert document.title == "职业健康检查结果书面报告" and document.file.read().startswith(b"%PDF")
    result.refresh_from_db()
    assert result.reported_at is not None and not result.is_late
    assert IssuedDocument.objects.filter(kind="exams.employer_report").count() == 1


def test_report_after_the_limit_is_late(exam_world: ExamWorld) -> None:
    result = _record(exam_world, "no_abnormality")
    late = timezone.make_aware(dt.datetime.combine(result.report_due_on + dt.timedelta(days=1), dt.time(10)))
    services.issue_report(actor=exam_world.actor("exam_staff"), booking=result.appointment.booking, now=late)
    result.refresh_from_db()
    assert result.is_late


def test_result_needs_one_of_the_five_conclusions_and_advice(exam_world: ExamWorld) -> None:
    with pytest.raises(DomainError) as caught:
        _record(exam_world, "healthy")
    assert "conclusion" in caught.value.fields


def test_recheck_date_named_by_the_institution_appears_on_the_due_list(exam_world: ExamWorld) -> None:
    recheck_on = exam_world.exam_on + dt.timedelta(days=45)
    _record(exam_world, "recheck", recheck_on=recheck_on)
    (entry,) = due_for_employer(exam_world.employers["A"].pk, exam_world.exam_on)
    (recheck,) = [d for d in entry.due if d.is_recheck]
    assert recheck.due_on == recheck_on and not recheck.is_overdue


def test_reporting_limit_is_configurable_and_unconfirmed_by_default(settings: object) -> None:
    default = policy.reporting_limit()
    assert (default.days, default.confidence.value) == (policy.DEFAULT_REPORTING_LIMIT_DAYS, "C")
    assert "未经核实" in default.source
    settings.OHS_EXAMS_REPORTING_LIMIT_DAYS = 15  # type: ignore[attr-defined]
    settings.OHS_EXAMS_REPORTING_LIMIT_CONFIRMED = True  # type: ignore[attr-defined]
    configured = policy.reporting_limit()
    assert (configured.days, configured.confidence.value) == (15, "A")
