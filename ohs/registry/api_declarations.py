"""Declaration API (employers' systems declare; regulators accept or return)."""

from decimal import Decimal

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from ohs.core.actor import Actor
from ohs.core.api import require_perm
from ohs.core.documents import current_document_for
from ohs.core.querysets import Action
from ohs.registry import queries, services
from ohs.registry.models import Contact, Declaration, Employer, Post
from ohs.registry.receipts import RECEIPT_KIND
from ohs.registry.schemas import (
    ContactIn,
    ContactOut,
    DeclarationIn,
    DeclarationItemIn,
    DeclarationOut,
    IdOut,
    PostIn,
    PostOut,
    ReturnIn,
    WorkplaceIn,
)
from ohs.registry.services import ContactData, PostData

router = Router(tags=["registry"])


def _out(declaration: Declaration) -> Declaration:
    receipt = current_document_for(declaration, RECEIPT_KIND)
    declaration.receipt_code = receipt.verification_code if receipt else None  # type: ignore[attr-defined]
    return declaration


@router.get("/declarations", response=list[DeclarationOut])
@paginate(PageNumberPagination)
def list_declarations(
    request: HttpRequest, status: str | None = None, employer_id: int | None = None
) -> QuerySet[Declaration]:
    queryset = queries.list_declarations_for(require_perm(request, "registry.view_declaration")).prefetch_related(
        "items__agent"
    )
    if status:
        queryset = queryset.filter(status=status)
    if employer_id:
        queryset = queryset.filter(employer_id=employer_id)
    return queryset.order_by("-pk")


@router.get("/declarations/{declaration_id}", response=DeclarationOut)
def get_declaration(request: HttpRequest, declaration_id: int) -> Declaration:
    return _out(queries.get_declaration_for(require_perm(request, "registry.view_declaration"), declaration_id))


@router.post("/declarations", response={201: DeclarationOut})
def start_declaration(request: HttpRequest, payload: DeclarationIn) -> Status[Declaration]:
    actor = require_perm(request, "registry.add_declaration")
    employer = queries.get_employer_for(actor, payload.employer_id, Action.CHANGE)
    declaration = services.start_declaration(
        actor=actor, employer=employer, event=payload.event, event_on=payload.event_on
    )
    return Status(201, _out(declaration))


@router.post("/declarations/{declaration_id}/items", response={201: DeclarationOut})
def add_item(request: HttpRequest, declaration_id: int, payload: DeclarationItemIn) -> Status[Declaration]:
    actor = require_perm(request, "registry.change_declaration")
    declaration = queries.get_declaration_for(actor, declaration_id, Action.CHANGE)
    services.add_item(actor=actor, declaration=declaration, **payload.dict())
    return Status(201, _out(declaration))


@router.post("/declarations/{declaration_id}/submit", response=DeclarationOut)
def submit(request: HttpRequest, declaration_id: int) -> Declaration:
    actor = require_perm(request, "registry.change_declaration")
    declaration = queries.get_declaration_for(actor, declaration_id, Action.CHANGE)
    return _out(services.submit_declaration(actor=actor, declaration=declaration))


@router.post("/declarations/{declaration_id}/accept", response=DeclarationOut)
def accept(request: HttpRequest, declaration_id: int) -> Declaration:
    actor = require_perm(request, "registry.change_declaration")
    declaration = queries.get_declaration_for(actor, declaration_id, Action.CHANGE)
    return _out(services.accept_declaration(actor=actor, declaration=declaration))


@router.post("/declarations/{declaration_id}/return", response=DeclarationOut)
def return_for_correction(request: HttpRequest, declaration_id: int, payload: ReturnIn) -> Declaration:
    actor = require_perm(request, "registry.change_declaration")
    declaration = queries.get_declaration_for(actor, declaration_id, Action.CHANGE)
    return _out(services.return_declaration(actor=actor, declaration=declaration, reason=payload.reason))


@router.get("/declarations/{declaration_id}/receipt.pdf")
def receipt(request: HttpRequest, declaration_id: int) -> FileResponse:
    """The receipt PDF (with its verification QR) once the declaration is accepted."""
    declaration = queries.get_declaration_for(require_perm(request, "registry.view_declaration"), declaration_id)
    document = current_document_for(declaration, RECEIPT_KIND)
    if document is None:
        raise Http404
    return FileResponse(document.file.open("rb"), content_type="application/pdf")


def _employer(request: HttpRequest, employer_id: int) -> tuple[Actor, Employer]:
    actor = require_perm(request, "registry.change_employer")
    return actor, queries.get_employer_for(actor, employer_id, Action.CHANGE)


@router.post("/employers/{employer_id}/workplaces", response={201: IdOut})
def add_workplace(request: HttpRequest, employer_id: int, payload: WorkplaceIn) -> Status[object]:
    actor, employer = _employer(request, employer_id)
    return Status(
        201, services.add_workplace(actor=actor, employer=employer, name=payload.name, address=payload.address)
    )


@router.post("/employers/{employer_id}/posts", response={201: IdOut})
def add_post(request: HttpRequest, employer_id: int, payload: PostIn) -> Status[object]:
    actor, employer = _employer(request, employer_id)
    data = PostData(
        workplace_id=payload.workplace_id,
        name=payload.name,
        shift_hours_per_day=Decimal(str(payload.shift_hours_per_day)),
        days_per_week=Decimal(str(payload.days_per_week)),
    )
    return Status(201, services.add_post(actor=actor, employer=employer, data=data))


@router.get("/employers/{employer_id}/posts", response=list[PostOut])
def list_posts(request: HttpRequest, employer_id: int) -> QuerySet[Post]:
    """The employer's posts with their workplaces (for declarations and rosters)."""
    actor = require_perm(request, "registry.view_employer")
    employer = queries.get_employer_for(actor, employer_id)
    return Post.objects.filter(employer=employer).select_related("workplace").order_by("workplace__name", "name")


@router.get("/employers/{employer_id}/contacts", response=list[ContactOut])
def list_contacts(request: HttpRequest, employer_id: int) -> QuerySet[Contact]:
    actor = require_perm(request, "registry.view_employer")
    return Contact.objects.filter(employer=queries.get_employer_for(actor, employer_id))


@router.post("/employers/{employer_id}/contacts", response={201: ContactOut})
def add_contact(request: HttpRequest, employer_id: int, payload: ContactIn) -> Status[Contact]:
    """Record the principal person or an occupational-health manager."""
    actor, employer = _employer(request, employer_id)
    return Status(201, services.add_contact(actor=actor, employer=employer, data=ContactData(**payload.dict())))
