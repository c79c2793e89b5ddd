"""A small named world, built through the services so audit and outbox rows exist as in
production: two cities with a county each, regulators and inspectors, two employers in
different counties with a worker each, and one organisation of every other kind.

    Hangzhou 330100 ── 上城区 330102: sc_inspector, employer A (mgr_a), worker_a
    Ningbo   330200 ── 海曙区 330203: hs_inspector, employer B (mgr_b), worker_b
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.test import Client

from ohs.core.actor import SYSTEM_ACTOR, Actor, actor_for_user
from ohs.orgs.choices import OrgKind, Role
from ohs.orgs.models import Organisation, User
from ohs.orgs.services import create_organisation, create_user
from ohs.registry.models import Employer
from ohs.registry.services import EmployerData, register_employer
from ohs.workers.models import Worker
from ohs.workers.services import register_worker

PASSWORD = "Persona#2026pw"  # noqa: S105 - test personas only
COUNTY_A, COUNTY_B = "330102", "330203"
# Valid codes with correct check characters (GB 32100-2015, GB 11643-1999).
EMPLOYER_A_USCC = "91330102945807305B"
EMPLOYER_B_USCC = "913302032157368167"
WORKER_A_ID = "330102199003070131"
WORKER_B_ID = "330203198511203524"

# username → (role, organisation key)
STAFF: dict[str, tuple[str, str]] = {
    "prov_regulator": (Role.REGULATOR, "regulator:330000"),
    "prov_cdc": (Role.CDC_STAFF, "cdc:330000"),
    "hz_regulator": (Role.REGULATOR, "regulator:330100"),
    "sc_inspector": (Role.INSPECTOR, "enforcement:330102"),
    "hs_inspector": (Role.INSPECTOR, "enforcement:330203"),
    "sc_coordinator": (Role.COORDINATOR, "township:330102"),
    "mgr_a": (Role.EMPLOYER_MANAGER, "employer:A"),
    "mgr_b": (Role.EMPLOYER_MANAGER, "employer:B"),
    "exam_staff": (Role.EXAM_STAFF, "exam_institution:330100"),
    "service_staff": (Role.SERVICE_STAFF, "service_institution:330100"),
    "diagnosis_staff": (Role.DIAGNOSIS_STAFF, "diagnosis_institution:330100"),
    "appraisal_staff": (Role.APPRAISAL_STAFF, "appraisal_office:330100"),
    "rehab_staff": (Role.REHAB_STAFF, "rehab_station:330102"),
    "expert": (Role.EXPERT, "expert_group:330000"),
    "auditor": (Role.SECURITY_AUDITOR, "platform:330000"),
    "sysadmin": (Role.SYSADMIN, "platform:330000"),
}
PERSONA_HIRED_ON = dt.date(2020, 3, 1)
WORKERS = {"worker_a": ("A", WORKER_A_ID, "张三"), "worker_b": ("B", WORKER_B_ID, "李四")}


@dataclass
class World:
    users: dict[str, User]
    employers: dict[str, Employer]
    workers: dict[str, Worker]

    def user(self, name: str) -> User:
        return self.users[name]

    def actor(self, name: str) -> Actor:
        return actor_for_user(User.objects.get(pk=self.users[name].pk))

    def client(self, name: str | None) -> Client:
        """A logged-in test client for the persona (anonymous for None)."""
        client = Client()
        if name is not None:
            client.force_login(self.users[name])
        return client


def _organisations() -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for _role, key in STAFF.values():
        kind, region = key.split(":")
        if kind != "employer" and key not in orgs:
            orgs[key] = create_organisation(actor=SYSTEM_ACTOR, name=f"{kind}-{region}", kind=kind, region_code=region)
    return orgs


def _employers(orgs: dict[str, Organisation]) -> dict[str, Employer]:
    employers = {}
    for label, uscc, county in (("A", EMPLOYER_A_USCC, COUNTY_A), ("B", EMPLOYER_B_USCC, COUNTY_B)):
        employer = register_employer(
            actor=SYSTEM_ACTOR, data=EmployerData(uscc=uscc, name=f"企业{label}", county_code=county)
        )
        org = create_organisation(
            actor=SYSTEM_ACTOR, name=employer.name, kind=OrgKind.EMPLOYER, region_code=county, uscc=uscc
        )
        Employer.objects.filter(pk=employer.pk).update(organisation=org)
        employer.refresh_from_db()
        orgs[f"employer:{label}"] = org
        employers[label] = employer
    return employers


def build_world() -> World:
    """Create the personas; call once per database."""
    orgs = _organisations()
    employers = _employers(orgs)
    users = {
        name: create_user(
            actor=SYSTEM_ACTOR, username=name, password=PASSWORD, role=role, organisation=orgs[key], full_name=name
        )
        for name, (role, key) in STAFF.items()
    }
    workers = {}
    for name, (label, number, person) in WORKERS.items():
        worker = register_worker(
            actor=SYSTEM_ACTOR, name=person, id_number=number, employer=employers[label], started_on=PERSONA_HIRED_ON
        )
        users[name] = create_user(
            actor=SYSTEM_ACTOR, username=name, password=PASSWORD, role=Role.WORKER, organisation=None
        )
        Worker.objects.filter(pk=worker.pk).update(user=users[name])
        workers[name] = worker
    return load_world()


def load_world() -> World:
    """The personas already in the database (None of them missing)."""
    names = [*STAFF, *WORKERS]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    employers = {e.name[-1]: e for e in Employer.objects.filter(uscc__in=[EMPLOYER_A_USCC, EMPLOYER_B_USCC])}
    workers = {name: Worker.objects.get(user__username=name) for name in WORKERS}
    return World(users=users, employers=employers, workers=workers)


def get_or_build_world(**_: Any) -> World:
    if User.objects.filter(username="prov_regulator").exists():
        return load_world()
    return build_world()
