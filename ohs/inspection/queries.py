"""Reading plans, tasks, inspections and complaints through the actor's scope."""

from __future__ import annotations

from django.db.models import QuerySet

from ohs.core.actor import Actor
from ohs.core.querysets import Action
from ohs.inspection.models import Complaint, Inspection, InspectionPlan


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
