"""Planned workers: valid, unique ID numbers; every post staffed; adults when they started."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from ohs.core.rules.identity import parse_id_number
from ohs.demo.rules.employers import County, plan_employer
from ohs.demo.rules.workforce import (
    BORN_BETWEEN,
    EARLIEST_AS_OF,
    MIGRANT_ORIGINS,
    adult_on,
    assign_posts,
    draw_identity,
    plan_started_on,
    plan_workforce,
)
from ohs.demo.trades import TRADES, industry_groups

AS_OF = dt.date(2026, 3, 15)
SEEDS = st.integers(min_value=0, max_value=2**32)
BIRTHS = st.dates(min_value=BORN_BETWEEN[0], max_value=BORN_BETWEEN[1])


def test_adult_on_leap_day_is_first_of_march() -> None:
    assert adult_on(dt.date(2004, 2, 29)) == dt.date(2022, 3, 1)
    assert adult_on(dt.date(1990, 7, 1)) == dt.date(2008, 7, 1)


@given(SEEDS, BIRTHS, st.dates(min_value=EARLIEST_AS_OF, max_value=dt.date(2040, 12, 31)))
def test_plan_started_on_after_18th_birthday_not_after_as_of(seed: int, birth: dt.date, as_of: dt.date) -> None:
    started = plan_started_on(random.Random(seed), birth, as_of)
    assert adult_on(birth) <= started <= as_of
    assert (as_of - started).days <= 25 * 365


@given(SEEDS, st.integers(min_value=2, max_value=60), st.integers(min_value=2, max_value=6))
def test_assign_posts_staffs_every_post_first(seed: int, headcount: int, posts: int) -> None:
    posts = min(posts, headcount)
    assigned = assign_posts(random.Random(seed), headcount, posts)
    assert len(assigned) == headcount
    assert set(assigned) == set(range(posts))


def test_draw_identity_never_repeats_and_is_valid() -> None:
    rng, taken = random.Random(9), set[int]()
    numbers = [draw_identity(rng, "330102", 0.5, taken) for _ in range(5000)]
    assert len({n for n, _ in numbers}) == len(numbers)
    for number, sex in numbers:
        parsed = parse_id_number(number)
        assert parsed.sex == sex and BORN_BETWEEN[0] <= parsed.birth_date <= BORN_BETWEEN[1]
    origins = {n[:6] for n, _ in numbers}
    assert "330102" in origins and origins - {"330102"} <= set(MIGRANT_ORIGINS)


def test_plan_workforce_fills_headcount_on_the_employers_posts() -> None:
    rng = random.Random(4)
    employer = plan_employer(rng, County("330203", "海曙区"), TRADES, industry_groups(), 30, AS_OF)
    workers = plan_workforce(random.Random(1), employer, AS_OF)
    assert len(workers) == employer.headcount
    assert {w.post for w in workers} == set(range(len(employer.posts)))
    assert all(parse_id_number(w.id_number).birth_date == w.birth_date for w in workers)
