"""Building detection projects for tests through the services, as an institution would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from freezegun import freeze_time

from ohs.core.actor import SYSTEM_ACTOR, Actor, actor_for_user
from ohs.detection import services
from ohs.detection.choices import SampleKind, SignatoryStatus
from ohs.detection.models import Equipment, PlanItem, Project, Sample, Signatory
from ohs.hazards.models import Agent
from ohs.orgs.choices import Role
from ohs.orgs.models import User
from ohs.orgs.services import create_user
from ohs.registry import services as registry
from ohs.registry.models import Declaration
from ohs.registry.services import PostData
from ohs.testing.personas import PASSWORD, World

METHOD = "GBZ/T 300.66-2017"
SIGNATORY = "service_signatory"
CERTIFICATE = "CMA-330100-0042"


@dataclass
class Site:
    declaration: Declaration
    welder: int
    grinder: int


def agent(name: str) -> Agent:
    return Agent.objects.get(name_zh=name)


def declared_site(world: World) -> Site:
    """Employer A: a welding shop with a welder (benzene, noise) and a grinder (silica dust), accepted."""
    mgr = world.actor("mgr_a")
    employer = world.employers["A"]
    shop = registry.add_workplace(actor=mgr, employer=employer, name="焊接车间")
    welder = registry.add_post(actor=mgr, employer=employer, data=PostData(shop.pk, "电焊工"))
    grinder = registry.add_post(actor=mgr, employer=employer, data=PostData(shop.pk, "打磨工"))
    declaration = registry.start_declaration(
        actor=mgr, employer=employer, event="process_change", event_on=timezone.localdate() - dt.timedelta(days=3)
    )
    for post, name, workers in ((welder, "苯", 6), (welder, "噪声", 6), (grinder, "矽尘", 3)):
        registry.add_item(
            actor=mgr, declaration=declaration, post_id=post.pk, agent_id=agent(name).pk, exposed_workers=workers
        )
    registry.submit_declaration(actor=mgr, declaration=declaration)
    registry.accept_declaration(actor=world.actor("sc_inspector"), declaration=declaration)
    return Site(declaration, welder.pk, grinder.pk)


def equipment(world: World, serial: str = "PUMP-001", valid_days: int = 180) -> Equipment:
    return services.register_equipment(
        actor=world.actor("service_staff"), name="个体采样泵", serial_number=serial,
        calibrated_until=timezone.localdate() + dt.timedelta(days=valid_days),
    )  # fmt: skip


def contracted(world: World) -> Project:
    return services.contract_project(
        actor=world.actor("service_staff"), employer=world.employers["A"], contract_number="HT-2026-001",
        contract_signed_on=timezone.localdate() - dt.timedelta(days=10), purpose="periodic",
    )  # fmt: skip


def item_of(project: Project, agent_name: str) -> PlanItem:
    return PlanItem.objects.get(project=project, agent__name_zh=agent_name)


def plan(actor: Actor, item: PlanItem, kind: str, samples: int, **extra: object) -> PlanItem:
    data = services.PlanItemData(
        sample_kind=kind, samples_planned=samples, duration_minutes=120, exposure_hours=Decimal(8),
        method_standard=METHOD, **extra,  # type: ignore[arg-type]
    )  # fmt: skip
    return services.update_plan_item(actor=actor, item=item, data=data)


def planned(world: World) -> Project:
    """A project surveyed from the declaration, with benzene C_TWA, noise and silica dust planned."""
    actor = world.actor("service_staff")
    project = contracted(world)
    services.survey_from_declaration(actor=actor, project=project)
    services.finish_survey(actor=actor, project=project, process_description="焊接、打磨")
    plan(actor, item_of(project, "苯"), SampleKind.TWA, 3)
    plan(actor, item_of(project, "噪声"), SampleKind.NOISE, 1)
    plan(actor, item_of(project, "矽尘"), SampleKind.DUST_TOTAL, 1, free_silica_percent=Decimal(30))
    services.confirm_plan(actor=actor, project=project)
    return project


def take(world: World, project: Project, item: PlanItem, pump: Equipment, at: dt.datetime, minutes: int) -> Sample:
    """Start at ``at`` and stop ``minutes`` later (the server's clock, frozen for the test)."""
    actor = world.actor("service_staff")
    air = item.sample_kind != SampleKind.NOISE
    flow = Decimal("2.000") if air else None
    with freeze_time(at):
        sample = services.start_sample(
            actor=actor,
            project=project,
            plan_item=item,
            equipment=pump,
            location="焊接工位1",
            flow_before_l_per_min=flow,
        )
    with freeze_time(at + dt.timedelta(minutes=minutes)):
        return services.finish_sample(
            actor=actor, sample=sample, flow_after_l_per_min=Decimal("2.020") if air else None
        )


def result(world: World, sample: Sample, mg_per_m3: str, volume_l: str = "240") -> Sample:
    """Record the lab result with a mass consistent with the concentration and volume."""
    value = Decimal(mg_per_m3)
    volume = Decimal(volume_l)
    data = services.ResultData(value=value, mass_ug=value * volume, volume_l=volume, lod=Decimal("0.05"))
    return services.record_result(actor=world.actor("service_staff"), sample=sample, data=data)


def sampled(world: World, benzene: tuple[str, ...] = ("2.0", "4.0", "5.0")) -> Project:
    """A planned project sampled and analysed: benzene at the given C (8 h exposure), noise 88 dB(A), silica 0.5."""
    project = planned(world)
    pump = equipment(world)
    start = timezone.now().replace(hour=8, minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
    for i, value in enumerate(benzene):
        result(world, take(world, project, item_of(project, "苯"), pump, start + dt.timedelta(hours=i), 60), value)
    noise = take(world, project, item_of(project, "噪声"), pump, start, 30)
    services.record_result(actor=world.actor("service_staff"), sample=noise, data=services.ResultData(Decimal("88")))
    result(world, take(world, project, item_of(project, "矽尘"), pump, start, 120), "0.5")
    project.refresh_from_db()
    services.finish_sampling(actor=world.actor("service_staff"), project=project)
    return project


def signatory_user(world: World) -> User:
    """A second person of the institution (not the reviewer), not yet registered."""
    staff = world.user("service_staff")
    return User.objects.filter(username=SIGNATORY).first() or create_user(
        actor=SYSTEM_ACTOR, username=SIGNATORY, password=PASSWORD, role=Role.SERVICE_STAFF,
        organisation=staff.organisation, full_name="王签字",
    )  # fmt: skip


def register(world: World, user: User, scope: services.ScopeData | None = None, *, valid_days: int = 365) -> Signatory:
    """service_staff registers ``user`` as the institution's signatory (every item unless ``scope``)."""
    today = timezone.localdate()
    data = services.SignatoryData(
        user_id=user.pk, name=user.full_name, basis="检验检测机构资质认定证书（授权签字人）",
        certificate_number=CERTIFICATE, valid_from=today - dt.timedelta(days=30),
        valid_until=today + dt.timedelta(days=valid_days), scope=scope or services.ScopeData(covers_all=True),
    )  # fmt: skip
    return services.register_signatory(actor=world.actor("service_staff"), data=data)


def signatory(world: World) -> Actor:
    """The institution's registered authorised signatory (every item), another person than the reviewer."""
    user = signatory_user(world)
    if not Signatory.objects.filter(user=user, status=SignatoryStatus.ACTIVE).exists():
        register(world, user)
    return actor_for_user(user)


def issued(world: World) -> Project:
    project = sampled(world)
    actor = world.actor("service_staff")
    services.review_project(actor=actor, project=project)
    services.approve_project(actor=signatory(world), project=project)
    services.issue_report(actor=actor, project=project)
    return project
