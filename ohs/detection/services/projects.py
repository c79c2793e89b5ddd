"""Contract, on-site survey and sampling plan of a measurement project."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.audit import AuditAction
from ohs.core.workflow import transition
from ohs.detection.choices import JudgementEdition, ProjectPurpose, ProjectStatus, SampleKind
from ohs.detection.evaluation import NOISE_AGENT
from ohs.detection.models import PlanItem, Project, SurveyPost
from ohs.detection.rules.completeness import PlanLine, kinds_for, plan_gaps
from ohs.detection.services.guards import require_institution, require_status
from ohs.detection.workflow import PROJECT_WORKFLOW
from ohs.hazards import queries as hazard_queries
from ohs.hazards.choices import Category
from ohs.hazards.models import Agent
from ohs.registry.choices import EmployerStatus
from ohs.registry.models import DeclarationItem, Employer, Post
from ohs.registry.queries import latest_accepted_declaration

MAX_EXPOSURE_HOURS = Decimal(24)
# Default sampling type by hazard category when the survey pre-fills the plan.
DEFAULT_KIND: dict[str, str] = {Category.CHEMICAL: SampleKind.TWA, Category.DUST: SampleKind.DUST_TOTAL}


def employer_by_uscc(uscc: str) -> Employer:
    """The commissioning employer, named by its credit code on the contract (the institution has no
    other view of the register)."""
    employer = Employer.objects.filter(uscc=uscc.strip().upper()).select_related("county").first()
    if employer is None:
        raise DomainError(ErrorCode.INVALID, _("no registered employer has this credit code"), field="employer_uscc")
    return employer


def contract_project(
    *,
    actor: Actor,
    employer: Employer,
    contract_number: str,
    contract_signed_on: dt.date,
    purpose: str,
    edition: str = JudgementEdition.GBZ_2_1_2019,
) -> Project:
    """The institution records the employer's commission; limits are fixed at today's catalogue version.

    ``edition`` is the GBZ 2.1 edition used for judgement: 2019, or 2007 to re-issue an old report."""
    institution_id = require_institution(actor)
    if employer.status != EmployerStatus.CONFIRMED:
        raise DomainError(ErrorCode.INVALID, _("the employer's registration is not confirmed"), field="employer")
    if not contract_number.strip():
        raise DomainError(ErrorCode.INVALID, _("enter the contract number"), field="contract_number")
    if contract_signed_on > timezone.localdate():
        raise DomainError(ErrorCode.INVALID, _("the contract date is in the future"), field="contract_signed_on")
    if purpose not in ProjectPurpose.values:
        raise DomainError(ErrorCode.INVALID, _("unknown purpose %(value)s") % {"value": purpose}, field="purpose")
    _check_edition(edition)
    declaration = latest_accepted_declaration(employer)
    with transaction.atomic():
        project = Project.objects.create(
            employer=employer, institution_id=institution_id, county_id=employer.county_id,
            code=f"pending-{timezone.now().timestamp()}", purpose=purpose, contract_number=contract_number.strip(),
            contract_signed_on=contract_signed_on, declaration_id=declaration.pk if declaration else None,
            catalogue_version=hazard_queries.resolve_version(None), edition=edition,
        )  # fmt: skip
        project.code = f"JC{contract_signed_on:%Y}-{project.pk:06d}"
        project.save(update_fields=["code"])
        audit.record_created(actor, project)
        emit("detection.project.contracted", {"id": project.pk, "employer": employer.pk, "institution": institution_id})
    return project


def _check_edition(edition: str) -> None:
    if edition not in JudgementEdition.values:
        names = "、".join(JudgementEdition.values)
        raise DomainError(
            ErrorCode.INVALID,
            _("unknown edition %(value)s (choose %(names)s)") % {"value": edition, "names": names},
            field="edition",
        )


def choose_edition(*, actor: Actor, project: Project, edition: str) -> Project:
    """Change the edition used for judgement; only before sampling starts, so every result of a
    project is judged under one edition."""
    require_institution(actor)
    require_status(project, ProjectStatus.CONTRACTED, ProjectStatus.SURVEYED, ProjectStatus.PLANNED, field="edition")
    _check_edition(edition)
    with transaction.atomic():
        before = project.edition
        project.edition = edition
        project.save(update_fields=["edition"])
        audit.record(actor, AuditAction.UPDATE, obj=project, changes={"edition": [before, edition]})
    return project


@dataclass(frozen=True)
class SurveyPostData:
    post_id: int
    exposed_workers: int
    shift_hours: Decimal
    days_per_week: Decimal
    work_schedule: str = ""
    controls: str = ""


def _survey_post(project: Project, data: SurveyPostData) -> SurveyPost:
    post = Post.objects.filter(pk=data.post_id, employer_id=project.employer_id).first()
    if post is None:
        raise DomainError(ErrorCode.INVALID, _("choose one of the employer's posts"), field="post_id")
    if data.exposed_workers < 0:
        raise DomainError(ErrorCode.INVALID, _("cannot be negative"), field="exposed_workers")
    if not 0 < data.shift_hours <= MAX_EXPOSURE_HOURS:
        raise DomainError(ErrorCode.INVALID, _("between 0 and 24 hours"), field="shift_hours")
    if not 0 < data.days_per_week <= 7:
        raise DomainError(ErrorCode.INVALID, _("between 0 and 7 days"), field="days_per_week")
    try:
        with transaction.atomic():
            return SurveyPost.objects.create(
                project=project, post=post, exposed_workers=data.exposed_workers, shift_hours=data.shift_hours,
                days_per_week=data.days_per_week, work_schedule=data.work_schedule, controls=data.controls,
            )  # fmt: skip
    except IntegrityError as exc:
        raise DomainError(ErrorCode.CONFLICT, _("this post is already in the survey"), field="post_id") from exc


def add_survey_post(*, actor: Actor, project: Project, data: SurveyPostData) -> SurveyPost:
    """Record a post found on site with its exposed workers, schedule and controls."""
    require_status(project, ProjectStatus.CONTRACTED)
    with transaction.atomic():
        survey_post = _survey_post(project, data)
        audit.record_created(actor, survey_post)
    return survey_post


def survey_from_declaration(*, actor: Actor, project: Project) -> int:
    """Pre-fill the survey with every post and hazard of the declaration in force; returns the hazards added."""
    require_status(project, ProjectStatus.CONTRACTED)
    declaration = latest_accepted_declaration(project.employer)
    if declaration is None:
        raise DomainError(
            ErrorCode.INVALID, _("the employer has no accepted declaration to start from"), field="survey"
        )
    existing = {sp.post_id: sp for sp in project.survey_posts.all()}
    added = 0
    with transaction.atomic():
        for item in declaration.items.select_related("post", "agent").order_by("post_id", "agent_id"):
            survey_post = existing.get(item.post_id)
            if survey_post is None:
                data = SurveyPostData(
                    item.post_id, item.exposed_workers, item.post.shift_hours_per_day, item.post.days_per_week
                )
                survey_post = existing[item.post_id] = _survey_post(project, data)
            elif item.exposed_workers > survey_post.exposed_workers:
                survey_post.exposed_workers = item.exposed_workers
                survey_post.save(update_fields=["exposed_workers"])
            _item, created = PlanItem.objects.get_or_create(
                project=project, survey_post=survey_post, agent=item.agent,
                sample_kind=DEFAULT_KIND.get(item.agent.category, ""),
                defaults={"exposure_hours": survey_post.shift_hours},
            )  # fmt: skip
            added += created
        audit.record(actor, "update", obj=project, changes={"survey_from_declaration": declaration.pk, "added": added})
    return added


@dataclass(frozen=True)
class PlanItemData:
    sample_kind: str
    samples_planned: int
    duration_minutes: int
    exposure_hours: Decimal
    method_standard: str = ""
    equipment_note: str = ""
    free_silica_percent: Decimal | None = None
    justification: str = ""


def _check_plan(data: PlanItemData, shift_hours: Decimal, agent: Agent) -> None:
    if data.sample_kind and data.sample_kind not in SampleKind.values:
        raise DomainError(
            ErrorCode.INVALID, _("unknown sampling type %(value)s") % {"value": data.sample_kind}, field="sample_kind"
        )
    allowed = kinds_for(agent.category, is_noise=agent.name_zh == NOISE_AGENT)
    if data.sample_kind and data.sample_kind not in allowed:
        fitting = "、".join(str(SampleKind(k).label) for k in sorted(allowed)) or _(
            "none (justify why it is not sampled)"
        )
        raise DomainError(
            ErrorCode.INVALID,
            _("%(agent)s cannot be sampled as '%(kind)s'; fitting: %(fitting)s")
            % {"agent": agent.name_zh, "kind": data.sample_kind, "fitting": fitting},
            field="sample_kind",
        )
    if data.samples_planned < 0 or data.duration_minutes < 0:
        raise DomainError(ErrorCode.INVALID, _("cannot be negative"), field="samples_planned")
    if data.samples_planned and not data.sample_kind:
        raise DomainError(ErrorCode.INVALID, _("choose the sampling type"), field="sample_kind")
    if data.samples_planned and not data.method_standard.strip():
        raise DomainError(ErrorCode.INVALID, _("name the method standard (e.g. GBZ/T 300)"), field="method_standard")
    if not 0 <= data.exposure_hours <= shift_hours:
        raise DomainError(
            ErrorCode.INVALID,
            _("between 0 and the shift of %(hours)s h") % {"hours": shift_hours},
            field="exposure_hours",
        )
    if data.free_silica_percent is not None and not 0 <= data.free_silica_percent <= 100:
        raise DomainError(ErrorCode.INVALID, _("a percentage from 0 to 100"), field="free_silica_percent")


def _plan_fields(data: PlanItemData) -> dict[str, object]:
    return {
        "sample_kind": data.sample_kind, "samples_planned": data.samples_planned,
        "duration_minutes": data.duration_minutes, "exposure_hours": data.exposure_hours,
        "method_standard": data.method_standard.strip(), "equipment_note": data.equipment_note.strip(),
        "free_silica_percent": data.free_silica_percent, "justification": data.justification.strip(),
    }  # fmt: skip


def add_plan_item(
    *, actor: Actor, project: Project, survey_post: SurveyPost, agent_id: int, data: PlanItemData
) -> PlanItem:
    """Add a hazard (or another sampling type of one) at a surveyed post to the plan."""
    require_status(project, ProjectStatus.CONTRACTED, ProjectStatus.SURVEYED)
    agent = Agent.objects.filter(pk=agent_id, is_active=True).first()
    if agent is None:
        raise DomainError(ErrorCode.INVALID, _("choose a hazard from the catalogue"), field="agent_id")
    _check_plan(data, survey_post.shift_hours, agent)
    try:
        with transaction.atomic():
            item = PlanItem.objects.create(project=project, survey_post=survey_post, agent=agent, **_plan_fields(data))
            audit.record_created(actor, item)
    except IntegrityError as exc:
        raise DomainError(
            ErrorCode.CONFLICT, _("this hazard and type are already planned here"), field="agent_id"
        ) from exc
    return item


def update_plan_item(*, actor: Actor, item: PlanItem, data: PlanItemData) -> PlanItem:
    """Set how a hazard at a post is sampled, or why it is not."""
    require_status(item.project, ProjectStatus.CONTRACTED, ProjectStatus.SURVEYED)
    _check_plan(data, item.survey_post.shift_hours, item.agent)
    with transaction.atomic():
        before = audit.snapshot(item, list(_plan_fields(data)))
        for name, value in _plan_fields(data).items():
            setattr(item, name, value)
        try:
            item.save()
        except IntegrityError as exc:
            raise DomainError(
                ErrorCode.CONFLICT, _("this sampling type is already planned here"), field="sample_kind"
            ) from exc
        audit.record(actor, "update", obj=item, changes=audit.diff(before, audit.snapshot(item, before.keys())))
    return item


def finish_survey(*, actor: Actor, project: Project, process_description: str) -> Project:
    """Close the on-site survey: the process and at least one post must be recorded."""
    if not process_description.strip():
        raise DomainError(ErrorCode.INVALID, _("describe the production process"), field="process_description")
    if not project.survey_posts.exists():
        raise DomainError(ErrorCode.INVALID, _("record at least one post"), field="survey")
    fields = {"process_description": process_description.strip(), "surveyed_at": timezone.now()}
    transition(PROJECT_WORKFLOW, actor, project, "surveyed", fields=fields)
    return project


def missing_from_plan(project: Project) -> list[str]:
    """'post · hazard' for every declared hazard the plan neither samples nor justifies."""
    if project.declaration_id is None:
        return []

    declared = list(
        DeclarationItem.objects.filter(declaration_id=project.declaration_id)
        .select_related("post__workplace", "agent")
        .order_by("post__workplace__name", "post__name", "agent__name_zh")
    )
    lines = [
        PlanLine(i.survey_post.post_id, i.agent_id, i.samples_planned, i.justification)
        for i in project.plan_items.select_related("survey_post")
    ]
    gaps = {(g.post_id, g.agent_id) for g in plan_gaps([(d.post_id, d.agent_id) for d in declared], lines)}
    return [
        f"{d.post.workplace.name}/{d.post.name} · {d.agent.name_zh}"
        for d in declared
        if (d.post_id, d.agent_id) in gaps
    ]


def confirm_plan(*, actor: Actor, project: Project) -> Project:
    """Confirm the plan once every declared hazard at every post is sampled or justified."""
    missing = missing_from_plan(project)
    if missing:
        raise DomainError(
            "plan_incomplete",
            _("%(count)s declared hazards are neither sampled nor justified: %(list)s")
            % {"count": len(missing), "list": "；".join(missing)},
            fields={"plan": missing},
        )
    items = list(project.plan_items.all())
    if not any(i.samples_planned for i in items):
        raise DomainError(ErrorCode.INVALID, _("plan at least one sample"), field="plan")
    fields = {
        "samples_planned": sum(i.samples_planned for i in items),
        "hazards_justified": sum(1 for i in items if not i.samples_planned and i.justification),
    }
    transition(PROJECT_WORKFLOW, actor, project, "planned", fields=fields)
    return project
