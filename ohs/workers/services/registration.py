"""Writing workers. The ID number is validated, encrypted, digested and masked here only."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ohs.core import audit, crypto
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.rules.identity import InvalidIdentifier, parse_id_number
from ohs.registry.models import Employer, Post
from ohs.workers.models import Worker
from ohs.workers.services.employment import hire


def id_number_columns(id_number: str) -> dict[str, object]:
    """The stored forms of an ID number, plus what it encodes (birth date, sex)."""
    try:
        parsed = parse_id_number(id_number)
    except InvalidIdentifier as exc:
        raise DomainError(ErrorCode.INVALID, exc.reason, field="id_number") from exc
    return {
        "id_number_encrypted": crypto.encrypt(parsed.number),
        "id_number_digest": crypto.digest(parsed.number),
        "id_number_masked": parsed.masked,
        "birth_date": parsed.birth_date,
        "sex": parsed.sex,
    }


def register_worker(
    *,
    actor: Actor,
    name: str,
    id_number: str,
    employer: Employer | None,
    phone: str = "",
    post: Post | None = None,
    started_on: dt.date | None = None,
) -> Worker:
    """Register a worker; with ``employer`` (fetched through the actor's scope) they start work there."""
    if not name.strip():
        raise DomainError(ErrorCode.INVALID, "name is required", field="name")
    columns = id_number_columns(id_number)
    existing = Worker.objects.filter(id_number_digest=columns["id_number_digest"]).first()
    if existing is not None:
        return _hire_registered(actor, existing, name.strip(), employer, post, started_on)
    with transaction.atomic():
        worker = Worker.objects.create(name=name.strip(), phone=phone, **columns)
        audit.record(actor, "create", obj=worker, changes={"name": [None, worker.name]})
        emit("workers.worker.registered", {"id": worker.pk, "employer": employer.pk if employer else None})
        if employer is not None:
            hire(
                actor=actor, worker=worker, employer=employer, post=post, started_on=started_on or timezone.localdate()
            )
            worker.refresh_from_db()
    return worker


def _hire_registered(
    actor: Actor, worker: Worker, name: str, employer: Employer | None, post: Post | None, started_on: dt.date | None
) -> Worker:
    """Someone already registered: knowing their name and ID number, a new employer may hire them."""
    if employer is None:
        raise DomainError(ErrorCode.CONFLICT, "a worker with this ID number is already registered", field="id_number")
    if worker.name != name:
        raise DomainError(
            ErrorCode.INVALID, "the name differs from the registered holder of this ID number", field="name"
        )
    hire(actor=actor, worker=worker, employer=employer, post=post, started_on=started_on or timezone.localdate())
    worker.refresh_from_db()
    return worker


def reveal_id_number(*, actor: Actor, worker: Worker) -> str:
    """The full ID number, for roles that need it; every reveal is written to the access log."""
    audit.record_access(actor, worker, "id_number_full")
    return crypto.decrypt(worker.id_number_encrypted)


def update_worker(*, actor: Actor, worker: Worker, name: str, phone: str) -> Worker:
    """Correct a worker's name or phone (the ID number never changes: it identifies the person)."""
    if not name.strip():
        raise DomainError(ErrorCode.INVALID, "name is required", field="name")
    with transaction.atomic():
        before = audit.snapshot(worker, ["name", "phone"])
        worker.name, worker.phone = name.strip(), phone.strip()
        worker.save(update_fields=["name", "phone"])
        if audit.record_updated(actor, worker, before):
            emit("workers.worker.updated", {"id": worker.pk})
    return worker
