"""After the decision: service, payment with the late surcharge, compulsory enforcement,
reconsideration and litigation with their outcomes, and closing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.workflow import transition
from ohs.enforcement.calendar import limit_calendar
from ohs.enforcement.choices import RemedyKind, RemedyOutcome
from ohs.enforcement.documents import COURT_APPLICATION, PAYMENT_REMINDER, SERVICE_RECEIPT
from ohs.enforcement.models import Case, CompulsoryMeasure, Remedy
from ohs.enforcement.rules.deadlines import DeadlineKind, compute_deadline, late_payment_surcharge
from ohs.enforcement.services._common import issue_case_document, not_future, require_text, today
from ohs.enforcement.services.codes import advance_stage
from ohs.enforcement.workflow import CASE_WORKFLOW, STAGE_OF_STATUS


def serve_decision(*, actor: Actor, case: Case, served_on: dt.date | None = None) -> Case:
    """送达: the 15-day payment period (行政处罚法 Art.67) runs from here."""
    served = not_future(served_on or today(), "served_on")
    if case.decided_on and served < case.decided_on:
        raise DomainError(ErrorCode.INVALID, _("service cannot precede the decision"), field="served_on")
    due = compute_deadline(DeadlineKind.FINE_PAYMENT, served, limit_calendar()).due_on if case.fine_yuan else None
    with transaction.atomic():
        transition(CASE_WORKFLOW, actor, case, "served", fields={"served_on": served, "payment_due_on": due})
        advance_stage(case.action_code, STAGE_OF_STATUS[case.status])
        issue_case_document(actor, case, SERVICE_RECEIPT)
    return case


def record_payment(*, actor: Actor, case: Case, paid_on: dt.date | None = None) -> Case:
    """The fine is paid; after the due day the surcharge is 3 % a day, capped at the fine (Art.72)."""
    if not case.fine_yuan or case.payment_due_on is None:
        raise DomainError(ErrorCode.INVALID, _("this decision imposes no fine"), field="paid_on")
    paid = not_future(paid_on or today(), "paid_on")
    surcharge = late_payment_surcharge(case.fine_yuan, case.payment_due_on, paid)
    with transaction.atomic():
        transition(
            CASE_WORKFLOW,
            actor,
            case,
            "paid",
            {"surcharge": str(surcharge.surcharge_yuan)},
            fields={"paid_on": paid, "surcharge_yuan": surcharge.surcharge_yuan},
        )
        total = case.fine_yuan + surcharge.surcharge_yuan
        advance_stage(case.action_code, STAGE_OF_STATUS[case.status], f"已缴纳罚款及加处罚款共 {total} 元")
    return case


def start_enforcement(*, actor: Actor, case: Case, reminder_served_on: dt.date | None = None) -> CompulsoryMeasure:
    """催告 after the payment period; the court application may follow 10 working days later
    (行政强制法 Art.54)."""
    served = not_future(reminder_served_on or today(), "reminder_served_on")
    if case.payment_due_on is None or served <= case.payment_due_on:
        raise DomainError(
            ErrorCode.INVALID,
            _("the payment period runs until %(payment_due_on)s") % {"payment_due_on": case.payment_due_on},
            field="reminder_served_on",
        )
    earliest = compute_deadline(DeadlineKind.COURT_APPLICATION_AFTER_REMINDER, served, limit_calendar()).due_on
    with transaction.atomic():
        transition(CASE_WORKFLOW, actor, case, "enforcement_started")
        measure = CompulsoryMeasure.objects.create(
            case=case, reminder_served_on=served, earliest_application_on=earliest
        )
        audit.record_created(actor, measure)
        advance_stage(case.action_code, STAGE_OF_STATUS[case.status], "逾期未缴纳罚款，已催告")
        issue_case_document(actor, case, PAYMENT_REMINDER)
    return measure


def apply_to_court(*, actor: Actor, case: Case, court: str, applied_on: dt.date | None = None) -> CompulsoryMeasure:
    measure = CompulsoryMeasure.objects.filter(case=case).first()
    if measure is None:
        raise DomainError(ErrorCode.INVALID, _("serve the reminder first"), field="court")
    day = not_future(applied_on or today(), "applied_on")
    if day < measure.earliest_application_on:
        raise DomainError(
            ErrorCode.INVALID,
            _("the court may be asked from %(earliest_application_on)s (10 working days after the reminder)")
            % {"earliest_application_on": measure.earliest_application_on},
            field="applied_on",
        )
    before = audit.snapshot(measure)
    with transaction.atomic():
        measure.court_applied_on = day
        measure.court = require_text(court, "court", _("the court"))
        measure.save(update_fields=["court_applied_on", "court"])
        audit.record_updated(actor, measure, before)
        emit("enforcement.case.court_applied", {"id": case.pk})
        advance_stage(case.action_code, "强制（申请法院强制执行）", f"已于 {day} 申请 {measure.court} 强制执行")
        issue_case_document(actor, case, COURT_APPLICATION)
    return measure


def _filing_due(case: Case, kind: str) -> dt.date:
    start = case.served_on or case.decided_on
    if start is None:
        raise DomainError(ErrorCode.INVALID, _("there is no decision to challenge yet"), field="kind")
    calendar = limit_calendar()
    if kind == RemedyKind.RECONSIDERATION:
        return compute_deadline(DeadlineKind.RECONSIDERATION_APPLICATION, start, calendar).due_on
    decided = case.remedies.filter(kind=RemedyKind.RECONSIDERATION, outcome_on__isnull=False).first()
    if decided is not None and decided.outcome_on is not None:
        return compute_deadline(DeadlineKind.LITIGATION_AFTER_RECONSIDERATION, decided.outcome_on, calendar).due_on
    return compute_deadline(DeadlineKind.LITIGATION_DIRECT, start, calendar).due_on


def file_remedy(*, actor: Actor, case: Case, kind: str, body: str, filed_on: dt.date | None = None) -> Remedy:
    """Reconsideration (60 days) or litigation (6 months; 15 days after reconsideration)."""
    if kind not in RemedyKind.values:
        raise DomainError(ErrorCode.INVALID, _("unknown remedy %(kind)s") % {"kind": kind}, field="kind")
    day = not_future(filed_on or today(), "filed_on")
    due = _filing_due(case, kind)
    if day > due:
        raise DomainError(
            ErrorCode.INVALID, _("the period for this remedy ended on %(due)s") % {"due": due}, field="filed_on"
        )
    with transaction.atomic():
        remedy = Remedy.objects.create(
            case=case, kind=kind, filed_on=day, filing_due_on=due, body=require_text(body, "body", _("the body"))
        )
        audit.record_created(actor, remedy)
        emit("enforcement.remedy.filed", {"id": remedy.pk, "case": case.pk, "kind": kind})
        stage = "复议" if kind == RemedyKind.RECONSIDERATION else "诉讼"
        advance_stage(case.action_code, f"{stage}（{remedy.body}受理）")
    return remedy


def record_remedy_outcome(
    *, actor: Actor, remedy: Remedy, outcome: str, note: str = "", outcome_on: dt.date | None = None
) -> Remedy:
    if outcome not in RemedyOutcome.values or outcome == RemedyOutcome.PENDING:
        raise DomainError(ErrorCode.INVALID, _("unknown outcome %(outcome)s") % {"outcome": outcome}, field="outcome")
    before = audit.snapshot(remedy)
    with transaction.atomic():
        remedy.outcome = outcome
        remedy.outcome_on = not_future(outcome_on or today(), "outcome_on")
        remedy.outcome_note = note
        remedy.save(update_fields=["outcome", "outcome_on", "outcome_note"])
        audit.record_updated(actor, remedy, before)
        emit("enforcement.remedy.decided", {"id": remedy.pk, "outcome": outcome})
        stage = "复议" if remedy.kind == RemedyKind.RECONSIDERATION else "诉讼"
        advance_stage(remedy.case.action_code, f"{stage}（已结）", f"{stage}结果：{remedy.get_outcome_display()}")
    return remedy


def close_case(*, actor: Actor, case: Case) -> Case:
    if case.status == "served" and case.fine_yuan:
        raise DomainError(ErrorCode.CONFLICT, _("the fine is neither paid nor enforced yet"), field="status")
    with transaction.atomic():
        transition(CASE_WORKFLOW, actor, case, "closed", fields={"closed_on": today()})
        advance_stage(case.action_code, STAGE_OF_STATUS[case.status])
    return case
