"""Importing an employer's roster: a dry run checks every row; the import writes all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from ohs.core import audit, crypto
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.audit import AuditAction
from ohs.registry.models import Employer, Post
from ohs.workers.models import Employment, ImportStatus, RosterImport, Worker
from ohs.workers.roster_excel import read_sheet
from ohs.workers.rules.roster import RosterCheck, RosterRow, RowError, check_header, check_roster
from ohs.workers.services.employment import JOINED_ELSEWHERE, ONE_DAY
from ohs.workers.services.registration import id_number_columns


def post_keys(employer: Employer) -> dict[str, int]:
    """Names a roster may use for a post: "车间/岗位" always, the bare post name when unique."""
    posts = list(Post.objects.filter(employer=employer, is_active=True).select_related("workplace"))
    keys = {f"{p.workplace.name}/{p.name}": p.pk for p in posts}
    names = [p.name for p in posts]
    keys.update({p.name: p.pk for p in posts if names.count(p.name) == 1})
    return keys


def _already_here(employer: Employer, rows: Sequence[RosterRow]) -> list[RowError]:
    digests = {crypto.digest(r.id_number): r.row for r in rows}
    employed = Employment.objects.current().filter(employer=employer, worker__id_number_digest__in=digests)
    found = employed.values_list("worker__id_number_digest", flat=True)
    return [RowError(digests[d], "身份证号", "该劳动者已在本单位在职，无需重复导入") for d in found]


def _check(employer: Employer, content: bytes, today: dt.date) -> tuple[RosterCheck, list[RowError]]:
    header, rows = read_sheet(content)
    header_errors = check_header(header)
    if header_errors:
        return RosterCheck(rows=(), errors=tuple(header_errors)), header_errors
    result = check_roster(rows, post_keys(employer), today)
    errors = sorted([*result.errors, *_already_here(employer, result.rows)], key=lambda e: (e.row, e.column))
    return result, errors


def check_upload(*, actor: Actor, employer: Employer, file_name: str, content: bytes, today: dt.date) -> RosterImport:
    """Dry run: check every row and keep the file; nothing about workers is written."""
    result, errors = _check(employer, content, today)
    batch = RosterImport.objects.create(
        employer=employer,
        uploaded_by_label=actor.label,
        file_name=file_name[:200],
        content=content,
        row_count=len(result.rows) + len({e.row for e in result.errors}),
        error_count=len({e.row for e in errors}),
        errors=[{"row": e.row, "column": e.column, "message": e.message} for e in errors],
        status=ImportStatus.HAS_ERRORS if errors else ImportStatus.READY,
    )
    return batch


def _new_workers(rows: Sequence[RosterRow], existing: dict[str, Worker]) -> list[Worker]:
    created = []
    for row in rows:
        columns = id_number_columns(row.id_number)
        if columns["id_number_digest"] not in existing:
            created.append(Worker(name=row.name, phone=row.phone, **columns))
    return Worker.objects.bulk_create(created)


def _write(actor: Actor, batch: RosterImport, rows: Sequence[RosterRow]) -> tuple[int, int]:
    employer = batch.employer
    digests = {crypto.digest(r.id_number): r for r in rows}
    existing = {w.id_number_digest: w for w in Worker.objects.filter(id_number_digest__in=digests)}
    created = _new_workers(rows, existing)
    workers = {**existing, **{w.id_number_digest: w for w in created}}
    for previous in Employment.objects.current().filter(worker__in=existing.values()).exclude(employer=employer):
        started = digests[previous.worker.id_number_digest].started_on
        previous.ended_on, previous.end_reason = (
            max(previous.started_on, started - ONE_DAY),
            JOINED_ELSEWHERE,
        )
        before = audit.snapshot(previous, ["ended_on", "end_reason"])
        previous.save(update_fields=["ended_on", "end_reason"])
        audit.record_updated(actor, previous, before)
    employments = Employment.objects.bulk_create(
        [
            Employment(worker=workers[d], employer=employer, post_id=r.post_id, started_on=r.started_on)
            for d, r in digests.items()
        ]
    )
    Worker.objects.filter(pk__in=[w.pk for w in workers.values()]).update(
        current_employer=employer, county_id=employer.county_id
    )
    audit.record_created_many(actor, [*created, *employments])
    for employment in employments:
        emit(
            "workers.employment.started", {"id": employment.pk, "worker": employment.worker_id, "employer": employer.pk}
        )
    return len(created), len(employments)


def import_roster(*, actor: Actor, batch: RosterImport, today: dt.date) -> RosterImport:
    """Write a checked roster in one transaction; it is checked again first, so nothing stale lands."""
    if batch.status != ImportStatus.READY:
        raise DomainError(ErrorCode.CONFLICT, "only a roster without errors can be imported", field="status")
    result, errors = _check(batch.employer, bytes(batch.content), today)
    if errors:
        raise DomainError(
            ErrorCode.INVALID, f"{len(errors)} problems appeared since the check; upload the file again", field="file"
        )
    with transaction.atomic():
        locked = RosterImport.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportStatus.READY:
            raise DomainError(ErrorCode.CONFLICT, "this roster has already been imported", field="status")
        created, hired = _write(actor, locked, result.rows)
        locked.status, locked.imported_at = ImportStatus.IMPORTED, timezone.now()
        locked.created_count, locked.hired_count = created, hired
        locked.save(update_fields=["status", "imported_at", "created_count", "hired_count"])
        audit.record(actor, AuditAction.CREATE, obj=locked, changes={"workers_created": created, "employments": hired})
        emit("workers.roster.imported", {"id": locked.pk, "employer": locked.employer_id, "employments": hired})
    return locked
