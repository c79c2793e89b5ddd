"""How a demo employer's first hazard declaration went: on time, late, waiting, returned, a
draft, or never started.

Most employers declared on time and were accepted; a seeded minority did not, so that the
regulator's "late or missing" page has something to show. Everything happened before ``as_of``
(by the day before at the latest). Lateness follows the registry's own rule.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import random
from dataclasses import dataclass

from ohs.registry.rules.declarations import is_late


class Outcome(enum.Enum):
    ON_TIME = "on_time"
    LATE = "late"
    AWAITING = "awaiting"
    RETURNED = "returned"
    DRAFT = "draft"
    NONE = "none"


class Stage(enum.Enum):
    """The declaration's status; the values are those of ohs.registry.choices.DeclarationStatus."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"


# Synthetic mix (per cent), not a statistic.
OUTCOME_WEIGHTS = (
    (Outcome.ON_TIME, 80),
    (Outcome.LATE, 6),
    (Outcome.AWAITING, 3),
    (Outcome.RETURNED, 2),
    (Outcome.DRAFT, 4),
    (Outcome.NONE, 5),
)
_OUTCOMES = tuple(o for o, _ in OUTCOME_WEIGHTS)
_CUM_WEIGHTS = tuple(itertools.accumulate(w for _, w in OUTCOME_WEIGHTS))
LATE_BY_DAYS = 90  # a late declaration comes in up to this many days after the due date
AWAITING_DAYS = 10  # one waiting for a decision was submitted in the last days
DECIDED_WITHIN_DAYS = 10  # the county decides within this many days of submission
STARTED_AFTER = dt.timedelta(hours=1)  # the draft is opened right after registration
WORKDAY_OPENS = dt.time(9, 0)
WORKDAY_MINUTES = 8 * 60


@dataclass(frozen=True)
class DeclarationPlan:
    stage: Stage
    started_at: dt.datetime  # local time, naive, as are the others
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    is_late: bool


def _at(rng: random.Random, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, WORKDAY_OPENS) + dt.timedelta(minutes=int(rng.random() * WORKDAY_MINUTES))


def _submitted_on(
    outcome: Outcome, u: float, registered_on: dt.date, due_on: dt.date, last_day: dt.date
) -> dt.date | None:
    if outcome in (Outcome.ON_TIME, Outcome.RETURNED):
        return registered_on + dt.timedelta(days=1 + int(u * max((due_on - registered_on).days, 0)))
    if outcome is Outcome.LATE:
        return due_on + dt.timedelta(days=1 + int(u * LATE_BY_DAYS))
    if outcome is Outcome.AWAITING:
        return max(registered_on + dt.timedelta(days=1), last_day - dt.timedelta(days=int(u * AWAITING_DAYS)))
    return None


def plan_first_declaration(
    rng: random.Random, registered_at: dt.datetime, due_on: dt.date, as_of: dt.date
) -> DeclarationPlan | None:
    """The first declaration after registering on ``registered_at`` (None: never started)."""
    outcome = rng.choices(_OUTCOMES, cum_weights=_CUM_WEIGHTS)[0]
    u_submit, u_decide = rng.random(), rng.random()
    if outcome is Outcome.NONE:
        return None
    started_at = registered_at + STARTED_AFTER
    last_day = as_of - dt.timedelta(days=1)
    submitted_on = _submitted_on(outcome, u_submit, registered_at.date(), due_on, last_day)
    if submitted_on is None or submitted_on > last_day:
        return DeclarationPlan(Stage.DRAFT, started_at, None, None, is_late=False)
    submitted_at = max(_at(rng, submitted_on), started_at)
    decided_on = submitted_on + dt.timedelta(days=1 + int(u_decide * DECIDED_WITHIN_DAYS))
    late = is_late(due_on, submitted_on)
    if outcome is Outcome.AWAITING or decided_on > last_day:
        return DeclarationPlan(Stage.SUBMITTED, started_at, submitted_at, None, late)
    stage = Stage.RETURNED if outcome is Outcome.RETURNED else Stage.ACCEPTED
    return DeclarationPlan(stage, started_at, submitted_at, _at(rng, decided_on), late)


def submitted_for_acceptance(registered_at: dt.datetime) -> DeclarationPlan:
    """A demo login's declaration: submitted on time, for the platform to accept (and issue a receipt)."""
    started_at = registered_at + STARTED_AFTER
    return DeclarationPlan(Stage.SUBMITTED, started_at, started_at + STARTED_AFTER, None, is_late=False)
