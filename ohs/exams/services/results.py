"""Exam results: recorded per worker by the institution, its written report to the employer, and
the flag on reports that come later than the reporting time limit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.documents import Issue, issue_document
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.documents import IssuedDocument
from ohs.core.workflow import transition
from ohs.exams import policy
from ohs.exams.choices import AppointmentStatus, BookingStatus, ConclusionChoice
from ohs.exams.models import Appointment, Booking, ExamResult
from ohs.exams.reports import REPORT_KIND, report_document
from ohs.exams.rules.conclusions import Conclusion, reporting_deadline_on
from ohs.exams.services.calendar import weekdays_beyond_notices
from ohs.exams.services.follow_ups import close_rechecks, start_follow_ups
from ohs.exams.workflow import APPOINTMENT_WORKFLOW
from ohs.orgs.models import Organisation

MAX_ITEMS = 200  # exam items per worker; a full panel has a few dozen
MAX_TEXT = 2000


@dataclass(frozen=True)
class ResultData:
    examined_on: dt.date
    conclusion: str
    advice: str
    findings: str = ""
    items: Sequence[dict[str, Any]] = field(default_factory=tuple)
    suspected_disease: str = ""
    recheck_on: dt.date | None = None


def _clean_items(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(items) > MAX_ITEMS:
        raise DomainError(ErrorCode.INVALID, f"at most {MAX_ITEMS} exam items", field="items")
    cleaned = []
    for number, item in enumerate(items, start=1):
        name = str(item.get("name", "")).strip()
        if not name:
            raise DomainError(ErrorCode.INVALID, f"item {number} has no name", field="items")
        cleaned.append(
            {"name": name, "value": str(item.get("value", "")).strip(), "abnormal": bool(item.get("abnormal", False))}
        )
    return cleaned


def _check(data: ResultData, appointment: Appointment, today: dt.date) -> None:
    if data.conclusion not in ConclusionChoice.values:
        raise DomainError(ErrorCode.INVALID, "choose one of the five standard conclusions", field="conclusion")
    if not data.advice.strip():
        raise DomainError(ErrorCode.INVALID, "give the handling advice for this conclusion", field="advice")
    if len(data.advice) > MAX_TEXT or len(data.findings) > MAX_TEXT:
        raise DomainError(ErrorCode.INVALID, f"at most {MAX_TEXT} characters", field="findings")
    if data.examined_on > today:
        raise DomainError(ErrorCode.INVALID, "the exam date is in the future", field="examined_on")
    if data.examined_on < appointment.booking.exam_on:
        raise DomainError(ErrorCode.INVALID, "the exam date is before the booked day", field="examined_on")
    if data.conclusion == Conclusion.SUSPECTED_DISEASE and not data.suspected_disease.strip():
        raise DomainError(ErrorCode.INVALID, "name the suspected occupational disease", field="suspected_disease")
    if data.conclusion == Conclusion.RECHECK and data.recheck_on is not None and data.recheck_on <= data.examined_on:
        raise DomainError(ErrorCode.INVALID, "the recheck date must follow the exam date", field="recheck_on")
    if appointment.status not in (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN):
        raise DomainError(ErrorCode.CONFLICT, "this appointment already has a result or was cancelled", field="status")
    if appointment.booking.status != BookingStatus.BOOKED:
        raise DomainError(ErrorCode.CONFLICT, "the booking was cancelled", field="status")


def record_result(
    *, actor: Actor, appointment: Appointment, data: ResultData, today: dt.date | None = None
) -> ExamResult:
    """Record one worker's result; its follow-ups start in the same transaction."""
    today = today or timezone.localdate()
    _check(data, appointment, today)
    booking = appointment.booking
    recheck_on = data.recheck_on
    if data.conclusion == Conclusion.RECHECK and recheck_on is None:
        recheck_on = data.examined_on + dt.timedelta(days=policy.DEFAULT_RECHECK_INTERVAL_DAYS)
    limit = policy.reporting_limit()
    with transaction.atomic():
        result = ExamResult.objects.create(
            appointment=appointment,
            worker_id=appointment.worker_id,
            employer_id=booking.employer_id,
            county_id=booking.county_id,
            institution_id=booking.institution_id,
            exam_category=booking.exam_category,
            hazards=appointment.hazards,
            examined_on=data.examined_on,
            items=_clean_items(data.items),
            findings=data.findings.strip(),
            conclusion=data.conclusion,
            advice=data.advice.strip(),
            suspected_disease=data.suspected_disease.strip(),
            recheck_on=recheck_on if data.conclusion == Conclusion.RECHECK else None,
            edition=appointment.edition,
            rule_version=appointment.rule_version,
            report_due_on=reporting_deadline_on(data.examined_on, limit, weekdays_beyond_notices()),
            recorded_by_label=actor.label,
        )
        audit.record_created(actor, result)
        transition(APPOINTMENT_WORKFLOW, actor, appointment, "examined", {"result": result.pk})
        emit(
            "exams.result.recorded",
            {
                "id": result.pk,
                "worker": result.worker_id,
                "employer": result.employer_id,
                "conclusion": data.conclusion,
            },
        )
        close_rechecks(actor=actor, result=result)
        start_follow_ups(actor=actor, result=result)
    return result


def issue_report(*, actor: Actor, booking: Booking, now: dt.datetime | None = None) -> IssuedDocument:
    """The institution's written report to the employer (PDF with a verification QR). Results
    reported after their time limit are flagged late."""
    now = now or timezone.now()
    results = list(
        ExamResult.objects.filter(appointment__booking=booking).select_related("worker").order_by("worker__name")
    )
    if not results:
        raise DomainError(ErrorCode.INVALID, "record at least one result before reporting", field="results")
    issuer = Organisation.objects.get(pk=booking.institution.organisation_id)
    reported_on = timezone.localtime(now).date()
    with transaction.atomic():
        document = issue_document(
            actor=actor,
            issue=Issue(REPORT_KIND, booking, issuer, report_document(booking, results, policy.reporting_limit())),
        )
        for result in results:
            if result.reported_at is None:
                result.reported_at = now
                result.is_late = result.is_late or reported_on > result.report_due_on
                result.save(update_fields=["reported_at", "is_late"])
        late = sum(r.is_late for r in results)
        emit("exams.report.issued", {"booking": booking.pk, "code": document.verification_code, "late": late})
    return document


def flag_late_reports(*, actor: Actor, today: dt.date) -> int:
    """Results still unreported after their time limit are flagged late (the regulator sees them)."""
    overdue = ExamResult.objects.filter(reported_at__isnull=True, is_late=False, report_due_on__lt=today)
    with transaction.atomic():
        ids = list(overdue.values_list("pk", flat=True))
        if ids:
            ExamResult.objects.filter(pk__in=ids).update(is_late=True)
            audit.record(actor, "update", object_type="exams.examresult", changes={"flagged_late": ids[:1000]})
            emit("exams.result.late", {"ids": ids[:1000], "count": len(ids)})
    return len(ids)
