"""Demo hazard measurements: the Hangzhou technical service institution's projects for a few
Hangzhou employers with an accepted declaration — one report issued (with an exceedance),
one project sampling now, one just contracted. The login signer1 is registered (by service1) as
the institution's authorised signatory for dust, chemical and physical hazards, and approves.

Everything goes through the detection services, as the institution's system would call them.
The issued project's field samples, survey date and posts' schedules are then set to the demo's
working day (08:00 onwards, two hours each) so the report reads like a real one; this is a data
load, not a back-dated user record.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from ohs.core.actor import Actor, actor_for_user
from ohs.detection import services
from ohs.detection.choices import SampleKind
from ohs.detection.models import Equipment, PlanItem, Project, Sample, SurveyPost
from ohs.detection.services import PlanItemData, ResultData, ScopeData, SignatoryData
from ohs.hazards import oels
from ohs.hazards.choices import Category
from ohs.hazards.models import Agent
from ohs.hazards.rules.dust import choose_dust_oel
from ohs.hazards.rules.errors import RuleInputError
from ohs.hazards.rules.limits import DustOel
from ohs.orgs.choices import OrgKind, Role
from ohs.orgs.models import Organisation, User
from ohs.registry.choices import DeclarationStatus
from ohs.registry.models import Declaration, Employer

KEEPER, SIGNER = "service1", "signer1"  # who keeps the register, and the signatory it registers
# The signatory's scope: the categories a workplace-measurement CMA scope usually lists.
SIGNER_SCOPE = ScopeData(categories=(Category.DUST, Category.CHEMICAL, Category.PHYSICAL))
# A CMA certificate is valid six years (检验检测机构资质认定管理办法); the demo's authorisation runs with it.
CMA_CERTIFICATE_YEARS = 6
METHOD: dict[str, str] = {
    Category.CHEMICAL: "GBZ/T 300-2017",
    Category.DUST: "GBZ/T 192.1-2007",
    Category.PHYSICAL: "GBZ/T 189.8-2007",
}
DEMO_SILICA_PERCENT = Decimal(25)  # a typical free-SiO2 content of foundry and grinding dust
NOISE_OVER_DBA, NOISE_UNDER_DBA = Decimal(89), Decimal(82)
OVER, UNDER = Decimal("1.4"), Decimal("0.3")  # demo results as fractions of the limit
VOLUME_L = Decimal(240)  # 2 L/min for 120 min
NOT_SAMPLED = "本次委托不含该项，另行检测"
SCHEDULE = "白班 08:00—17:00"
CONTROLS = "局部排风罩；佩戴防尘口罩、耳塞"


def _actor(org: Organisation) -> Actor:
    return Actor(
        user_id=None, label=org.name, role=Role.SERVICE_STAFF, organisation_id=org.pk, org_kind=org.kind,
        region_code=org.region_id,
    )  # fmt: skip


def _register_signer(keeper: User, org: Organisation, as_of: dt.date) -> Actor:
    """service1 registers signer1 as the institution's authorised signatory; signer1's actor."""
    signer = User.objects.get(username=SIGNER, organisation=org)
    start = (min(as_of, timezone.localdate()) - dt.timedelta(days=365)).replace(day=1)
    data = SignatoryData(
        user_id=signer.pk, name=signer.full_name, basis="检验检测机构资质认定证书（授权签字人）",
        certificate_number=f"CMA-{org.region_id}-DEMO-01", valid_from=start,
        valid_until=start.replace(year=start.year + CMA_CERTIFICATE_YEARS), scope=SIGNER_SCOPE,
    )  # fmt: skip
    services.register_signatory(actor=actor_for_user(keeper), data=data)
    return actor_for_user(signer)


def _employers(first: int | None, count: int) -> list[Employer]:
    """Hangzhou employers with an accepted declaration, the demo login's own first."""
    accepted = Declaration.objects.filter(status=DeclarationStatus.ACCEPTED, employer__county__code__startswith="3301")
    ids = list(dict.fromkeys(accepted.order_by("employer_id").values_list("employer_id", flat=True)))
    if first in ids:
        ids.remove(first)
        ids.insert(0, first)
    return list(Employer.objects.filter(pk__in=ids[:count]).order_by("pk"))


