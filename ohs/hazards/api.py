"""Hazard catalogue API: read at any catalogue version; provincial editors correct and add."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from ohs.core.api import require_perm
from ohs.hazards import queries, services
from ohs.hazards.models import Agent, CatalogueVersion, LimitValue, OccupationalDisease, RuleParameter
from ohs.hazards.schemas import (
    AgentAtVersionOut,
    AgentFilter,
    AgentIn,
    AgentOut,
    DiseaseOut,
    LimitCorrectionIn,
    LimitFilter,
    LimitOut,
    NewLimitIn,
    ParameterOut,
    VersionOut,
)
from ohs.hazards.services import AgentData, LimitCorrection, NewLimit

router = Router(tags=["hazards"])
VIEW = "hazards.view_agent"


@router.get("/agents", response=list[AgentOut])
@paginate(PageNumberPagination)
def list_agents(request: HttpRequest, filters: Query[AgentFilter]) -> QuerySet[Agent]:
    """Agents with their limits in force; search by Chinese name, pinyin initials, English name, CAS."""
    queryset = queries.list_agents_for(require_perm(request, VIEW)).order_by("name_initials", "pk")
    if filters.confidence:
        queryset = queryset.weakest_confidence(filters.confidence)
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    return queries.search_agents(queryset, filters.q) if filters.q else queryset


def _at_version(agent: Agent, version: int | None) -> Agent:
    number = queries.resolve_version(version)
    agent.limits_at_version = queries.get_agent_limits(agent, number)  # type: ignore[attr-defined]
    agent.version = number  # type: ignore[attr-defined]
    return agent


@router.get("/agents/{agent_id}", response=AgentAtVersionOut)
def get_agent(request: HttpRequest, agent_id: int, version: int | None = None) -> Agent:
    """One agent with the limits in force at ``version`` (default: the current version)."""
    return _at_version(queries.get_agent_for(require_perm(request, VIEW), agent_id), version)


@router.get("/agents/{agent_id}/history", response=list[LimitOut])
def agent_history(request: HttpRequest, agent_id: int) -> QuerySet[LimitValue]:
    """Every limit value the agent ever had, with the versions it was in force."""
    agent = queries.get_agent_for(require_perm(request, VIEW), agent_id)
    return queries.agent_history(agent)


@router.get("/limits", response=list[LimitOut])
@paginate(PageNumberPagination)
def list_limits(request: HttpRequest, filters: Query[LimitFilter]) -> QuerySet[LimitValue]:
    """Every limit in force at a catalogue version: what a decision that stored it used."""
    require_perm(request, VIEW)
    queryset = queries.limits_as_of(queries.resolve_version(filters.version))
    if filters.agent:
        queryset = queryset.filter(agent_id=filters.agent)
    if filters.metric:
        queryset = queryset.filter(metric=filters.metric)
    return queryset


@router.get("/versions", response=list[VersionOut])
@paginate(PageNumberPagination)
def list_versions(request: HttpRequest) -> QuerySet[CatalogueVersion]:
    """Catalogue versions, newest first; version 1 is the load of reference/."""
    require_perm(request, VIEW)
    return queries.list_versions()


@router.get("/parameters", response=list[ParameterOut])
def list_parameters(request: HttpRequest, version: int | None = None) -> QuerySet[RuleParameter]:
    """Rule figures (peak-exposure multiples, molar volume, noise grades) at a catalogue version."""
    require_perm(request, VIEW)
    return queries.parameters_as_of(queries.resolve_version(version))


@router.get("/diseases", response=list[DiseaseOut])
@paginate(PageNumberPagination)
def list_diseases(request: HttpRequest, edition: str | None = None) -> QuerySet[OccupationalDisease]:
    """The occupational disease catalogues (2013, 2024), in catalogue order."""
    require_perm(request, VIEW)
    queryset = queries.list_diseases()
    return queryset.filter(edition=edition) if edition else queryset


@router.post("/limits/{limit_id}/corrections", response={201: LimitOut})
def correct_limit(request: HttpRequest, limit_id: int, payload: LimitCorrectionIn) -> Status[LimitValue]:
    """Correct a value in force (provincial editors): a new catalogue version, the old value kept."""
    actor = require_perm(request, "hazards.change_limitvalue")
    limit = queries.get_current_limit(limit_id)
    return Status(201, services.correct_limit(actor=actor, limit=limit, correction=LimitCorrection(**payload.dict())))


@router.post("/agents/{agent_id}/limits", response={201: LimitOut})
def add_limit(request: HttpRequest, agent_id: int, payload: NewLimitIn) -> Status[LimitValue]:
    """Give an agent a limit it did not have (provincial editors), in a new catalogue version."""
    actor = require_perm(request, "hazards.add_limitvalue")
    agent = queries.get_agent_for(actor, agent_id)
    data = payload.dict()
    reason = data.pop("reason")
    return Status(201, services.add_limit(actor=actor, agent=agent, limit=NewLimit(**data), reason=reason))


@router.post("/agents", response={201: AgentAtVersionOut})
def add_agent(request: HttpRequest, payload: AgentIn) -> Status[Agent]:
    """Add an agent with its limits (provincial editors), in a new catalogue version."""
    actor = require_perm(request, "hazards.add_agent")
    data = payload.dict()
    limits = [NewLimit(**limit) for limit in data.pop("limits")]
    reason = data.pop("reason")
    agent = services.add_agent(actor=actor, data=AgentData(**data), limits=limits, reason=reason)
    return Status(201, _at_version(queries.get_agent_for(actor, agent.pk), None))
