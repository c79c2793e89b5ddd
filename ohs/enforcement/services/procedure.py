"""From the advance notice to the decision: the defence, the hearing, legal review, collective
discussion, the extension of the decision period, and the decision itself with its hard stops
(行政处罚法 Art.44, 45, 57, 58, 60, 62, 63, 64; ODPL Art.69, 70, 72)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.workflow import transition
from ohs.enforcement.calendar import limit_calendar
from ohs.enforcement.choices import EvidenceKind
from ohs.enforcement.documents import ADVANCE_NOTICE, DECISION, HEARING_NOTICE
from ohs.enforcement.models import Case
from ohs.enforcement.reference import violation_for
from ohs.enforcement.rules.deadlines import DeadlineKind, compute_deadline
from ohs.enforcement.rules.discretion import apply_defence, check_departure, may_decide_fine
from ohs.enforcement.rules.major_case import LARGE_FINE_THRESHOLD_YUAN, MajorCaseFacts, assess_major_case
from ohs.enforcement.rules.violations import FineMode
from ohs.enforcement.services._common import issue_case_document, not_future, require_text, today
from ohs.enforcement.services.benchmarks import proposal_for
from ohs.enforcement.services.codes import advance_stage
from ohs.enforcement.workflow import CASE_WORKFLOW, STAGE_OF_STATUS

# 行政处罚法 Art.63: a "large" fine gives the right to a hearing; Zhejiang health's threshold for
# organisations is UNCONFIRMED (reference/case_review.md §4 asks for a setting): a configuration
# shared with the collective-discussion criteria (rules/major_case.py).
HEARING_FINE_THRESHOLD_YUAN = LARGE_FINE_THRESHOLD_YUAN
_RECORDS = (EvidenceKind.INSPECTION_RECORD, EvidenceKind.INQUIRY_RECORD)


def _fine_allowed_now(case: Case, fine: Decimal | None, on: dt.date, field: str) -> None:
    """ODPL Art.69, 70, 72: the fine waits until the correction deadline has passed unmet."""
    if not fine:
        return
    violation = violation_for(case.article)
    if violation.fine_mode is not FineMode.ONLY_IF_UNCORRECTED:
        return
    if case.correction_deadline is None:
        raise DomainError(
            ErrorCode.INVALID,
            _("%(article)s allows a fine only if the order to correct is not met: order a correction first")
            % {"article": case.article},
            field=field,
        )
    check = may_decide_fine(violation, case.correction_deadline, case.corrected_on, on)
    if not check.is_allowed:
        raise DomainError(ErrorCode.INVALID, "；".join(check.reasons), field=field)


def serve_notice(
    *,
    actor: Actor,
    case: Case,
    fine_yuan: Decimal | None,
    departure_reason: str = "",
    served_on: dt.date | None = None,
) -> Case:
    """行政处罚事先告知书: facts, basis, the intended penalty and the rights to state, defend and,
    for a large fine, ask for a hearing within 5 working days."""
    if not case.article:
        raise DomainError(ErrorCode.INVALID, _("choose the violated provision first"), field="article")
    if not case.evidence.filter(kind__in=_RECORDS).exists():
        raise DomainError(ErrorCode.INVALID, _("record the on-site inspection or an inquiry first"), field="evidence")
    if not case.proposed_tier:
        raise DomainError(ErrorCode.INVALID, _("let the benchmark propose the tier first"), field="circumstances")
    served = not_future(served_on or today(), "served_on")
    _fine_allowed_now(case, fine_yuan, served, "fine_yuan")
    proposal = proposal_for(case, list(case.circumstances), served)
    departure = check_departure(proposal, fine_yuan, departure_reason)
    if not departure.is_allowed:
        raise DomainError(ErrorCode.INVALID, "；".join(departure.reasons), field="fine_yuan")
    large = fine_yuan is not None and fine_yuan >= HEARING_FINE_THRESHOLD_YUAN
    # 集体讨论 (Art.57) derived from the intended penalty; once required it stays required, as a
    # defence may lower the fine but the file was major when noticed.
    major = assess_major_case(
        MajorCaseFacts(fine_yuan, proposal.measures, departure.is_departure, departure.requires_collective_discussion)
    )
    due = compute_deadline(DeadlineKind.HEARING_REQUEST, served, limit_calendar()).due_on if large else None
    fields = {
        "noticed_fine_yuan": fine_yuan,
        "departure_reason": departure_reason.strip() if departure.is_departure else "",
        "notice_served_on": served,
        "hearing_request_due_on": due,
        "legal_review_required": case.legal_review_required or departure.requires_legal_review,
        "collective_required": case.collective_required or major.requires_collective_discussion,
        "collective_reasons": "；".join(major.reasons),
        "proposed_fine_yuan": proposal.fine_yuan,
    }
    with transaction.atomic():
        transition(CASE_WORKFLOW, actor, case, "notice_served", {"fine": str(fine_yuan)}, fields=fields)
        advance_stage(case.action_code, STAGE_OF_STATUS[case.status])
        issue_case_document(actor, case, ADVANCE_NOTICE)
    return case


def record_defence(
    *, actor: Actor, case: Case, defence: str, heard_on: dt.date | None = None, revised_fine_yuan: Decimal | None = None
) -> Case:
    """陈述申辩 heard and answered; a revision after it may lower, never raise (Art.45)."""
    if case.status not in ("notified", "heard"):
        raise DomainError(ErrorCode.CONFLICT, _("the defence follows the advance notice"), field="status")
    text = require_text(defence, "defence", _("the statement and defence (or the party's waiver)"))
    fine = case.noticed_fine_yuan if revised_fine_yuan is None else revised_fine_yuan
    if case.noticed_fine_yuan is not None or fine is not None:
        proposal = proposal_for(case, list(case.circumstances), case.notice_served_on)
        outcome = apply_defence(replace(proposal, fine_yuan=case.noticed_fine_yuan), replace(proposal, fine_yuan=fine))
        if not outcome.is_accepted:
            raise DomainError(ErrorCode.INVALID, "；".join(outcome.reasons), field="revised_fine_yuan")
    before = audit.snapshot(case, ["defence", "defence_heard_on", "noticed_fine_yuan"])
    with transaction.atomic():
        case.defence = text
        case.defence_heard_on = not_future(heard_on or today(), "heard_on")
        case.noticed_fine_yuan = fine
        case.save(update_fields=["defence", "defence_heard_on", "noticed_fine_yuan"])
        audit.record_updated(actor, case, before)
        emit("enforcement.case.defence_heard", {"id": case.pk})
    return case


def request_hearing(*, actor: Actor, case: Case, requested_on: dt.date | None = None) -> Case:
    """Art.64(1): within 5 working days of being told of the right."""
    day = not_future(requested_on or today(), "requested_on")
    if case.hearing_request_due_on is None:
        raise DomainError(ErrorCode.INVALID, _("this penalty gives no right to a hearing"), field="requested_on")
    if day > case.hearing_request_due_on:
        raise DomainError(
            ErrorCode.INVALID,
            _("the hearing request period ended on %(hearing_request_due_on)s (行政处罚法第六十四条)")
            % {"hearing_request_due_on": case.hearing_request_due_on},
            field="requested_on",
        )
    with transaction.atomic():
        transition(CASE_WORKFLOW, actor, case, "hearing_requested", fields={"hearing_requested_on": day})
        advance_stage(case.action_code, STAGE_OF_STATUS[case.status])
    return case


def notify_hearing(
    *, actor: Actor, case: Case, hearing_on: dt.date, place: str, served_on: dt.date | None = None
) -> Case:
    """听证通知书: the hearing's time and place, served at least 7 days before it (Art.64(2)),
    issued as a PDF with the action code."""
    if case.status != "hearing":
        raise DomainError(ErrorCode.CONFLICT, _("a hearing notice follows a hearing request"), field="status")
    served = not_future(served_on or today(), "served_on")
    earliest = compute_deadline(DeadlineKind.HEARING_AFTER_NOTICE, served, limit_calendar()).due_on
    if hearing_on < earliest:
        raise DomainError(
            ErrorCode.INVALID,
            _("the hearing may be held from %(earliest)s, 7 days after the notice (行政处罚法第六十四条第二项)")
            % {"earliest": earliest},
            field="hearing_on",
        )
    values = {
        "hearing_notice_served_on": served,
        "hearing_on": hearing_on,
        "hearing_place": require_text(place, "place", _("the hearing place")),
    }
    with transaction.atomic():
        _record(actor, case, values, "hearing_notified")
        issue_case_document(actor, case, HEARING_NOTICE)
    return case


def hold_hearing(*, actor: Actor, case: Case, record: str, held_on: dt.date | None = None) -> Case:
    """After a hearing the decision needs legal review (Art.58(1)(二))."""
    require_text(record, "record", _("the hearing record"))
    day = not_future(held_on or today(), "held_on")
    if case.hearing_on is None:
        raise DomainError(ErrorCode.INVALID, _("serve the hearing notice first (第六十四条第二项)"), field="hearing_on")
    if day < case.hearing_on:
        raise DomainError(
            ErrorCode.INVALID,
            _("the hearing is set for %(hearing_on)s") % {"hearing_on": case.hearing_on},
            field="held_on",
        )
    with transaction.atomic():
        transition(
            CASE_WORKFLOW,
            actor,
            case,
            "hearing_held",
            fields={"hearing_held_on": day, "legal_review_required": True, "defence": record.strip()},
        )
        advance_stage(case.action_code, STAGE_OF_STATUS[case.status])
    return case


def _record(actor: Actor, case: Case, values: dict[str, object], event: str) -> Case:
    before = audit.snapshot(case, list(values))
    with transaction.atomic():
        for name, value in values.items():
            setattr(case, name, value)
        case.save(update_fields=list(values))
        audit.record_updated(actor, case, before)
        emit(f"enforcement.case.{event}", {"id": case.pk})
    return case


def record_collegial_discussion(*, actor: Actor, case: Case, record: str, held_on: dt.date | None = None) -> Case:
    """合议记录 (卫生部令第34号): the case handlers discuss the investigated facts, the provision
    and the penalty before the advance notice; the file must contain the record."""
    if case.filed_on is None:
        raise DomainError(ErrorCode.CONFLICT, _("the collegial discussion follows the filing"), field="status")
    if case.decided_on is not None:
        raise DomainError(ErrorCode.CONFLICT, _("the collegial discussion comes before the decision"), field="status")
    values = {
        "collegial_record": require_text(record, "record", _("the collegial discussion record")),
        "collegial_on": not_future(held_on or today(), "held_on"),
    }
    return _record(actor, case, values, "collegially_discussed")


def record_legal_review(*, actor: Actor, case: Case, opinion: str, reviewed_on: dt.date | None = None) -> Case:
    """法制审核 (Art.58): an opinion by the legal reviewer before the decision."""
    if case.decided_on is not None:
        raise DomainError(ErrorCode.CONFLICT, _("the legal review comes before the decision"), field="status")
    values = {
        "legal_review_opinion": require_text(opinion, "opinion", _("the review opinion")),
        "legal_review_on": not_future(reviewed_on or today(), "reviewed_on"),
    }
    return _record(actor, case, values, "legal_reviewed")


def record_collective_discussion(*, actor: Actor, case: Case, record: str, held_on: dt.date | None = None) -> Case:
    """集体讨论 (Art.57) for complex or major cases."""
    if case.decided_on is not None:
        raise DomainError(ErrorCode.CONFLICT, _("the discussion comes before the decision"), field="status")
    values = {
        "collective_record": require_text(record, "record", _("the discussion record")),
        "collective_on": not_future(held_on or today(), "held_on"),
        "collective_required": True,
    }
    return _record(actor, case, values, "collectively_discussed")


def approve_extension(*, actor: Actor, case: Case, days: int, reason: str) -> Case:
    """An approved extension of the 90-day decision period, before it ends."""
    if case.decision_due_on is None or case.decided_on is not None:
        raise DomainError(ErrorCode.CONFLICT, _("only an open filed case can be extended"), field="status")
    if days <= 0:
        raise DomainError(ErrorCode.INVALID, _("the extension must be at least one day"), field="days")
    if today() > case.decision_due_on:
        raise DomainError(
            ErrorCode.INVALID,
            _("the period already ended on %(decision_due_on)s") % {"decision_due_on": case.decision_due_on},
            field="days",
        )
    require_text(reason, "reason", _("the reason for the extension"))
    due = compute_deadline(
        DeadlineKind.DECISION_AFTER_FILING, case.filed_on or today(), limit_calendar(), extension_days=days
    )
    values = {
        "extension_days": days,
        "extension_approved_on": today(),
        "extension_approved_by": actor.label,
        "decision_due_on": due.due_on,
    }
    return _record(actor, case, values, "extension_approved")


def decision_blockers(case: Case, on: dt.date) -> list[tuple[str, str]]:
    """Why the decision cannot be made now: (field, reason) — empty when it can."""
    blockers: list[tuple[str, str]] = []
    if case.notice_served_on is None:
        blockers.append(
            ("notice_served_on", _("no decision without the advance notice (行政处罚法第四十四条、第六十二条)"))
        )
    period_open = case.hearing_request_due_on is not None and on <= case.hearing_request_due_on
    if (
        case.defence_heard_on is None
        and case.hearing_held_on is None
        and (period_open or not case.hearing_request_due_on)
    ):
        blockers.append(("defence", _("hear the party's statement and defence (or record the waiver) first")))
    if case.legal_review_required and case.legal_review_on is None:
        blockers.append(("legal_review_on", _("legal review is required before the decision (行政处罚法第五十八条)")))
    if case.collective_required and case.collective_on is None:
        why = f"：{case.collective_reasons}" if case.collective_reasons else ""
        blockers.append(
            ("collective_on", _("collective discussion is required before the decision (第五十七条)") + why)
        )
    try:
        _fine_allowed_now(case, case.noticed_fine_yuan, on, "fine_yuan")
    except DomainError as error:
        blockers.append(("fine_yuan", error.message))
    return blockers


def decide(*, actor: Actor, case: Case, decision_text: str, decided_on: dt.date | None = None) -> Case:
    """行政处罚决定: only when every hard stop is cleared; the fine is the one noticed (or lowered)."""
    day = not_future(decided_on or today(), "decided_on")
    CASE_WORKFLOW.check(actor, case, "decided")
    blockers = decision_blockers(case, day)
    if blockers:
        fields: dict[str, list[str]] = {}
        for name, reason in blockers:
            fields.setdefault(name, []).append(reason)
        raise DomainError(ErrorCode.INVALID, "；".join(r for _n, r in blockers), fields=fields)
    text = require_text(decision_text, "decision_text", _("the decision"))
    fine = case.noticed_fine_yuan
    result = f"行政处罚：警告{'，罚款 ' + str(fine) + ' 元' if fine else ''}"
    with transaction.atomic():
        transition(
            CASE_WORKFLOW,
            actor,
            case,
            "decided",
            {"fine": str(fine)},
            fields={"decided_on": day, "fine_yuan": fine, "decision_text": text},
        )
        advance_stage(case.action_code, STAGE_OF_STATUS[case.status], result)
        issue_case_document(actor, case, DECISION)
    return case
