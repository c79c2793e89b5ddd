"""Named state transitions, declared as data: (name, from, to, roles that may take it).

``transition(...)`` is the only way a workflow changes state. In one transaction it checks the
table, saves the new state, writes the audit row and emits ``<app>.<model>.<name>`` to the outbox.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.audit import AuditAction


@dataclass(frozen=True)
class Transition:
    name: str
    source: frozenset[str]
    target: str
    roles: frozenset[str]


class Workflow:
    def __init__(self, state_field: str, transitions: Iterable[Transition]) -> None:
        self.state_field = state_field
        self.transitions = {t.name: t for t in transitions}

    def allowed(self, actor: Actor, obj: models.Model) -> list[Transition]:
        """Transitions the actor may take from the object's current state."""
        state = getattr(obj, self.state_field)
        return [
            t for t in self.transitions.values() if state in t.source and (actor.is_superuser or actor.role in t.roles)
        ]

    def check(self, actor: Actor, obj: models.Model, name: str) -> Transition:
        transition = self.transitions.get(name)
        state = getattr(obj, self.state_field)
        if transition is None or state not in transition.source:
            raise DomainError(
                ErrorCode.ILLEGAL_TRANSITION, f"'{name}' is not possible from state '{state}'", field=self.state_field
            )
        if not (actor.is_superuser or actor.role in transition.roles):
            raise DomainError(ErrorCode.FORBIDDEN, f"your role may not '{name}'")
        return transition


def transition(
    workflow: Workflow,
    actor: Actor,
    obj: models.Model,
    name: str,
    payload: Mapping[str, Any] | None = None,
    fields: Mapping[str, Any] | None = None,
) -> models.Model:
    """Take transition ``name``: state (plus ``fields`` that go with it), audit and outbox event
    in one transaction."""
    with transaction.atomic():
        step = workflow.check(actor, obj, name)
        extra = dict(fields or {})
        before = audit.snapshot(obj, [workflow.state_field, *extra])
        setattr(obj, workflow.state_field, step.target)
        for field_name, value in extra.items():
            setattr(obj, field_name, value)
        obj.save(update_fields=[workflow.state_field, *extra])
        before_state = before[workflow.state_field]
        changes = audit.diff(before, audit.snapshot(obj, before.keys()))
        audit.record(actor, AuditAction.TRANSITION, obj=obj, changes={**changes, "transition": name})
        emit(
            f"{obj._meta.label_lower}.{name}",
            {"id": obj.pk, "from": before_state, "to": step.target, **(payload or {})},
        )
    return obj
