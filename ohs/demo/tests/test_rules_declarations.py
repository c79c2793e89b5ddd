"""Planned first declarations: dates in order, before as_of, lateness by the registry's rule."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from ohs.demo.rules.declarations import Stage, plan_first_declaration, submitted_for_acceptance

AS_OF = dt.date(2026, 3, 15)
WINDOW = dt.timedelta(days=30)
REGISTERED = st.datetimes(min_value=dt.datetime(2025, 1, 1, 8, 30), max_value=dt.datetime(2026, 3, 14, 17, 30))


@given(st.integers(min_value=0, max_value=2**32), REGISTERED)
def test_plan_first_declaration_dates_in_order_before_as_of(seed: int, registered_at: dt.datetime) -> None:
    due_on = registered_at.date() + WINDOW
    plan = plan_first_declaration(random.Random(seed), registered_at, due_on, AS_OF)
    if plan is None:
        return
    assert plan.started_at > registered_at
    if plan.stage is Stage.DRAFT:
        assert plan.submitted_at is None and plan.decided_at is None and not plan.is_late
        return
    assert plan.submitted_at is not None and registered_at < plan.submitted_at
    assert plan.submitted_at.date() < AS_OF
    assert plan.is_late == (plan.submitted_at.date() > due_on)
    if plan.stage is Stage.SUBMITTED:
        assert plan.decided_at is None
    else:
        assert plan.decided_at is not None and plan.submitted_at < plan.decided_at and plan.decided_at.date() < AS_OF


def test_plan_first_declaration_mostly_accepted_with_a_minority_of_gaps() -> None:
    rng = random.Random(2)
    registered_at = dt.datetime(2025, 6, 2, 10, 0)
    stages = Counter(
        "none" if plan is None else plan.stage.value
        for plan in (plan_first_declaration(rng, registered_at, dt.date(2025, 7, 2), AS_OF) for _ in range(10_000))
    )
    assert 0.8 < stages["accepted"] / 10_000 < 0.9
    assert stages["none"] > 300 and stages["draft"] > 200 and stages["returned"] > 100 and stages["submitted"] > 100


def test_recent_registration_not_yet_due_stays_a_draft_when_submission_would_be_future() -> None:
    registered_at = dt.datetime(2026, 3, 14, 9, 0)
    plans = [plan_first_declaration(random.Random(s), registered_at, dt.date(2026, 4, 13), AS_OF) for s in range(200)]
    assert all(p is None or p.stage is not Stage.ACCEPTED for p in plans)


def test_submitted_for_acceptance_is_on_time() -> None:
    plan = submitted_for_acceptance(dt.datetime(2025, 6, 2, 10, 0))
    assert plan.stage is Stage.SUBMITTED and not plan.is_late
    assert plan.submitted_at is not None and plan.submitted_at.date() == dt.date(2025, 6, 2)
