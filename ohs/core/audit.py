"""Writing the audit trail and the sensitive-data access log.

Services call ``record_*`` inside their transaction, so the trail commits or rolls back with
the change it describes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction

from ohs.core.actor import Actor
from ohs.core.context import current_origin
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.models.audit import AccessLogEntry, AuditAction, AuditEntry
from ohs.orgs.choices import Role

MAX_REPR = 200


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """Field values of a row (foreign keys as ids), for computing what a change did."""
    names = set(fields) if fields is not None else None
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if names is None or field.name in names:
            values[field.name] = _jsonable(getattr(instance, field.attname))
    return values


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def record(
    actor: Actor,
    action: str,
    *,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit row: who, when, what, from where."""
    origin = current_origin.get()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditEntry.objects.create(
        user_id_ref=actor.user_id,
        actor_label=actor.label,
        organisation_id_ref=actor.organisation_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=str(obj)[:MAX_REPR] if obj is not None else "",
        changes=dict(changes or {}),
        ip=origin.ip,
        user_agent=origin.user_agent[:MAX_REPR],
    )


def record_created(actor: Actor, obj: models.Model) -> AuditEntry:
    return record(actor, AuditAction.CREATE, obj=obj, changes={k: [None, v] for k, v in snapshot(obj).items()})


def record_updated(actor: Actor, obj: models.Model, before: Mapping[str, Any]) -> AuditEntry | None:
    """Audit an update; nothing is written when no field actually changed."""
    changes = diff(before, snapshot(obj, before.keys()))
    return record(actor, AuditAction.UPDATE, obj=obj, changes=changes) if changes else None


def record_deleted(actor: Actor, obj: models.Model) -> AuditEntry:
    return record(actor, AuditAction.DELETE, obj=obj, changes={k: [v, None] for k, v in snapshot(obj).items()})


def record_access(actor: Actor, subject: models.Model, what: str) -> AccessLogEntry:
    """Log one view of sensitive personal data (health archive, full ID number)."""
    return AccessLogEntry.objects.create(
        user_id_ref=actor.user_id,
        actor_label=actor.label,
        organisation_id_ref=actor.organisation_id,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        what=what,
        ip=current_origin.get().ip,
    )


@transaction.atomic
def purge_before(actor: Actor, cutoff: dt.datetime) -> int:
    """Retention purge of audit and access rows older than ``cutoff``: security auditors only."""
    if actor.role != Role.SECURITY_AUDITOR:
        raise DomainError(ErrorCode.FORBIDDEN, "only a security auditor may purge the audit log")
    removed = AuditEntry.objects.filter(at__lt=cutoff)._purge()
    removed += AccessLogEntry.objects.filter(at__lt=cutoff)._purge()
    record(
        actor, AuditAction.PURGE, object_type="core.auditentry", changes={"before": cutoff.isoformat(), "rows": removed}
    )
    return removed


def record_created_many(actor: Actor, objs: Iterable[models.Model]) -> int:
    """One create row per object, written in bulk (imports of hundreds of rows)."""
    origin = current_origin.get()
    rows = [
        AuditEntry(
            user_id_ref=actor.user_id,
            actor_label=actor.label,
            organisation_id_ref=actor.organisation_id,
            action=AuditAction.CREATE,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:MAX_REPR],
            changes={k: [None, v] for k, v in snapshot(obj).items()},
            ip=origin.ip,
            user_agent=origin.user_agent[:MAX_REPR],
        )
        for obj in objs
    ]
    return len(AuditEntry.objects.bulk_create(rows, batch_size=500))
