"""Worker API: masked ID numbers; the full number through its own logged route."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from ohs.core import audit
from ohs.core.api import require_perm
from ohs.core.archives import FileKind, build_file, file_as_json
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.querysets import Action
from ohs.orgs.choices import FULL_ID_NUMBER_ROLES
from ohs.registry.models import Post
from ohs.registry.queries import get_employer_for
from ohs.workers import queries, services
from ohs.workers.models import Employment, RosterImport, Worker
from ohs.workers.schemas import (
    EmploymentEndIn,
    EmploymentIn,
    EmploymentOut,
    RosterImportOut,
    WorkerFilter,
    WorkerIn,
    WorkerOut,
    WorkerUpdate,
)

router = Router(tags=["workers"])


class IdNumberOut(Schema):
    id_number: str


@router.get("/workers", response=list[WorkerOut])
@paginate(PageNumberPagination)
def list_workers(request: HttpRequest, filters: Query[WorkerFilter]) -> QuerySet[Worker]:
    queryset = queries.list_workers_for(require_perm(request, "workers.view_worker")).order_by("pk")
    if filters.q:
        queryset = queries.search_workers(queryset, filters.q)
    if filters.employer_id:
        queryset = queryset.filter(current_employer_id=filters.employer_id)
    return queryset


@router.get("/workers/{worker_id}", response=WorkerOut)
def get_worker(request: HttpRequest, worker_id: int) -> Worker:
    return queries.get_worker_for(require_perm(request, "workers.view_worker"), worker_id)


@router.put("/workers/{worker_id}", response=WorkerOut)
def update_worker(request: HttpRequest, worker_id: int, payload: WorkerUpdate) -> Worker:
    """Correct name or phone of a worker the caller may change (their employer, regulators)."""
    actor = require_perm(request, "workers.change_worker")
    worker = Worker.objects.get_for(actor, Action.CHANGE, pk=worker_id)
    return services.update_worker(actor=actor, worker=worker, name=payload.name, phone=payload.phone)


@router.post("/workers", response={201: WorkerOut})
def register_worker(request: HttpRequest, payload: WorkerIn) -> Status[Worker]:
    """Register a worker at an employer the caller may change."""
    actor = require_perm(request, "workers.add_worker")
    employer = get_employer_for(actor, payload.employer_id, Action.CHANGE) if payload.employer_id else None
    worker = services.register_worker(
        actor=actor, name=payload.name, id_number=payload.id_number, employer=employer, phone=payload.phone
    )
    return Status(201, worker)


@router.get("/workers/{worker_id}/id-number", response=IdNumberOut)
def reveal_id_number(request: HttpRequest, worker_id: int) -> dict[str, str]:
    """The full ID number; only for roles that act on identity, and written to the access log."""
    actor = require_perm(request, "workers.view_worker")
    worker = queries.get_worker_for(actor, worker_id)
    if actor.role not in FULL_ID_NUMBER_ROLES and actor.worker_id != worker.pk:
        raise PermissionDenied("your role does not see full ID numbers")
    return {"id_number": services.reveal_id_number(actor=actor, worker=worker)}


@router.post("/imports", response={201: RosterImportOut})
def check_roster(request: HttpRequest, employer_id: Form[int], file: File[UploadedFile]) -> Status[RosterImport]:
    """Dry run of a roster (.xlsx): every row checked, nothing written. Columns: 姓名 身份证号 岗位 入职日期 手机号."""
    actor = require_perm(request, "workers.add_worker")
    employer = get_employer_for(actor, employer_id, Action.CHANGE)
    batch = services.check_upload(
        actor=actor,
        employer=employer,
        file_name=file.name or "roster.xlsx",
        content=file.read(),
        today=timezone.localdate(),
    )
    return Status(201, batch)


@router.get("/imports/{import_id}", response=RosterImportOut)
def get_roster_import(request: HttpRequest, import_id: int) -> RosterImport:
    actor = require_perm(request, "workers.add_worker")
    return RosterImport.objects.get_for(actor, Action.CHANGE, pk=import_id)


@router.post("/imports/{import_id}/commit", response=RosterImportOut)
def commit_roster_import(request: HttpRequest, import_id: int) -> RosterImport:
    """Write a roster whose dry run found no error (checked again first)."""
    actor = require_perm(request, "workers.add_worker")
    batch = RosterImport.objects.select_related("employer").get_for(actor, Action.CHANGE, pk=import_id)
    return services.import_roster(actor=actor, batch=batch, today=timezone.localdate())


@router.get("/workers/{worker_id}/employments", response=list[EmploymentOut])
def list_employments(request: HttpRequest, worker_id: int) -> QuerySet[Employment]:
    actor = require_perm(request, "workers.view_worker")
    worker = queries.get_worker_for(actor, worker_id)
    return Employment.objects.for_actor(actor).filter(worker=worker).order_by("-started_on")


@router.post("/workers/{worker_id}/employments", response={201: EmploymentOut})
def start_employment(request: HttpRequest, worker_id: int, payload: EmploymentIn) -> Status[Employment]:
    """A worker the caller can see starts at an employer it may change. An employer hiring someone
    registered elsewhere posts the person to /workers with name and ID number instead."""
    actor = require_perm(request, "workers.change_worker")
    employer = get_employer_for(actor, payload.employer_id, Action.CHANGE)
    worker = queries.get_worker_for(actor, worker_id)
    post = Post.objects.filter(pk=payload.post_id, employer=employer).first() if payload.post_id else None
    if payload.post_id and post is None:
        raise DomainError(ErrorCode.INVALID, "no such post at this employer", field="post_id")
    return Status(
        201, services.hire(actor=actor, worker=worker, employer=employer, post=post, started_on=payload.started_on)
    )


@router.post("/employments/{employment_id}/end", response=EmploymentOut)
def end_employment(request: HttpRequest, employment_id: int, payload: EmploymentEndIn) -> Employment:
    actor = require_perm(request, "workers.change_worker")
    employment = Employment.objects.get_for(actor, Action.CHANGE, pk=employment_id)
    return services.end_employment(actor=actor, employment=employment, ended_on=payload.ended_on, reason=payload.reason)


@router.get("/workers/{worker_id}/file")
def worker_file(request: HttpRequest, worker_id: int) -> dict[str, object]:
    """一人一档 as sections and one timeline; a view by anyone but the worker is logged."""
    actor = require_perm(request, "workers.view_worker")
    worker = queries.get_worker_for(actor, worker_id)
    if actor.worker_id != worker.pk:
        audit.record_access(actor, worker, "worker_file")
    return file_as_json(build_file(FileKind.WORKER, actor, worker))
