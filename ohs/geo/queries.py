"""Region choices for forms and filters, limited to what the actor governs."""

from __future__ import annotations

from ohs.core.actor import Actor
from ohs.geo.models import Region


def county_choices_for(actor: Actor, current: str | None = None) -> list[tuple[str, str]]:
    """Counties the actor governs (all of them for the province), as (code, 市 县) pairs; an
    actor that governs nothing keeps the record's ``current`` county."""
    counties = Region.objects.counties().select_related("parent")
    if not actor.is_superuser:
        span = actor.jurisdiction
        if span is not None:
            counties = counties.filter(code__gte=span.lo, code__lt=span.hi)
        else:
            counties = counties.filter(code=current or "")
    return [(r.code, f"{r.parent.name if r.parent else ''} {r.name}") for r in counties]
