from __future__ import annotations

from django.db.models import QuerySet

from ohs.core.actor import Actor
from ohs.orgs.models import Organisation


def list_organisations_for(actor: Actor) -> QuerySet[Organisation]:
    return Organisation.objects.for_actor(actor).select_related("region__parent")


def get_organisation_for(actor: Actor, org_id: int) -> Organisation:
    return Organisation.objects.select_related("region__parent").get_for(actor, pk=org_id)
