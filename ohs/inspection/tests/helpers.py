"""A small pool for draw tests: employers, inspectors with a declared conflict, fake hooks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from ohs.core import supervision
from ohs.core.actor import SYSTEM_ACTOR, Actor
from ohs.inspection.choices import ConflictRelation
from ohs.inspection.models import Inspector, InspectorConflict
from ohs.orgs.models import User
from ohs.orgs.services import create_user
from ohs.registry.choices import EmployerStatus
from ohs.registry.models import Employer
from ohs.testing.personas import COUNTY_A, COUNTY_B, World


@dataclass
class Pool:
    employers: list[Employer]
    monitored: Employer
    conflicted: Employer
    conflicted_inspector: Inspector
    inspectors: list[Inspector]


def _user(world: World, name: str, persona: str) -> User:
    org = world.users[persona].organisation
    return create_user(
        actor=SYSTEM_ACTOR, username=name, password="Persona#2026pw", role="inspector", organisation=org, full_name=name
    )


def build_pool(world: World, monkeypatch: pytest.MonkeyPatch) -> Pool:
    extra = [
        Employer.objects.create(
            uscc=f"9133010200000{i:04d}X"[:18],
            name=f"抽查企业{i}",
            county_id=COUNTY_A if i % 2 else COUNTY_B,
            status=EmployerStatus.CONFIRMED,
            industry_code="301",
        )
        for i in range(10)
    ]
    for employer in world.employers.values():
        Employer.objects.filter(pk=employer.pk).update(status=EmployerStatus.CONFIRMED)
    employers = [*world.employers.values(), *extra]
    inspectors = [Inspector.objects.create(user=world.users["sc_inspector"], county_id=COUNTY_A)]
    inspectors.append(Inspector.objects.create(user=world.users["hs_inspector"], county_id=COUNTY_B))
    for n in range(2):
        inspectors.append(
            Inspector.objects.create(user=_user(world, f"sc_extra{n}", "sc_inspector"), county_id=COUNTY_A)
        )
        inspectors.append(
            Inspector.objects.create(user=_user(world, f"hs_extra{n}", "hs_inspector"), county_id=COUNTY_B)
        )
    conflicted = extra[1]  # in 上城区
    InspectorConflict.objects.create(
        inspector=inspectors[0],
        county_id=COUNTY_A,
        employer=conflicted,
        relation=ConflictRelation.RELATIVE,
        reason="配偶在该单位任职",
        since_on=dt.date(2020, 1, 1),
    )
    monitored = extra[3]
    monkeypatch.setattr(
        supervision, "_coverage", [lambda ids: {monitored.pk: frozenset(f"OH{i:02d}" for i in range(1, 13))}]
    )
    return Pool(employers, monitored, conflicted, inspectors[0], inspectors)


def fake_enforcement(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """An action-code issuer and a case opener like the enforcement app's, recording calls."""
    calls: list[dict[str, Any]] = []

    def issuer(actor: Actor, start: supervision.ActStart) -> str:
        calls.append({"kind": start.kind, "employer": start.employer_id})
        return f"ACT-{start.county_id}-{len(calls):04d}"

    def opener(actor: Actor, *, action_code: str, start: supervision.ActStart, findings: str) -> Any:
        calls.append({"case": action_code, "findings": findings, "article": start.extra.get("article")})
        return Employer.objects.get(pk=start.employer_id)

    monkeypatch.setattr(supervision, "_issuer", [issuer])
    monkeypatch.setattr(supervision, "_case_opener", [opener])
    return calls
