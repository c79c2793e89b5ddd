"""Writing workers. The ID number is validated, encrypted, digested and masked here only."""

from __future__ import annotations

from django.db import transaction

from ohs.core import audit, crypto
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.identity import InvalidIdentifier, parse_id_number
from ohs.registry.models import Employer
from ohs.workers.models import Worker


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


def register_worker(*, actor: Actor, name: str, id_number: str, employer: Employer | None, phone: str = "") -> Worker:
    """Register a worker, optionally employed by ``employer`` (fetched through the actor's scope)."""
    if not name.strip():
        raise DomainError(ErrorCode.INVALID, "name is required", field="name")
    columns = id_number_columns(id_number)
    if Worker.objects.filter(id_number_digest=columns["id_number_digest"]).exists():
        raise DomainError(ErrorCode.CONFLICT, "a worker with this ID number is already registered", field="id_number")
    with transaction.atomic():
        worker = Worker.objects.create(
            name=name.strip(),
            phone=phone,
            current_employer=employer,
            county_id=employer.county_id if employer else None,
            **columns,
        )
        audit.record(
            actor,
            "create",
            obj=worker,
            changes={"name": [None, worker.name], "employer": [None, employer.pk if employer else None]},
        )
        emit("workers.worker.registered", {"id": worker.pk, "employer": employer.pk if employer else None})
    return worker


def reveal_id_number(*, actor: Actor, worker: Worker) -> str:
    """The full ID number, for roles that need it; every reveal is written to the access log."""
    audit.record_access(actor, worker, "id_number_full")
    return crypto.decrypt(worker.id_number_encrypted)
