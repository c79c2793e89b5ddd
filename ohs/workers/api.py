"""Worker API: masked ID numbers; the full number through its own logged route."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from ohs.core.api import require_perm
from ohs.core.querysets import Action
from ohs.orgs.choices import FULL_ID_NUMBER_ROLES
from ohs.registry.queries import get_employer_for
from ohs.workers import queries, services
from ohs.workers.models import Worker
from ohs.workers.schemas import WorkerFilter, WorkerIn, WorkerOut

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


@router.post("/workers", response={201: WorkerOut})
def register_worker(request: HttpRequest, payload: WorkerIn) -> tuple[int, Worker]:
    """Register a worker at an employer the caller may change."""
    actor = require_perm(request, "workers.add_worker")
    employer = get_employer_for(actor, payload.employer_id, Action.CHANGE) if payload.employer_id else None
    worker = services.register_worker(
        actor=actor, name=payload.name, id_number=payload.id_number, employer=employer, phone=payload.phone
    )
    return 201, worker


@router.get("/workers/{worker_id}/id-number", response=IdNumberOut)
def reveal_id_number(request: HttpRequest, worker_id: int) -> dict[str, str]:
    """The full ID number; only for roles that act on identity, and written to the access log."""
    actor = require_perm(request, "workers.view_worker")
    worker = queries.get_worker_for(actor, worker_id)
    if actor.role not in FULL_ID_NUMBER_ROLES and actor.worker_id != worker.pk:
        raise PermissionDenied("your role does not see full ID numbers")
    return {"id_number": services.reveal_id_number(actor=actor, worker=worker)}
