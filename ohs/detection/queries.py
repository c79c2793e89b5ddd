"""The read side of the detection app: always through the actor's scope."""

from __future__ import annotations

from django.db.models import QuerySet

from ohs.core.actor import Actor
from ohs.core.querysets import Action
from ohs.detection.choices import ProjectStatus
from ohs.detection.models import Equipment, Finding, PlanItem, Project, Sample, Signatory
from ohs.orgs.choices import Role
from ohs.orgs.models import User


def list_projects_for(actor: Actor) -> QuerySet[Project]:
    """Projects the actor may see, with what their list shows."""
    return Project.objects.for_actor(actor).select_related("employer", "institution", "county")


def get_project_for(actor: Actor, project_id: int, action: Action = Action.VIEW) -> Project:
    """One project, 404 when absent or out of scope."""
    related = ("employer__county", "institution", "approved_signatory")
    return Project.objects.select_related(*related).get_for(actor, action, pk=project_id)


def get_sample_for(actor: Actor, sample_id: int, action: Action = Action.VIEW) -> Sample:
    """One sample with its project and plan item."""
    related = ("project__employer", "plan_item__agent", "plan_item__survey_post__post", "equipment")
    return Sample.objects.select_related(*related).get_for(actor, action, pk=sample_id)


def get_plan_item_for(actor: Actor, item_id: int, action: Action = Action.VIEW) -> PlanItem:
    return PlanItem.objects.select_related("project", "survey_post__post", "agent").get_for(actor, action, pk=item_id)


def list_equipment_for(actor: Actor) -> QuerySet[Equipment]:
    """The actor's institution's instruments."""
    return Equipment.objects.for_actor(actor)


def list_exceedances_for(actor: Actor) -> QuerySet[Finding]:
    """Results over their limit in issued reports, within the actor's scope (a regulator: its jurisdiction)."""
    related = (
        "project__employer",
        "project__institution",
        "plan_item__agent",
        "plan_item__survey_post__post__workplace",
    )
    return (
        Finding.objects.for_actor(actor)
        .filter(is_compliant=False, project__status=ProjectStatus.ISSUED)
        .select_related(*related)
    )


def plan_items_of(project: Project) -> QuerySet[PlanItem]:
    return project.plan_items.select_related("agent", "survey_post__post__workplace").order_by(
        "survey_post__post__workplace__name", "survey_post__post__name", "agent__name_zh", "sample_kind"
    )


def samples_of(project: Project) -> QuerySet[Sample]:
    return project.samples.select_related("plan_item__agent", "plan_item__survey_post__post", "equipment").order_by(
        "-started_at", "-pk"
    )


def list_signatories_for(actor: Actor) -> QuerySet[Signatory]:
    """The institution's register; for a regulator, the registers of institutions in its region."""
    return Signatory.objects.for_actor(actor).select_related("institution", "user").prefetch_related("scope_agents")


def get_signatory_for(actor: Actor, signatory_id: int, action: Action = Action.VIEW) -> Signatory:
    """One registration, 404 when absent or out of scope."""
    return (
        Signatory.objects.select_related("institution", "user")
        .prefetch_related("scope_agents")
        .get_for(actor, action, pk=signatory_id)
    )


def staff_of(actor: Actor) -> QuerySet[User]:
    """The active people of the actor's institution, whom it may register as signatories."""
    if actor.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(organisation_id=actor.organisation_id, role=Role.SERVICE_STAFF, is_active=True).order_by(
        "full_name", "username"
    )
