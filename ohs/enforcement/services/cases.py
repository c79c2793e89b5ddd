"""Opening a case (from an act or directly), approving its filing, recording evidence and the
order to correct."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.supervision import ActStart
from ohs.core.workflow import transition
from ohs.enforcement.calendar import limit_calendar
from ohs.enforcement.choices import ActKind, EvidenceKind
from ohs.enforcement.documents import FILING_APPROVAL
from ohs.enforcement.models import ActionCode, Case, Evidence
from ohs.enforcement.reference import violation_for
from ohs.enforcement.rules.deadlines import DeadlineKind, compute_deadline
from ohs.enforcement.services._common import issue_case_document, not_future, require_text, today
from ohs.enforcement.services.codes import advance_stage, code_row, issue_act_code
from ohs.enforcement.workflow import CASE_WORKFLOW, STAGE_OF_STATUS
from ohs.orgs.models import User
from ohs.registry.models import Employer


def _next_ref(action_code: ActionCode) -> str:
    year = today().year
    prefix = f"{action_code.body.region_id}-{year}-"
    taken = Case.objects.filter(ref__startswith=prefix).count()
    return f"{prefix}{taken + 1:04d}"


def _create(actor: Actor, code: ActionCode, article: str, findings: str, officer_ids: list[int]) -> Case:
    if article:
        violation_for(article)
    officers = list(User.objects.filter(pk__in=officer_ids)) or list(code.officers.all())
    try:
        with transaction.atomic():
            case = Case.objects.create(
                ref=_next_ref(code),
                action_code=code,
                employer=code.employer,
                county=code.county,
                body=code.body,
                article=article,
                findings=require_text(findings, "findings", _("the facts found")),
            )
    except IntegrityError as exc:
        raise DomainError(ErrorCode.CONFLICT, _("another case took this number; try again"), field="ref") from exc
    case.officers.set(officers)
    audit.record_created(actor, case)
    emit("enforcement.case.opened", {"id": case.pk, "code": code.code, "employer": case.employer_id})
    advance_stage(code, STAGE_OF_STATUS[case.status])
    return case


def open_case(
    *, actor: Actor, employer: Employer, article: str, findings: str, officer_ids: list[int] | None = None
) -> Case:
    """A case that starts on its own (a complaint, a referral): it gets its own action code."""
    with transaction.atomic():
        start = ActStart(
            kind=ActKind.CASE,
            employer_id=employer.pk,
            county_id=employer.county_id,
            subject=employer,
            title=f"{employer.name} 行政处罚案件",
            officers=officer_ids or (),
            legal_basis=f"《职业病防治法》{article}" if article else "《职业病防治法》",
        )
        code = code_row(issue_act_code(actor, start))
        case = _create(actor, code, article, findings, officer_ids or [])
        ActionCode.objects.filter(pk=code.pk).update(subject_type="enforcement.case", subject_id=str(case.pk))
    return case


def open_case_from_act(actor: Actor, *, action_code: str, start: ActStart, findings: str) -> Case:
    """The hook of ohs.core.supervision: a finding of an inspection or verification opens a case
    that keeps the act's code (一码关联)."""
    code = code_row(action_code)
    if code.employer_id != start.employer_id:
        raise DomainError(ErrorCode.INVALID, _("the action code belongs to another employer"), field="action_code")
    article = str(start.extra.get("article", ""))
    with transaction.atomic():
        return _create(actor, code, article, findings, list(start.officers))


def approve_filing(*, actor: Actor, case: Case, filed_on: dt.date | None = None) -> Case:
    """立案: the head approves; the 90-day decision limit (行政处罚法 Art.60) starts."""
    filed = not_future(filed_on or today(), "filed_on")
    due = compute_deadline(DeadlineKind.DECISION_AFTER_FILING, filed, limit_calendar())
    with transaction.atomic():
        transition(
            CASE_WORKFLOW,
            actor,
            case,
            "filing_approved",
            {"code": case.action_code.code},
            fields={"filed_on": filed, "decision_due_on": due.due_on, "filing_approved_by": actor.label},
        )
        advance_stage(case.action_code, STAGE_OF_STATUS[case.status])
        issue_case_document(actor, case, FILING_APPROVAL)
    return case


_EVIDENCE_STATES = {"investigating", "notified", "hearing", "heard"}


def add_evidence(
    *,
    actor: Actor,
    case: Case,
    kind: str,
    title: str,
    content: str = "",
    collected_on: dt.date | None = None,
    file: object | None = None,
) -> Evidence:
    if case.status not in _EVIDENCE_STATES:
        raise DomainError(ErrorCode.CONFLICT, _("evidence is taken between filing and the decision"), field="status")
    if kind not in EvidenceKind.values:
        raise DomainError(ErrorCode.INVALID, _("unknown kind of evidence %(kind)s") % {"kind": kind}, field="kind")
    with transaction.atomic():
        item = Evidence(
            case=case,
            kind=kind,
            title=require_text(title, "title", _("the title")),
            content=content,
            collected_on=not_future(collected_on or today(), "collected_on"),
            recorded_by_label=actor.label,
        )
        if file is not None:
            item.file = file
        item.save()
        audit.record_created(actor, item)
        emit("enforcement.evidence.recorded", {"id": item.pk, "case": case.pk, "kind": kind})
    return item


def order_correction(*, actor: Actor, case: Case, deadline: dt.date) -> Case:
    """责令限期改正: the deadline that "fine only if not corrected" articles wait for."""
    if case.filed_on and deadline < case.filed_on:
        raise DomainError(ErrorCode.INVALID, _("the correction deadline is before the filing"), field="deadline")
    before = audit.snapshot(case, ["correction_deadline"])
    with transaction.atomic():
        case.correction_deadline = deadline
        case.save(update_fields=["correction_deadline"])
        audit.record_updated(actor, case, before)
        emit("enforcement.case.correction_ordered", {"id": case.pk, "deadline": deadline.isoformat()})
    return case


def record_correction(*, actor: Actor, case: Case, corrected_on: dt.date) -> Case:
    if case.correction_deadline is None:
        raise DomainError(ErrorCode.INVALID, _("no correction was ordered"), field="corrected_on")
    before = audit.snapshot(case, ["corrected_on"])
    with transaction.atomic():
        case.corrected_on = not_future(corrected_on, "corrected_on")
        case.save(update_fields=["corrected_on"])
        audit.record_updated(actor, case, before)
        emit("enforcement.case.corrected", {"id": case.pk, "on": corrected_on.isoformat()})
    return case


def set_article(*, actor: Actor, case: Case, article: str) -> Case:
    violation_for(article)
    before = audit.snapshot(case, ["article"])
    with transaction.atomic():
        case.article = article.strip()
        case.save(update_fields=["article"])
        audit.record_updated(actor, case, before)
    return case
