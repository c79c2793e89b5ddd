"""Demo risk profiles, the rectification loop, a drawn provincial plan, inspections and complaints.

Every employer's profile is computed in batches (``classify_all``); the rest goes through the
services so audit and outbox rows exist as in production: an inspector pool for Hangzhou with a
declared conflict, the provincial plan drawn with a published seed, a few inspections (one
entered and published), two complaints, employer1's self-inspection and a rectification pushed
to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from ohs.core.actor import actor_for_user
from ohs.demo.organisations import DEMO_PASSWORD
from ohs.inspection.choices import ConflictRelation, InspectionKind, PlanLevel
from ohs.inspection.models import InspectionTask, Inspector
from ohs.inspection.services import complaints, inspections, plans, pool
from ohs.orgs.choices import Role
from ohs.orgs.models import Organisation, User
from ohs.registry.choices import EmployerStatus
from ohs.registry.models import Employer
from ohs.risk import services as risk
from ohs.risk.models import RiskProfile

DEMO_SEED = "zj-2026-demo"
PLAN_CITY = "330100"  # the demo plan draws from Hangzhou's employers
EXTRA_INSPECTORS_PER_COUNTY = 2


def _inspector_pool(password: str) -> None:
    """Each Hangzhou county's enforcement body gets two more inspectors; all join the pool."""
    bodies = Organisation.objects.filter(kind="enforcement", region_id__gte="330101", region_id__lt="330200")
    for body in bodies.order_by("region_id"):
        for n in range(EXTRA_INSPECTORS_PER_COUNTY):
            # Saved one by one: saving puts the user in their role's group (ohs.orgs.signals).
            User(
                username=f"insp_{body.region_id}_{body.pk}_{n + 1}",
                role=Role.INSPECTOR,
                organisation=body,
                full_name=f"{body.region.name}监督员{n + 1}",
                password=password,
            ).save()
    users = User.objects.filter(
        role=Role.INSPECTOR, organisation__region_id__gte="330101", organisation__region_id__lt="330200"
    ).values_list("pk", "organisation__region_id")
    Inspector.objects.bulk_create([Inspector(user_id=pk, county_id=county) for pk, county in users])


def build_risk_and_inspections(progress: Callable[[str], None], demo: dict[str, int], as_of: dt.date) -> None:
    done = 0
    for count in risk.classify_all(as_of=as_of):
        done += count
    progress(f"risk profiles: {done:,}")
    regulator = actor_for_user(User.objects.get(username="zj_regulator"))
    inspector_user = User.objects.get(username="sc_inspector")
    inspector = actor_for_user(inspector_user)
    manager = actor_for_user(User.objects.get(username="employer1"))
    employer1 = Employer.objects.get(pk=demo["employer1"])

    # employer1: a self-inspection with a minor violation corrected in time, then a rectification.
    risk.record_self_inspection(
        actor=manager,
        employer=employer1,
        performed_on=as_of - dt.timedelta(days=20),
        score=Decimal(92),
        problems={
            "OH08": {
                "problem": "噪声岗位警示标识脱落",
                "is_minor": True,
                "correct_by": as_of - dt.timedelta(days=10),
                "corrected_on": as_of - dt.timedelta(days=15),
                "correction": "重新张贴警示标识",
            }
        },
    )
    profile = RiskProfile.objects.get(employer=employer1)
    if profile.shortfalls:
        risk.push_rectification(
            actor=inspector,
            employer=employer1,
            shortfall_code=profile.shortfalls[0]["code"],
            instructions="请按要求整改并上传证明材料",
        )

    _inspector_pool(make_password(DEMO_PASSWORD))
    county_employers = Employer.objects.filter(county_id="330102", status=EmployerStatus.CONFIRMED).order_by("pk")
    conflicted = county_employers.exclude(pk=employer1.pk).first()
    if conflicted is not None:
        pool.declare_conflict(
            actor=inspector,
            inspector=Inspector.objects.get(user=inspector_user),
            employer=conflicted,
            relation=ConflictRelation.RELATIVE,
            reason="近亲属在该单位任职",
            since_on=as_of - dt.timedelta(days=400),
        )
    plan = plans.create_plan(
        actor=regulator,
        title=f"{as_of.year}年浙江省职业卫生随机监督抽查（杭州市）",
        level=PlanLevel.PROVINCIAL,
        items=["OH01", "OH02", "OH05", "OH08", "OH10"],
        period_start=dt.date(as_of.year, 3, 1),
        period_end=dt.date(as_of.year, 12, 31),
        pool_regions=[PLAN_CITY],
    )
    plans.draw_plan(actor=regulator, plan=plan, seed=DEMO_SEED)
    tasks = list(InspectionTask.objects.filter(plan=plan).exclude(inspectors=None).distinct().order_by("pk")[:3])
    progress(f"random inspection plan: {plan.tasks.count():,} tasks drawn with seed {DEMO_SEED}")
    for n, task in enumerate(tasks):
        officers = [i.user for i in task.inspectors.select_related("user")]
        officer = actor_for_user(officers[0])
        record = inspections.start_inspection(
            actor=officer,
            employer=task.employer,
            kind=InspectionKind.RANDOM,
            items=plan.items,
            officers=officers,
            task=task,
        )
        if n == 2:
            continue  # one left in progress
        findings = dict.fromkeys(plan.items, (True, ""))
        if n == 0:
            findings["OH05"] = (False, "未按规定开展定期检测")
        inspections.record_findings(actor=officer, inspection=record, findings=findings)
        inspections.complete_inspection(
            actor=officer,
            inspection=record,
            summary="现场检查完毕",
            signed_by="" if n else "张经理",
            refused_to_sign=bool(n),
        )
        if n == 0:
            inspections.publish_result(actor=officer, inspection=record)

    first = complaints.receive_complaint(
        actor=inspector,
        county_id="330102",
        employer=employer1,
        content="车间噪声大，未发放耳塞",
        channel="12345",
        received_on=as_of - dt.timedelta(days=12),
    )
    complaints.assign_complaint(actor=inspector, complaint=first, officer=inspector_user)
    complaints.handle_complaint(actor=inspector, complaint=first, handling="现场核查属实，责令发放护耳器")
    complaints.answer_complaint(actor=inspector, complaint=first, answer="已核查处理并责令改正")
    complaints.receive_complaint(
        actor=inspector, county_id="330102", content="某厂夜间粉尘排放", channel="信件", received_on=as_of
    )