def _silica_for(agent: Agent) -> Decimal | None:
    """The demo's free-SiO2 content of a dust: the typical one where a tier of the dust covers it,
    else the middle of the dust's first tier (coal dust is tiered below 10 %); none if untiered."""
    tiers = [d.silica_tier for d in oels.dust_oels(agent) if d.silica_tier is not None]
    if not tiers:
        return None
    if any(t.contains(float(DEMO_SILICA_PERCENT)) for t in tiers):
        return DEMO_SILICA_PERCENT
    low = tiers[0].lower_percent or 0.0
    high = tiers[0].upper_percent if tiers[0].upper_percent is not None else 100.0
    return Decimal(str((low + high) / 2))


def _dust_row(agent: Agent) -> DustOel | None:
    """The limit row the demo samples a dust against; none where the catalogue's rows differ by
    something a demo cannot choose (metal or oxide aluminium dust, mass or fibre count, flax or jute)."""
    silica = _silica_for(agent)
    try:
        return choose_dust_oel(oels.dust_oels(agent), None if silica is None else float(silica))
    except RuleInputError:
        return None


def _limit(item: PlanItem) -> tuple[str, Decimal] | None:
    """How a demo item is sampled, and the limit its demo result is scaled from."""
    agent = item.agent
    if agent.category == Category.CHEMICAL:
        oel = oels.chemical_oel(agent)
        if oel.pc_twa is not None:
            return SampleKind.TWA, Decimal(str(oel.pc_twa.value))
        if oel.mac is not None:
            return SampleKind.SHORT, Decimal(str(oel.mac.value))
    if agent.category == Category.DUST:
        dust = _dust_row(agent)
        if dust is not None and dust.pc_twa_total is not None:
            return SampleKind.DUST_TOTAL, Decimal(str(dust.pc_twa_total.value))
    if agent.name_zh == "噪声":
        return SampleKind.NOISE, Decimal(0)
    return None


def _plan(actor: Actor, project: Project) -> list[tuple[PlanItem, Decimal]]:
    services.survey_from_declaration(actor=actor, project=project)
    services.finish_survey(
        actor=actor, project=project, process_description="原料准备—加工—检验—包装，连续生产，白班 8 小时。"
    )
    planned = []
    for item in project.plan_items.select_related("agent", "survey_post"):
        how = _limit(item)
        hours = item.survey_post.shift_hours
        if how is None:
            data = PlanItemData("", 0, 0, hours, justification=NOT_SAMPLED)
        else:
            silica = _silica_for(item.agent) if item.agent.category == Category.DUST else None
            data = PlanItemData(how[0], 1, 120, hours, METHOD[item.agent.category], "个体采样泵", silica)
            planned.append((item, how[1]))
        services.update_plan_item(actor=actor, item=item, data=data)
    services.confirm_plan(actor=actor, project=project)
    return planned


def _sample(actor: Actor, project: Project, item: PlanItem, pump: Equipment) -> Sample:
    air = item.sample_kind != SampleKind.NOISE
    sample = services.start_sample(
        actor=actor, project=project, plan_item=item, equipment=pump, location=f"{item.survey_post.post.name}工位",
        flow_before_l_per_min=Decimal(2) if air else None,
    )  # fmt: skip
    return sample


def _result(actor: Actor, sample: Sample, limit: Decimal, over: bool) -> None:
    if sample.plan_item.sample_kind == SampleKind.NOISE:
        services.record_result(actor=actor, sample=sample, data=ResultData(NOISE_OVER_DBA if over else NOISE_UNDER_DBA))
        return
    value = (limit * (OVER if over else UNDER)).quantize(Decimal("0.001"))
    data = ResultData(
        value=value, mass_ug=value * VOLUME_L, volume_l=VOLUME_L, lod=(limit / 100).quantize(Decimal("0.0001"))
    )
    services.record_result(actor=actor, sample=sample, data=data)


