"""Reading employers, always through the actor's scope."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ohs.core.actor import Actor
from ohs.core.querysets import Action
from ohs.core.rules.identity import InvalidIdentifier, clean_uscc
from ohs.registry.models import Employer


def list_employers_for(actor: Actor) -> QuerySet[Employer]:
    return Employer.objects.for_actor(actor).select_related("county", "county__parent")


def get_employer_for(actor: Actor, employer_id: int, action: Action = Action.VIEW) -> Employer:
    """One employer, 404 when absent or outside the actor's scope."""
    return Employer.objects.select_related("county", "county__parent").get_for(actor, action, pk=employer_id)


def search_employers(queryset: QuerySet[Employer], term: str) -> QuerySet[Employer]:
    """By name, pinyin initials (hzgt → 杭州钢铁) or credit code."""
    term = term.strip()
    try:
        return queryset.filter(uscc=clean_uscc(term))
    except InvalidIdentifier:
        pass
    return queryset.filter(
        Q(name__icontains=term) | Q(name_initials__startswith=term.lower()) | Q(uscc__startswith=term.upper())
    )
