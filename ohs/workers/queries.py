"""Reading workers, always through the actor's scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ohs.core import crypto
from ohs.core.actor import Actor
from ohs.core.rules.identity import InvalidIdentifier, parse_id_number
from ohs.hazards.models import Agent
from ohs.registry.models import Employer, Post
from ohs.registry.queries import declared_hazards_by_post
from ohs.workers.models import Employment, Worker


def list_workers_for(actor: Actor) -> QuerySet[Worker]:
    return Worker.objects.for_actor(actor).select_related("current_employer", "county")


def get_worker_for(actor: Actor, worker_id: int) -> Worker:
    return Worker.objects.select_related("current_employer", "county").get_for(actor, pk=worker_id)


def search_workers(queryset: QuerySet[Worker], term: str) -> QuerySet[Worker]:
    """By name, or by the full ID number (matched through its digest, never stored in clear)."""
    try:
        number = parse_id_number(term).number
    except InvalidIdentifier:
        return queryset.filter(Q(name__icontains=term) | Q(id_number_masked__endswith=term.upper()))
    return queryset.filter(id_number_digest=crypto.digest(number))


@dataclass(frozen=True)
class Exposure:
    employer: Employer
    post: Post
    agent: Agent
    declaration_id: int


def exposures_for(worker: Worker) -> list[Exposure]:
    """The hazards a worker is exposed to: their current posts × the declaration in force there."""
    exposures = []
    current = Employment.objects.current().filter(worker=worker, post__isnull=False).select_related("employer", "post")
    for employment in current:
        by_post = declared_hazards_by_post(employment.employer)
        for item in by_post.get(employment.post_id or 0, []):
            exposures.append(Exposure(employment.employer, employment.post, item.agent, item.declaration_id))  # type: ignore[arg-type]
    return exposures
