"""Region lookups: public reference data (GB/T 2260), open to every authenticated caller."""

from django.db.models import F, QuerySet
from django.http import HttpRequest
from ninja import Router, Schema

from ohs.core.api import actor_of
from ohs.geo.models import Region

router = Router(tags=["geo"])


class RegionOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None


@router.get("/regions", response=list[RegionOut])
def list_regions(request: HttpRequest, within: str | None = None, level: str | None = None) -> QuerySet[Region]:
    """All regions, or those within a code (e.g. within=330100 for Hangzhou and its counties)."""
    actor_of(request)
    queryset = Region.objects.all()
    if within:
        queryset = queryset.within(within)
    if level:
        queryset = queryset.filter(level=level)
    return queryset.annotate(parent_code=F("parent_id")).order_by("code")
