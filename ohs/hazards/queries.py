"""Reading the hazard catalogue, at the current version or as it stood at any earlier one.

The catalogue is public reference data: every logged-in actor reads all of it, so these
queries take the actor for the common signature but narrow nothing by jurisdiction.
"""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.text import pinyin_initials
from ohs.hazards.models import (
    Agent,
    AgentQuerySet,
    CatalogueVersion,
    LimitValue,
    LimitValueQuerySet,
    OccupationalDisease,
    RuleParameter,
    RuleParameterQuerySet,
)

CAS_RE = re.compile(r"^\d{2,7}-\d{2}-\d$")
# Below this length a pinyin term matches initials from the start only ("b" is not every 苯).
MIN_INFIX_INITIALS = 3


def agent_initials(name_zh: str) -> str:
    """Pinyin initials of a Chinese name, letters and digits only: 二甲苯(全部异构体) -> ejbqbygt."""
    return "".join(ch for ch in pinyin_initials(name_zh) if ch.isascii() and ch.isalnum())


def search_agents(queryset: QuerySet[Agent], term: str) -> QuerySet[Agent]:
    """By Chinese name, pinyin initials (jb -> 甲苯), English name or CAS number (71-43-2)."""
    term = term.strip()
    if CAS_RE.match(term):
        return queryset.filter(cas=term)
    condition = Q(name_zh__icontains=term) | Q(name_en__icontains=term) | Q(cas__startswith=term)
    initials = term.lower()
    if initials.isascii() and initials.isalnum():
        lookup = "name_initials__contains" if len(initials) >= MIN_INFIX_INITIALS else "name_initials__startswith"
        condition |= Q(**{lookup: initials})
    return queryset.filter(condition)


def list_agents_for(actor: Actor) -> AgentQuerySet:
    """Active agents with their current limits and lowest confidence."""
    return Agent.objects.filter(is_active=True).with_current_limits()


def get_agent_for(actor: Actor, agent_id: int) -> Agent:
    """One agent with its current limits and lowest confidence, 404 when absent."""
    return get_object_or_404(Agent.objects.with_current_limits(), pk=agent_id)


def current_version() -> CatalogueVersion:
    """The latest catalogue version (version 1 is the reference load)."""
    latest = CatalogueVersion.objects.order_by("-number").first()
    if latest is None:
        raise DomainError(ErrorCode.NOT_FOUND, "the hazard catalogue has not been loaded")
    return latest


def resolve_version(number: int | None) -> int:
    """The version a reader asked for, or the current one; an unknown number names the field."""
    if number is None:
        return current_version().number
    if not CatalogueVersion.objects.filter(number=number).exists():
        raise DomainError(ErrorCode.INVALID, f"catalogue version {number} does not exist", field="version")
    return number


def limits_as_of(version_number: int) -> LimitValueQuerySet:
    """Every limit value in force in catalogue version ``version_number``."""
    return LimitValue.objects.as_of(version_number).order_by("agent_id", "position", "pk")  # type: ignore[return-value]


def get_agent_limits(agent: Agent, version: int | None = None) -> list[LimitValue]:
    """An agent's limits in force at ``version`` (default: now), in reference order."""
    number = resolve_version(version)
    return list(limits_as_of(number).filter(agent=agent).select_related("introduced_in"))


def agent_history(agent: Agent) -> QuerySet[LimitValue]:
    """Every limit value the agent ever had, newest version first, with its versions."""
    return (
        LimitValue.objects.filter(agent=agent)
        .select_related("introduced_in", "superseded_in")
        .order_by("-introduced_in_id", "position")
    )


def list_versions() -> QuerySet[CatalogueVersion]:
    """All catalogue versions, newest first."""
    return CatalogueVersion.objects.order_by("-number")


def version_changes(number: int) -> QuerySet[LimitValue]:
    """The limit values a version introduced or superseded."""
    return (
        LimitValue.objects.filter(Q(introduced_in_id=number) | Q(superseded_in_id=number))
        .select_related("agent", "introduced_in", "superseded_in")
        .order_by("agent__name_initials", "position", "introduced_in_id")
    )


def parameters_as_of(version_number: int) -> RuleParameterQuerySet:
    """Rule parameters in force in catalogue version ``version_number``."""
    return RuleParameter.objects.as_of(version_number).order_by("position", "pk")  # type: ignore[return-value]


def list_diseases() -> QuerySet[OccupationalDisease]:
    """Both disease catalogues, newest edition first, in catalogue order."""
    return OccupationalDisease.objects.order_by("-edition", "position")


def get_current_limit(limit_id: int) -> LimitValue:
    """A limit value to correct, 404 when absent (the service refuses a superseded one)."""
    return get_object_or_404(LimitValue.objects.select_related("agent"), pk=limit_id)
