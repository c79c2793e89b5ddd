from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from ohs.core.api import actor_of, require_perm
from ohs.orgs import queries
from ohs.orgs.models import Organisation

router = Router(tags=["orgs"])


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    region_code: str = Field(..., alias="region_id")
    uscc: str
    is_active: bool


class MeOut(Schema):
    label: str
    role: str
    organisation_id: int | None
    org_kind: str | None
    region_code: str | None


@router.get("/organisations", response=list[OrganisationOut])
@paginate(PageNumberPagination)
def list_organisations(request: HttpRequest, kind: str | None = None) -> QuerySet[Organisation]:
    queryset = queries.list_organisations_for(require_perm(request, "orgs.view_organisation")).order_by("pk")
    return queryset.filter(kind=kind) if kind else queryset


@router.get("/organisations/{org_id}", response=OrganisationOut)
def get_organisation(request: HttpRequest, org_id: int) -> Organisation:
    return queries.get_organisation_for(require_perm(request, "orgs.view_organisation"), org_id)


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> object:
    """Who the API sees: useful for an integrator checking a new token."""
    return actor_of(request)
