"""Planned employers: structure that fits the trade, sizes, registration dates, valid codes."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc

from ohs.demo.rules.employers import (
    MAX_POSTS,
    MAX_WORKPLACES,
    MIN_POSTS,
    SIZE_BANDS,
    County,
    Trade,
    plan_employer,
    plan_headcount,
    plan_registration,
    plan_structure,
)
from ohs.demo.trades import TRADES, industry_groups

AS_OF = dt.date(2026, 3, 15)
SEEDS = st.integers(min_value=0, max_value=2**32)


@given(SEEDS, st.sampled_from(TRADES), st.integers(min_value=2, max_value=200))
def test_plan_structure_takes_workplaces_and_posts_from_the_trade(seed: int, trade: Trade, headcount: int) -> None:
    workplaces, posts = plan_structure(random.Random(seed), trade, headcount)
    catalogue = {w.name: {p.name: p.hazards for p in w.posts} for w in trade.workplaces}
    assert 1 <= len(workplaces) <= MAX_WORKPLACES
    assert MIN_POSTS <= len(posts) <= min(MAX_POSTS, headcount)
    assert {p.workplace for p in posts} == set(range(len(workplaces)))  # every workplace has a post
    for post in posts:
        assert catalogue[workplaces[post.workplace]][post.name] == post.hazards
    assert len({(p.workplace, p.name) for p in posts}) == len(posts)


def test_plan_structure_fits_welding_in_machinery() -> None:
    machinery = next(t for t in TRADES if t.name == "机械制造")
    welder = next(p for w in machinery.workplaces if w.name == "焊接车间" for p in w.posts if p.name == "电焊工")
    assert set(welder.hazards) == {"电焊烟尘", "锰及其无机化合物(按MnO2计)", "噪声"}


def test_plan_headcount_averages_the_mean() -> None:
    rng = random.Random(5)
    counts = [plan_headcount(rng, 30)[1] for _ in range(20_000)]
    assert 28 <= sum(counts) / len(counts) <= 32
    assert min(counts) >= 2


def test_size_bands_average_one() -> None:
    total = sum(b.weight for b in SIZE_BANDS)
    mean = sum(b.weight * (b.low + b.high) / 2 for b in SIZE_BANDS) / total
    assert abs(mean - 1) < 0.01


@given(SEEDS)
def test_plan_registration_since_last_year_before_as_of(seed: int) -> None:
    registered = plan_registration(random.Random(seed), AS_OF)
    assert dt.date(AS_OF.year - 1, 1, 1) <= registered.date() < AS_OF
    assert dt.time(8, 30) <= registered.time() <= dt.time(17, 30)


@given(SEEDS)
def test_plan_employer_has_valid_code_in_its_county(seed: int) -> None:
    plan = plan_employer(random.Random(seed), County("330102", "上城区"), TRADES, industry_groups(), 30, AS_OF)
    assert uscc.is_valid(plan.uscc) and plan.uscc[2:8] == "330102"
    assert plan.name.startswith("上城") and plan.name.endswith(f"{plan.trade.name}有限公司")
    assert plan.industry_code.startswith(plan.trade.industry_division)
    assert plan.legal_representative and plan.manager_name and len(plan.manager_phone) == 11
