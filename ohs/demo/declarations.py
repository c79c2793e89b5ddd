"""Writing the employers' first hazard declarations in bulk, and accepting the demo logins' own
through the registry service so that they carry a verifiable receipt.

A declaration's items are its employer's posts' hazards, each with the number of workers on
that post. The due date is computed as ``start_declaration`` computes it: the registry's window
for a first declaration, rolled past rest days by the platform calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.utils import timezone

from ohs.core.actor import Actor
from ohs.core.calendar import get_calendar
from ohs.demo.bulk import Meter, Row, Table
from ohs.demo.employers import WrittenEmployer
from ohs.demo.rules.declarations import DeclarationPlan, Stage, plan_first_declaration, submitted_for_acceptance
from ohs.demo.rules.province import rng_for
from ohs.hazards.models import Agent
from ohs.orgs.choices import Role
from ohs.orgs.models import Organisation
from ohs.registry.choices import DeclarationEvent, DeclarationKind, DeclarationStatus
from ohs.registry.models import Declaration, DeclarationItem
from ohs.registry.rules.declarations import Due, due_date
from ohs.registry.services import accept_declaration
from ohs.registry.windows import declaration_windows

BATCH = 5000  # employers per round trip
RETURN_REASON = "申报的接触人数与劳动者名册不一致，请核对后重新提交。"
DECLARATION_FIELDS = (
    "id",
    "employer_id",
    "kind",
    "event",
    "event_on",
    "due_on",
    "due_is_provisional",
    "due_basis",
    "status",
    "created_at",
    "submitted_at",
    "is_late",
    "decided_at",
    "decided_by_label",
    "return_reason",
)
ITEM_FIELDS = ("id", "declaration_id", "post_id", "agent_id", "exposed_workers")


class DeclarationTables:
    def __init__(self) -> None:
        self.declarations = Table(Declaration, DECLARATION_FIELDS)
        self.items = Table(DeclarationItem, ITEM_FIELDS)

    def all(self) -> list[Table]:
        return [self.declarations, self.items]


@dataclass(frozen=True)
class DeclarationContext:
    seed: int
    as_of: dt.date
    agents: Mapping[str, int]  # hazard name → agent id
    on_post: Mapping[int, int]  # post id → workers on it
    regulators: Mapping[str, Organisation]  # county code → its regulator
    demo_employers: frozenset[int]  # declared and then accepted through the service
    due: FirstDeclarationDue


def agent_ids(names: Sequence[str], warn: Callable[[str], None]) -> dict[str, int]:
    """Catalogue ids of the named hazards; a name the catalogue lacks is skipped with a warning."""
    found = dict(Agent.objects.filter(name_zh__in=names, is_active=True).values_list("name_zh", "pk"))
    for name in names:
        if name not in found:
            warn(f"warning: hazard {name} is not in the catalogue; posts that name it leave it out")
    return found


class FirstDeclarationDue:
    """When a first declaration is due after registering on a day (as start_declaration says);
    remembered per day, as the whole province registered on a few hundred days."""

    def __init__(self) -> None:
        self._calendar = get_calendar()
        self._windows = declaration_windows()
        self._known: dict[dt.date, Due] = {}

    def __call__(self, registered_on: dt.date) -> Due:
        if registered_on not in self._known:
            event = (DeclarationKind.FIRST, DeclarationEvent.REGISTRATION)
            self._known[registered_on] = due_date(self._windows, *event, registered_on, self._calendar.roll_if_known)
        return self._known[registered_on]


def write_declarations(
    employers: Sequence[WrittenEmployer], context: DeclarationContext, tables: DeclarationTables, meter: Meter
) -> list[int]:
    """Declarations (none for a seeded few) with their items; returns the demo employers' ones."""
    for_service: list[int] = []
    for start in range(0, len(employers), BATCH):
        chunk = employers[start : start + BATCH]
        planned = _planned(chunk, context)
        ids = tables.declarations.reserve_ids(len(planned))
        rows: list[Row] = []
        items: list[tuple[int, int, int, int]] = []
        for pk, (employer, plan) in zip(ids, planned, strict=True):
            rows.append(_declaration_row(pk, employer, plan, context))
            items += _items(pk, employer, context)
            if employer.pk in context.demo_employers:
                for_service.append(pk)
        tables.declarations.write(rows)
        item_ids = tables.items.reserve_ids(len(items))
        tables.items.write([(item_id, *item) for item_id, item in zip(item_ids, items, strict=True)])
        meter.add(len(chunk))
    return for_service


def _planned(
    employers: Sequence[WrittenEmployer], context: DeclarationContext
) -> list[tuple[WrittenEmployer, DeclarationPlan]]:
    pairs = [(employer, _plan(employer, context)) for employer in employers]
    return [(employer, plan) for employer, plan in pairs if plan is not None]


def _plan(employer: WrittenEmployer, context: DeclarationContext) -> DeclarationPlan | None:
    registered_at = employer.plan.registered_at
    if employer.pk in context.demo_employers:
        return submitted_for_acceptance(registered_at)
    rng = rng_for(context.seed, "declaration", employer.plan.uscc)
    return plan_first_declaration(rng, registered_at, context.due(registered_at.date()).due_on, context.as_of)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    return timezone.make_aware(moment) if moment is not None else None


def _declaration_row(pk: int, employer: WrittenEmployer, plan: DeclarationPlan, context: DeclarationContext) -> Row:
    registered_on = employer.plan.registered_at.date()
    due = context.due(registered_on)
    decided = plan.stage in (Stage.ACCEPTED, Stage.RETURNED)
    return (
        pk,
        employer.pk,
        DeclarationKind.FIRST.value,
        DeclarationEvent.REGISTRATION.value,
        registered_on,
        due.due_on,
        due.is_provisional,
        "；".join(due.reasons),
        DeclarationStatus(plan.stage.value).value,
        _aware(plan.started_at),
        _aware(plan.submitted_at),
        plan.is_late,
        _aware(plan.decided_at),
        context.regulators[employer.plan.county.code].name if decided else "",
        RETURN_REASON if plan.stage is Stage.RETURNED else "",
    )


def _items(
    declaration_id: int, employer: WrittenEmployer, context: DeclarationContext
) -> list[tuple[int, int, int, int]]:
    """(declaration, post, agent, exposed workers) for every hazard at every post."""
    return [
        (declaration_id, post_id, context.agents[hazard], context.on_post.get(post_id, 0))
        for post_id, post in zip(employer.post_ids, employer.plan.posts, strict=True)
        for hazard in post.hazards
        if hazard in context.agents
    ]


def accept_for_demo(declaration_ids: Sequence[int], regulators: Mapping[str, Organisation]) -> int:
    """Accept the demo logins' declarations as their county regulator would: receipts are issued."""
    for declaration in Declaration.objects.filter(pk__in=declaration_ids).select_related("employer").order_by("pk"):
        regulator = regulators[declaration.employer.county_id]
        actor = Actor(
            user_id=None,
            label=regulator.name,
            role=Role.REGULATOR,
            organisation_id=regulator.pk,
            org_kind=regulator.kind,
            region_code=regulator.region_id,
        )
        accept_declaration(actor=actor, declaration=declaration)
    return len(declaration_ids)
