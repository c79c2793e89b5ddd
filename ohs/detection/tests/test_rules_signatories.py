"""Scope and validity of an authorised signatory, as pure rules."""

from __future__ import annotations

import datetime as dt

from ohs.detection.rules.signatories import (
    AgentRef,
    PeriodProblem,
    Scope,
    Standing,
    outside_scope,
    period_problem,
    standing_on,
)

BENZENE = AgentRef(1, "苯", "chemical")
SILICA = AgentRef(2, "矽尘", "dust")
NOISE = AgentRef(3, "噪声", "physical")
TOLUENE = AgentRef(4, "甲苯", "chemical")
START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def test_all_covers_every_agent_and_an_empty_scope_none() -> None:
    assert outside_scope(Scope(covers_all=True), [BENZENE, SILICA, NOISE]) == []
    assert Scope().is_empty and not Scope(covers_all=True).is_empty
    assert outside_scope(Scope(), [BENZENE, NOISE]) == [BENZENE, NOISE]


def test_categories_and_single_agents_together() -> None:
    scope = Scope(categories=frozenset({"dust"}), agent_ids=frozenset({BENZENE.agent_id}))
    assert outside_scope(scope, [BENZENE, SILICA, NOISE, TOLUENE]) == [NOISE, TOLUENE]


def test_an_agent_is_named_once_however_often_it_is_sampled() -> None:
    scope = Scope(categories=frozenset({"dust"}))
    assert outside_scope(scope, [NOISE, SILICA, NOISE, NOISE]) == [NOISE]


def test_both_ends_of_the_period_are_valid() -> None:
    def on(day: dt.date, revoked: bool = False) -> Standing:
        return standing_on(day, valid_from=START, valid_until=END, is_revoked=revoked)

    assert on(START) is Standing.VALID and on(END) is Standing.VALID
    assert on(START - dt.timedelta(days=1)) is Standing.NOT_YET_VALID
    assert on(END + dt.timedelta(days=1)) is Standing.EXPIRED
    assert on(dt.date(2026, 6, 1), revoked=True) is Standing.REVOKED


def test_a_period_must_end_after_it_starts_and_not_be_over() -> None:
    today = dt.date(2026, 6, 1)
    assert period_problem(START, END, today) is None
    assert period_problem(today, today, today) is None  # a one-day authorisation
    assert period_problem(END, START, today) is PeriodProblem.ENDS_BEFORE_START
    assert period_problem(START, dt.date(2026, 5, 31), today) is PeriodProblem.ALREADY_OVER
