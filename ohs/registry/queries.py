"""Reading employers, always through the actor's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from ohs.core.actor import Actor
from ohs.core.querysets import Action
from ohs.core.rules.identity import InvalidIdentifier, clean_uscc
from ohs.registry.choices import DeclarationEvent, DeclarationKind, DeclarationStatus, EmployerStatus
from ohs.registry.models import Declaration, DeclarationItem, Employer
from ohs.registry.windows import declaration_windows


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


def list_declarations_for(actor: Actor) -> QuerySet[Declaration]:
    return Declaration.objects.for_actor(actor).select_related("employer")


def get_declaration_for(actor: Actor, declaration_id: int, action: Action = Action.VIEW) -> Declaration:
    return Declaration.objects.select_related("employer__county__parent").get_for(actor, action, pk=declaration_id)


@dataclass(frozen=True)
class DeclarationGaps:
    """What a county regulator must chase: missing first and annual declarations, open ones past
    their due date, and those submitted late."""

    today: dt.date
    annual_year: int
    missing_first: list[Employer]
    missing_annual: list[Employer]
    open_overdue: list[Declaration]
    submitted_late: list[Declaration]


LATE_LOOKBACK_DAYS = 365
GAP_LIST_LIMIT = 500  # a page for people; the Excel export of the declaration list has everything


def declaration_gaps_for(actor: Actor, today: dt.date) -> DeclarationGaps:
    """Gaps in the actor's jurisdiction as of ``today`` (the annual update checked for last year)."""
    employers = Employer.objects.for_actor(actor).filter(status=EmployerStatus.CONFIRMED).select_related("county")
    declarations = Declaration.objects.for_actor(actor).select_related("employer")
    filed = (DeclarationStatus.SUBMITTED, DeclarationStatus.ACCEPTED)
    first_window = declaration_windows()[(DeclarationKind.FIRST, DeclarationEvent.REGISTRATION)].days
    cutoff = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=first_window), dt.time.min))
    with_first = declarations.filter(status__in=filed).values("employer_id")
    year = today.year - 1
    with_annual = declarations.filter(status__in=filed, submitted_at__year=year).values("employer_id")
    registered_by = timezone.make_aware(dt.datetime(year, 12, 31))
    return DeclarationGaps(
        today=today,
        annual_year=year,
        missing_first=list(employers.filter(created_at__lt=cutoff).exclude(pk__in=with_first)[:GAP_LIST_LIMIT]),
        missing_annual=list(
            employers.filter(created_at__lt=registered_by).exclude(pk__in=with_annual)[:GAP_LIST_LIMIT]
        ),
        open_overdue=list(
            declarations.filter(status__in=(DeclarationStatus.DRAFT, DeclarationStatus.RETURNED), due_on__lt=today)[
                :GAP_LIST_LIMIT
            ]
        ),
        submitted_late=list(
            declarations.filter(is_late=True, submitted_at__date__gte=today - dt.timedelta(days=LATE_LOOKBACK_DAYS))[
                :GAP_LIST_LIMIT
            ]
        ),
    )


def latest_accepted_declaration(employer: Employer) -> Declaration | None:
    """The declaration in force: the most recently accepted one."""
    return Declaration.objects.accepted().filter(employer=employer).order_by("-decided_at", "-pk").first()


def declared_hazards_by_post(employer: Employer) -> dict[int, list[DeclarationItem]]:
    """Post id → the hazards declared there in the declaration in force."""
    declaration = latest_accepted_declaration(employer)
    if declaration is None:
        return {}
    result: dict[int, list[DeclarationItem]] = {}
    for item in declaration.items.select_related("agent"):
        result.setdefault(item.post_id, []).append(item)
    return result
