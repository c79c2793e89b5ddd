"""An exam world on top of the personas: posts with declared hazards at both employers, an exam
institution (exam_staff's) registered for dust, chemical and physical hazards, one site, and
capacity for the coming days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from ohs.core.actor import SYSTEM_ACTOR
from ohs.exams import services
from ohs.exams.models import ExamInstitution, ExamSite
from ohs.hazards.models import Agent
from ohs.orgs.models import Organisation
from ohs.registry import services as registry
from ohs.registry.choices import DeclarationStatus
from ohs.registry.models import Declaration, Employer
from ohs.registry.services import PostData
from ohs.testing.personas import World
from ohs.workers.models import Employment

HAZARDS_A = ("噪声", "苯", "电焊烟尘")
HAZARDS_B = ("噪声",)
EXAM_DAY_OFFSET = 5
PLACES = 10


@dataclass
class ExamWorld(World):
    institution: ExamInstitution
    site: ExamSite
    exam_on: dt.date


def declare_post(world: World, label: str, hazards: tuple[str, ...], worker: str | None = None) -> int:
    employer: Employer = world.employers[label]
    manager = world.actor(f"mgr_{label.lower()}")
    workplace = registry.add_workplace(actor=manager, employer=employer, name="一车间")
    post = registry.add_post(actor=manager, employer=employer, data=PostData(workplace.pk, "电焊工"))
    if worker:
        Employment.objects.filter(worker=world.workers[worker]).update(post=post)
    declaration = Declaration.objects.create(
        employer=employer,
        kind="first",
        event="registration",
        event_on=timezone.localdate(),
        due_on=timezone.localdate(),
    )
    for name in hazards:
        declaration.items.create(post=post, agent=Agent.objects.get(name_zh=name), exposed_workers=1)
    Declaration.objects.filter(pk=declaration.pk).update(status=DeclarationStatus.ACCEPTED, decided_at=timezone.now())
    return post.pk


def make_institution(world: World, categories: tuple[str, ...] = ("dust", "chemical", "physical")) -> ExamInstitution:
    org = Organisation.objects.get(users__username="exam_staff")
    return services.register_institution(actor=SYSTEM_ACTOR, organisation=org, hazard_categories=categories)


def publish(institution: ExamInstitution, site: ExamSite, exam_on: dt.date, places: int, category: str = "pre") -> None:
    entries = [
        services.CapacityEntry(site.pk, exam_on, category, hazard, places) for hazard in institution.hazard_categories
    ]
    services.publish_capacity(actor=SYSTEM_ACTOR, institution=institution, entries=entries)


@pytest.fixture
def exam_world(world: World) -> ExamWorld:
    declare_post(world, "A", HAZARDS_A, "worker_a")
    declare_post(world, "B", HAZARDS_B, "worker_b")
    institution = make_institution(world)
    site = services.add_site(
        actor=SYSTEM_ACTOR, institution=institution, name="总院", address="杭州市", county_code="330102"
    )
    exam_on = timezone.localdate() + dt.timedelta(days=EXAM_DAY_OFFSET)
    publish(institution, site, exam_on, PLACES)
    return ExamWorld(world.users, world.employers, world.workers, institution, site, exam_on)
