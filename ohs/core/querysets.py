"""The one mechanism that decides what an actor may see and change.

A scoped model's queryset declares a ``ScopeSpec``: where its region, owning organisation and
worker live. ``for_actor(actor, action)`` turns that into one filter:

* a governing body (regulator, enforcement, CDC, coordinator) sees rows whose region lies in
  its jurisdiction; only supervising bodies (regulators, enforcement) may change them;
* an organisation's people see rows their organisation owns;
* a worker sees rows about themself;
* anybody else sees nothing.

Pages, API routes, exports and searches all start from ``for_actor``; ``get_for`` answers 404
alike for "absent" and "not yours", so the existence of a record in another county leaks nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.http import Http404

if TYPE_CHECKING:
    from ohs.core.actor import Actor

M = TypeVar("M", bound=models.Model)


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"


@dataclass(frozen=True)
class ScopeSpec:
    """Field paths that place a row: ``region`` (FK to geo.Region), ``organisation`` (owning
    organisation id), ``worker`` (the worker the row is about). ``grant`` adds an app-specific
    grant, e.g. an exam institution seeing the employers that booked with it."""

    region: str | None = None
    organisation: str | None = None
    worker: str | None = None
    grant: Callable[[Actor, Action], Q | None] | None = None
    org_may_change: bool = True


NOTHING = Q(pk__in=[])


def scope_filter(spec: ScopeSpec, actor: Actor, action: Action) -> Q:
    """The filter that limits rows of a model with ``spec`` to what ``actor`` may ``action``."""
    grants: list[Q] = []
    span = actor.jurisdiction
    if spec.region and span is not None and (action is Action.VIEW or actor.is_supervising):
        grants.append(Q(**{f"{spec.region}__gte": span.lo, f"{spec.region}__lt": span.hi}))
    if spec.organisation and actor.organisation_id is not None and (action is Action.VIEW or spec.org_may_change):
        grants.append(Q(**{spec.organisation: actor.organisation_id}))
    if spec.worker and actor.worker_id is not None:
        grants.append(Q(**{spec.worker: actor.worker_id}))
    if spec.grant is not None and (granted := spec.grant(actor, action)) is not None:
        grants.append(granted)
    combined = NOTHING
    for grant in grants:
        combined = grant if combined is NOTHING else combined | grant
    return combined


class ScopedQuerySet(models.QuerySet[M], Generic[M]):
    """Base queryset of every model that belongs to a place, an organisation or a worker."""

    scope: ScopeSpec = ScopeSpec()

    def for_actor(self, actor: Actor, action: Action | str = Action.VIEW) -> ScopedQuerySet[M]:
        """Rows ``actor`` may see (``view``) or change (``change``)."""
        if actor.is_superuser:
            return self.all()
        condition = scope_filter(self.scope, actor, Action(action))
        if condition is NOTHING:
            return self.none()
        return self.filter(condition)

    def get_for(self, actor: Actor, action: Action | str = Action.VIEW, **lookup: Any) -> M:
        """One row the actor may act on; 404 whether it is absent or outside the scope."""
        try:
            return self.for_actor(actor, action).get(**lookup)
        except ObjectDoesNotExist as exc:
            raise Http404 from exc
