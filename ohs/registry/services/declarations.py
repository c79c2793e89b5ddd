"""Hazard declarations: draft, items per post and hazard, submission, acceptance with a receipt."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.calendar import get_calendar
from ohs.core.documents import Issue, issue_document
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.workflow import transition
from ohs.hazards.models import Agent
from ohs.orgs.models import Organisation
from ohs.registry.choices import EVENT_KIND, DeclarationEvent, EmployerStatus
from ohs.registry.models import Declaration, DeclarationItem, Employer, Post
from ohs.registry.receipts import RECEIPT_KIND, receipt_document
from ohs.registry.rules.declarations import due_date, is_late
from ohs.registry.windows import declaration_windows
from ohs.registry.workflow import DECLARATION_WORKFLOW


def start_declaration(*, actor: Actor, employer: Employer, event: str, event_on: dt.date) -> Declaration:
    """Open a draft; its due date follows from what happened and when."""
    if employer.status != EmployerStatus.CONFIRMED:
        raise DomainError(ErrorCode.INVALID, "the employer's registration must be confirmed first", field="employer")
    if event not in DeclarationEvent.values:
        raise DomainError(ErrorCode.INVALID, f"unknown reason {event}", field="event")
    if event_on > timezone.localdate():
        raise DomainError(ErrorCode.INVALID, "the event date is in the future", field="event_on")
    kind = EVENT_KIND[DeclarationEvent(event)]
    due = due_date(declaration_windows(), kind, event, event_on, get_calendar().roll_if_known)
    with transaction.atomic():
        declaration = Declaration.objects.create(
            employer=employer,
            kind=kind,
            event=event,
            event_on=event_on,
            due_on=due.due_on,
            due_is_provisional=due.is_provisional,
            due_basis="；".join(due.reasons),
        )
        audit.record_created(actor, declaration)
        emit("registry.declaration.started", {"id": declaration.pk, "employer": employer.pk, "kind": kind})
    return declaration


def _editable(declaration: Declaration) -> None:
    if not declaration.is_editable:
        raise DomainError(ErrorCode.CONFLICT, "a submitted or accepted declaration cannot be changed", field="status")


def add_item(
    *, actor: Actor, declaration: Declaration, post_id: int, agent_id: int, exposed_workers: int
) -> DeclarationItem:
    """Declare one hazard at one post with its number of exposed workers."""
    _editable(declaration)
    post = Post.objects.filter(pk=post_id, employer=declaration.employer, is_active=True).first()
    if post is None:
        raise DomainError(ErrorCode.INVALID, "choose one of the employer's posts", field="post_id")
    agent = Agent.objects.filter(pk=agent_id, is_active=True).first()
    if agent is None:
        raise DomainError(ErrorCode.INVALID, "choose a hazard from the catalogue", field="agent_id")
    if exposed_workers < 0:
        raise DomainError(
            ErrorCode.INVALID, "the number of exposed workers cannot be negative", field="exposed_workers"
        )
    try:
        with transaction.atomic():
            item = DeclarationItem.objects.create(
                declaration=declaration, post=post, agent=agent, exposed_workers=exposed_workers
            )
            audit.record_created(actor, item)
    except IntegrityError as exc:
        raise DomainError(ErrorCode.CONFLICT, "this hazard is already declared at this post", field="agent_id") from exc
    return item


def remove_item(*, actor: Actor, item: DeclarationItem) -> None:
    _editable(item.declaration)
    with transaction.atomic():
        audit.record_deleted(actor, item)
        item.delete()


def submit_declaration(*, actor: Actor, declaration: Declaration) -> Declaration:
    """The employer submits; a submission after the due date is recorded as late."""
    if not declaration.items.exists():
        raise DomainError(ErrorCode.INVALID, "declare at least one hazard at one post", field="items")
    now = timezone.now()
    late = is_late(declaration.due_on, timezone.localdate(now))
    transition(
        DECLARATION_WORKFLOW,
        actor,
        declaration,
        "submitted",
        {"employer": declaration.employer_id, "late": late},
        fields={"submitted_at": now, "is_late": late},
    )
    return declaration


def accept_declaration(*, actor: Actor, declaration: Declaration) -> Declaration:
    """The county regulator accepts it and the receipt is issued with a verification QR."""
    issuer = Organisation.objects.get(pk=actor.organisation_id) if actor.organisation_id else None
    if issuer is None:
        raise DomainError(ErrorCode.FORBIDDEN, "only a regulator's staff may accept a declaration")
    with transaction.atomic():
        transition(
            DECLARATION_WORKFLOW,
            actor,
            declaration,
            "accepted",
            {"employer": declaration.employer_id},
            fields={"decided_at": timezone.now(), "decided_by_label": actor.label},
        )
        issue = Issue(
            kind=RECEIPT_KIND, subject=declaration, issuer=issuer, document=receipt_document(declaration, issuer)
        )
        issue_document(actor=actor, issue=issue)
    return declaration


def return_declaration(*, actor: Actor, declaration: Declaration, reason: str) -> Declaration:
    """Send it back for correction, saying what is wrong."""
    if not reason.strip():
        raise DomainError(ErrorCode.INVALID, "say what must be corrected", field="reason")
    transition(
        DECLARATION_WORKFLOW,
        actor,
        declaration,
        "returned",
        {"employer": declaration.employer_id},
        fields={"decided_at": timezone.now(), "decided_by_label": actor.label, "return_reason": reason.strip()},
    )
    return declaration
