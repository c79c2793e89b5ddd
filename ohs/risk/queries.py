"""Reading risk data, always through the actor's scope."""

from __future__ import annotations

from django.db.models import QuerySet

from ohs.core.actor import Actor
from ohs.core.querysets import Action
from ohs.risk.models import Rectification, RiskProfile, SelfInspection, SelfInspectionItem


def list_profiles_for(actor: Actor) -> QuerySet[RiskProfile]:
    return RiskProfile.objects.for_actor(actor).select_related("employer", "county")


def get_profile_for(actor: Actor, employer_id: int) -> RiskProfile:
    return RiskProfile.objects.select_related("employer", "county").get_for(actor, Action.VIEW, employer_id=employer_id)


def list_rectifications_for(actor: Actor) -> QuerySet[Rectification]:
    return Rectification.objects.for_actor(actor).select_related("employer")


def get_rectification_for(actor: Actor, pk: int, action: Action = Action.VIEW) -> Rectification:
    return Rectification.objects.select_related("employer").get_for(actor, action, pk=pk)


def list_self_inspections_for(actor: Actor) -> QuerySet[SelfInspection]:
    return SelfInspection.objects.for_actor(actor).select_related("employer")


def minor_violations_corrected_in_time(actor: Actor, employer_id: int) -> list[SelfInspectionItem]:
    """Minor violations the employer found itself and corrected by the deadline (queryable record)."""
    rows = SelfInspectionItem.objects.for_actor(actor).filter(
        inspection__employer_id=employer_id, is_minor=True, corrected_on__isnull=False, correct_by__isnull=False
    )
    return [item for item in rows.select_related("inspection") if item.is_corrected_in_time]
