"""Employer API: thin handlers over queries and services."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from ohs.core.api import require_perm
from ohs.core.archives import FileKind, build_file, file_as_json
from ohs.core.querysets import Action
from ohs.core.workflow import transition
from ohs.registry import queries, services
from ohs.registry.models import Employer
from ohs.registry.schemas import EmployerFilter, EmployerIn, EmployerOut
from ohs.registry.services import EmployerData
from ohs.registry.workflow import EMPLOYER_WORKFLOW

router = Router(tags=["registry"])


@router.get("/employers", response=list[EmployerOut])
@paginate(PageNumberPagination)
def list_employers(request: HttpRequest, filters: Query[EmployerFilter]) -> QuerySet[Employer]:
    """Employers the caller may see, newest first; filter by text, county and status."""
    queryset = queries.list_employers_for(require_perm(request, "registry.view_employer")).order_by("-pk")
    if filters.q:
        queryset = queries.search_employers(queryset, filters.q)
    if filters.county:
        queryset = queryset.filter(county_id=filters.county)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset


@router.get("/employers/{employer_id}", response=EmployerOut)
def get_employer(request: HttpRequest, employer_id: int) -> Employer:
    return queries.get_employer_for(require_perm(request, "registry.view_employer"), employer_id)


@router.post("/employers", response={201: EmployerOut})
def register_employer(request: HttpRequest, payload: EmployerIn) -> Status[Employer]:
    """Register an employer (regulators; confirmed at once)."""
    actor = require_perm(request, "registry.add_employer")
    if not actor.is_supervising and not actor.is_superuser:
        raise PermissionDenied("only a regulator may register an employer through the API")
    return Status(201, services.register_employer(actor=actor, data=EmployerData(**payload.dict())))


@router.put("/employers/{employer_id}", response=EmployerOut)
def update_employer(request: HttpRequest, employer_id: int, payload: EmployerIn) -> Employer:
    actor = require_perm(request, "registry.change_employer")
    employer = queries.get_employer_for(actor, employer_id, Action.CHANGE)
    return services.update_employer(actor=actor, employer=employer, data=EmployerData(**payload.dict()))


@router.post("/employers/{employer_id}/transitions/{name}", response=EmployerOut)
def transition_employer(request: HttpRequest, employer_id: int, name: str) -> Employer:
    """Take a named transition: confirmed, closed, reopened."""
    actor = require_perm(request, "registry.change_employer")
    employer = queries.get_employer_for(actor, employer_id, Action.CHANGE)
    transition(EMPLOYER_WORKFLOW, actor, employer, name)
    return employer


@router.get("/employers/{employer_id}/file")
def employer_file(request: HttpRequest, employer_id: int) -> dict[str, object]:
    """一企一案: the enterprise file, as sections and one timeline."""
    actor = require_perm(request, "registry.view_employer")
    employer = queries.get_employer_for(actor, employer_id)
    return file_as_json(build_file(FileKind.ENTERPRISE, actor, employer))