def _working_day(project: Project, day: dt.date) -> None:
    """Place the project's samples on the demo's working day, 08:00 onwards, two hours each."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(8)))
    for i, sample in enumerate(project.samples.order_by("pk")):
        begin = start + dt.timedelta(minutes=10 * i)
        ended = begin + dt.timedelta(hours=2) if sample.ended_at else None
        Sample.objects.filter(pk=sample.pk).update(started_at=begin, ended_at=ended)
    Project.objects.filter(pk=project.pk).update(
        surveyed_at=start - dt.timedelta(days=2),
        sampling_started_at=start,
        sampling_finished_at=start + dt.timedelta(hours=3),
    )
    SurveyPost.objects.filter(project=project).update(work_schedule=SCHEDULE, controls=CONTROLS)


def _contract(actor: Actor, employer: Employer, as_of: dt.date, days_ago: int, number: str) -> Project:
    return services.contract_project(
        actor=actor, employer=employer, contract_number=number, contract_signed_on=as_of - dt.timedelta(days=days_ago),
        purpose="periodic",
    )  # fmt: skip


def _issued(actor: Actor, signer: Actor, employer: Employer, pump: Equipment, as_of: dt.date) -> Project:
    project = _contract(actor, employer, as_of, 20, "HZJC-2026-0001")
    planned = _plan(actor, project)
    for i, (item, limit) in enumerate(planned):
        sample = services.finish_sample(
            actor=actor,
            sample=_sample(actor, project, item, pump),
            flow_after_l_per_min=Decimal("2.01") if item.sample_kind != SampleKind.NOISE else None,
        )
        _result(actor, sample, limit, over=i == 0)
    project.refresh_from_db()
    services.finish_sampling(actor=actor, project=project)
    _working_day(project, as_of - dt.timedelta(days=12))
    project.refresh_from_db()
    services.review_project(actor=actor, project=project)
    services.approve_project(actor=signer, project=project)
    services.issue_report(actor=actor, project=project)
    return project


def _sampling(actor: Actor, signer: Actor, employer: Employer, pump: Equipment, as_of: dt.date) -> Project:
    project = _contract(actor, employer, as_of, 5, "HZJC-2026-0002")
    planned = _plan(actor, project)
    for item, _limit_value in planned[:2]:
        _sample(actor, project, item, pump)
    return project


def write_detection(as_of: dt.date, first_employer: int | None) -> int:
    """The demo's measurement projects; returns how many were written."""
    # The institution of the demo's service logins (Hangzhou's), where signer1 signs.
    keeper = User.objects.filter(username=KEEPER, organisation__kind=OrgKind.SERVICE_INSTITUTION).first()
    employers = _employers(first_employer, 3)
    if keeper is None or keeper.organisation is None or not employers:
        return 0
    org = keeper.organisation
    actor = _actor(org)
    signer = _register_signer(keeper, org, as_of)
    pump = services.register_equipment(
        actor=actor, name="个体采样泵", serial_number="HZ-PUMP-001", calibrated_until=as_of + dt.timedelta(days=300)
    )
    services.register_equipment(
        actor=actor, name="积分声级计", serial_number="HZ-SLM-001", calibrated_until=as_of + dt.timedelta(days=300)
    )
    services.register_equipment(
        actor=actor,
        name="个体采样泵（待检定）",
        serial_number="HZ-PUMP-OLD",
        calibrated_until=as_of - dt.timedelta(days=30),
    )
    builders = [_issued, _sampling]
    written = 0
    for employer, build in zip(employers, builders, strict=False):
        build(actor, signer, employer, pump, as_of)
        written += 1
    if len(employers) > len(builders):
        _contract(actor, employers[len(builders)], as_of, 1, "HZJC-2026-0003")
        written += 1
    return written
