"""Reading plans, tasks, inspections and complaints through the actor's scope."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.querysets import Action
from ohs.core.rules.identity import InvalidIdentifier, clean_uscc
from ohs.inspection.choices import ConflictStatus
from ohs.inspection.models import Complaint, Inspection, InspectionPlan, Inspector, InspectorConflict, open_tasks
from ohs.registry.models import Employer


def list_plans_for(actor: Actor) -> QuerySet[InspectionPlan]:
    return InspectionPlan.objects.for_actor(actor).select_related("region")


def get_plan_for(actor: Actor, pk: int, action: Action = Action.VIEW) -> InspectionPlan:
    return InspectionPlan.objects.select_related("region").get_for(actor, action, pk=pk)


def list_inspections_for(actor: Actor) -> QuerySet[Inspection]:
    return Inspection.objects.for_actor(actor).select_related("employer")


def get_inspection_for(actor: Actor, pk: int, action: Action = Action.VIEW) -> Inspection:
    return Inspection.objects.select_related("employer", "task__plan").get_for(actor, action, pk=pk)


def list_complaints_for(actor: Actor) -> QuerySet[Complaint]:
    return Complaint.objects.for_actor(actor).select_related("employer", "assigned_to")


def get_complaint_for(actor: Actor, pk: int, action: Action = Action.VIEW) -> Complaint:
    return Complaint.objects.select_related("employer", "assigned_to").get_for(actor, action, pk=pk)


def list_inspectors_for(actor: Actor, action: Action = Action.VIEW) -> QuerySet[Inspector]:
    """The pool of the actor's jurisdiction, each entry with its load and standing conflicts."""
    return (
        Inspector.objects.for_actor(actor, action)
        .select_related("user__organisation", "county", "former_employer")
        .annotate(
            open_task_count=Count("tasks", filter=open_tasks("tasks__"), distinct=True),
            task_count=Count("tasks", distinct=True),
            conflict_count=Count("conflicts", filter=Q(conflicts__status=ConflictStatus.DECLARED), distinct=True),
        )
    )


def get_inspector_for(actor: Actor, pk: int, action: Action = Action.VIEW) -> Inspector:
    """One pool entry with its load; 404 when absent or outside the scope."""
    found = list_inspectors_for(actor, action).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def own_inspector(actor: Actor) -> Inspector | None:
    """The actor's own entry in the pool (None when the regulator has not added them)."""
    if actor.user_id is None:
        return None
    return Inspector.objects.select_related("county").filter(user_id=actor.user_id).first()


def list_conflicts_for(actor: Actor) -> QuerySet[InspectorConflict]:
    return InspectorConflict.objects.for_actor(actor).select_related("inspector__user__organisation", "employer")


def get_conflict_for(actor: Actor, pk: int, action: Action = Action.VIEW) -> InspectorConflict:
    return InspectorConflict.objects.select_related("inspector__user__organisation", "employer").get_for(
        actor, action, pk=pk
    )


def get_own_conflict_for(actor: Actor, pk: int) -> InspectorConflict:
    """A conflict the actor declared, to withdraw it (404 for anybody else's)."""
    mine = InspectorConflict.objects.select_related("inspector").filter(inspector__user_id=actor.user_id or 0)
    return mine.get_for(actor, Action.CHANGE, pk=pk)


def find_employer_for(actor: Actor, text: str, field: str) -> Employer:
    """The employer named by credit code or exact name among those the actor may see."""
    term = text.strip()
    visible = Employer.objects.for_actor(actor)
    try:
        found = list(visible.filter(uscc=clean_uscc(term))[:2])
    except InvalidIdentifier:
        found = list(visible.filter(name=term)[:2]) if term else []
    if not found:
        raise DomainError(ErrorCode.INVALID, _("no employer with this credit code or name in your region"), field=field)
    if len(found) > 1:
        raise DomainError(ErrorCode.INVALID, _("several employers have this name: give the credit code"), field=field)
    return found[0]
