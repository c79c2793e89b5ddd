"""投诉举报: received, assigned, handled and answered within the time limit."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.audit import AuditAction
from ohs.inspection.choices import ComplaintStatus as S
from ohs.inspection.models import Complaint
from ohs.orgs.models import User
from ohs.registry.models import Employer

# 信访工作条例 (2022) art. 36: a matter is handled within 60 days of acceptance. Whether the
# health-supervision complaint rules set a shorter limit was not retrieved (UNCONFIRMED).
COMPLAINT_HANDLING_DAYS = 60


def receive_complaint(
    *,
    actor: Actor,
    county_id: str,
    content: str,
    channel: str,
    received_on: dt.date,
    employer: Employer | None = None,
    complainant: str = "",
    contact: str = "",
) -> Complaint:
    if not content.strip():
        raise DomainError(ErrorCode.INVALID, "record what the complaint says", field="content")
    if received_on > timezone.localdate():
        raise DomainError(ErrorCode.INVALID, "the date is in the future", field="received_on")
    if employer is not None and employer.county_id != county_id:
        raise DomainError(ErrorCode.INVALID, "the employer is in another county", field="employer")
    with transaction.atomic():
        complaint = Complaint.objects.create(
            county_id=county_id,
            employer=employer,
            channel=channel.strip() or "12345",
            complainant=complainant.strip(),
            contact=contact.strip(),
            content=content.strip(),
            received_on=received_on,
            due_on=received_on + dt.timedelta(days=COMPLAINT_HANDLING_DAYS),
        )
        audit.record_created(actor, complaint)
        emit("inspection.complaint.received", {"id": complaint.pk, "county": county_id})
    return complaint


def _step(actor: Actor, complaint: Complaint, name: str, allowed: set[str], target: str, **fields: object) -> Complaint:
    if complaint.status not in allowed:
        raise DomainError(ErrorCode.ILLEGAL_TRANSITION, f"'{name}' is not possible now", field="status")
    with transaction.atomic():
        before = audit.snapshot(complaint, ["status", *fields])
        complaint.status = target
        for key, value in fields.items():
            setattr(complaint, key, value)
        complaint.save()
        audit.record(actor, AuditAction.TRANSITION, obj=complaint, changes={**before, "transition": name})
        emit(f"inspection.complaint.{name}", {"id": complaint.pk, "employer": complaint.employer_id})
    return complaint


def assign_complaint(*, actor: Actor, complaint: Complaint, officer: User) -> Complaint:
    return _step(actor, complaint, "assigned", {S.RECEIVED, S.ASSIGNED}, S.ASSIGNED, assigned_to=officer)


def handle_complaint(*, actor: Actor, complaint: Complaint, handling: str) -> Complaint:
    if not handling.strip():
        raise DomainError(ErrorCode.INVALID, "say how it was handled", field="handling")
    return _step(
        actor, complaint, "handled", {S.ASSIGNED}, S.HANDLED, handling=handling.strip(), handled_on=timezone.localdate()
    )


def answer_complaint(*, actor: Actor, complaint: Complaint, answer: str) -> Complaint:
    if not answer.strip():
        raise DomainError(ErrorCode.INVALID, "write the answer to the complainant", field="answer")
    return _step(
        actor, complaint, "answered", {S.HANDLED}, S.ANSWERED, answer=answer.strip(), answered_on=timezone.localdate()
    )
