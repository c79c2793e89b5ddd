"""May this authorised signatory (授权签字人) sign this project's results?

An institution's qualification (资质认定, CMA) names the persons who may sign its reports and
for which measurement items; a signatory signs only within that scope and while the
authorisation is in force (RB/T 214-2017, the general requirements of inspection and testing
bodies, on authorised signatories; reference/ holds no copy, so no clause is quoted here).

A scope is "all", a set of hazard categories of the catalogue (职业病危害因素分类目录: dust,
chemical, physical, ...) and/or single agents, as a CMA scope lists parameters one by one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class AgentRef:
    """A hazard measured in the project: catalogue id, Chinese name, category code."""

    agent_id: int
    name: str
    category: str


@dataclass(frozen=True, slots=True)
class Scope:
    """What a signatory may sign for: everything, whole categories, or listed agents."""

    covers_all: bool = False
    categories: frozenset[str] = frozenset()
    agent_ids: frozenset[int] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.covers_all or self.categories or self.agent_ids)

    def covers(self, agent: AgentRef) -> bool:
        return self.covers_all or agent.category in self.categories or agent.agent_id in self.agent_ids


def outside_scope(scope: Scope, agents: Iterable[AgentRef]) -> list[AgentRef]:
    """The agents the scope does not cover, each once, in the order given."""
    seen: set[int] = set()
    missing = []
    for agent in agents:
        if agent.agent_id not in seen and not scope.covers(agent):
            missing.append(agent)
        seen.add(agent.agent_id)
    return missing


class Standing(StrEnum):
    VALID = "valid"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    REVOKED = "revoked"


def standing_on(day: dt.date, *, valid_from: dt.date, valid_until: dt.date, is_revoked: bool) -> Standing:
    """The authorisation's standing on ``day``; both ends of the period count as valid."""
    if is_revoked:
        return Standing.REVOKED
    if day < valid_from:
        return Standing.NOT_YET_VALID
    if day > valid_until:
        return Standing.EXPIRED
    return Standing.VALID


class PeriodProblem(StrEnum):
    ENDS_BEFORE_START = "ends_before_start"
    ALREADY_OVER = "already_over"


def period_problem(valid_from: dt.date, valid_until: dt.date, today: dt.date) -> PeriodProblem | None:
    """What is wrong with a validity period, or None: it ends on or after its start and is not
    already over (an authorisation that has ended is not registered or extended into the past)."""
    if valid_until < valid_from:
        return PeriodProblem.ENDS_BEFORE_START
    if valid_until < today:
        return PeriodProblem.ALREADY_OVER
    return None
