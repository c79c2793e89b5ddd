"""Plans of synthetic employers: identity, size, registration, workplaces, posts and contacts.

Pure: a seeded random source and the trade catalogue (``ohs/demo/trades.py``) in, frozen plans
out. Nothing here is a survey of real enterprises; the mixes below are chosen to look plausible.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ohs.demo.rules.identities import make_address, make_company_name, make_mobile, make_person_name, make_uscc


@dataclass(frozen=True)
class County:
    code: str
    name: str


@dataclass(frozen=True)
class PostSpec:
    name: str
    hazards: tuple[str, ...]  # agent names as the hazard catalogue spells them (Agent.name_zh)


@dataclass(frozen=True)
class WorkplaceSpec:
    name: str
    posts: tuple[PostSpec, ...]


@dataclass(frozen=True)
class Trade:
    name: str
    industry_division: str  # GB/T 4754-2017 division code
    weight: int  # how common the trade is among the demo's employers
    female_share: float
    workplaces: tuple[WorkplaceSpec, ...]


@dataclass(frozen=True)
class PostPlan:
    workplace: int  # index into EmployerPlan.workplaces
    name: str
    hazards: tuple[str, ...]
    shift_hours_per_day: int
    days_per_week: int


@dataclass(frozen=True)
class EmployerPlan:
    uscc: str
    name: str
    county: County
    trade: Trade
    industry_code: str
    economic_type: str
    size_class: str  # a value of ohs.registry.choices.SizeClass
    headcount: int  # workers registered on the platform
    legal_representative: str
    manager_name: str
    manager_phone: str
    manager_is_full_time: bool
    address: str
    registered_at: dt.datetime  # local time, naive
    workplaces: tuple[str, ...]
    posts: tuple[PostPlan, ...]


@dataclass(frozen=True)
class SizeBand:
    size_class: str
    weight: int
    low: float  # headcount as a multiple of the scale's mean, drawn uniformly in [low, high)
    high: float


# 统计上大中小微型企业划分办法 (国统字〔2017〕213号) classes; most employers are small or micro.
# The multiples average 1.0, so a scale's mean headcount holds on average.
SIZE_BANDS = (
    SizeBand("micro", 45, 0.3, 0.7),
    SizeBand("small", 40, 0.7, 1.4),
    SizeBand("medium", 12, 1.5, 2.7),
    SizeBand("large", 3, 2.5, 4.5),
)
_SIZE_CUM_WEIGHTS = tuple(itertools.accumulate(b.weight for b in SIZE_BANDS))
MIN_HEADCOUNT = 2
MIN_POSTS, MAX_POSTS = 2, 6
MAX_WORKPLACES = 3
ECONOMIC_TYPES = ("有限责任公司", "有限责任公司", "有限责任公司", "股份有限公司", "私营企业", "外商投资企业")
SHIFT_HOURS = (8, 8, 8, 8, 10, 12)
DAYS_PER_WEEK = (5, 5, 6)
OFFICE_OPENS = dt.time(8, 30)
OFFICE_MINUTES = 9 * 60  # registrations come in between 08:30 and 17:30
FULL_TIME_MANAGER_SIZES = ("medium", "large")


def plan_headcount(rng: random.Random, mean: int) -> tuple[str, int]:
    """A size class and a headcount around ``mean`` that fits it."""
    band = rng.choices(SIZE_BANDS, cum_weights=_SIZE_CUM_WEIGHTS)[0]
    return band.size_class, max(MIN_HEADCOUNT, round(mean * rng.uniform(band.low, band.high)))


def plan_registration(rng: random.Random, as_of: dt.date) -> dt.datetime:
    """When the employer registered on the platform: since 1 January of last year, before ``as_of``."""
    start = dt.date(as_of.year - 1, 1, 1)
    day = start + dt.timedelta(days=int(rng.random() * (as_of - start).days))
    minutes = int(rng.random() * OFFICE_MINUTES)
    return dt.datetime.combine(day, OFFICE_OPENS) + dt.timedelta(minutes=minutes)


def plan_structure(rng: random.Random, trade: Trade, headcount: int) -> tuple[tuple[str, ...], tuple[PostPlan, ...]]:
    """1-3 of the trade's workplaces and 2-6 of their posts (never more posts than workers)."""
    wanted = min(rng.randint(MIN_POSTS, MAX_POSTS), max(MIN_POSTS, headcount))
    count = min(rng.randint(1, MAX_WORKPLACES), wanted, len(trade.workplaces))
    chosen = sorted(rng.sample(range(len(trade.workplaces)), count))
    # Every chosen workplace gets its first post; the rest come from the remaining posts.
    first = [(i, trade.workplaces[w].posts[0]) for i, w in enumerate(chosen)]
    rest = [(i, p) for i, w in enumerate(chosen) for p in trade.workplaces[w].posts[1:]]
    extra = sorted(rng.sample(range(len(rest)), min(wanted - count, len(rest))))
    picked = sorted([*first, *(rest[k] for k in extra)], key=lambda pair: pair[0])
    posts = tuple(
        PostPlan(i, spec.name, spec.hazards, rng.choice(SHIFT_HOURS), rng.choice(DAYS_PER_WEEK)) for i, spec in picked
    )
    return tuple(trade.workplaces[w].name for w in chosen), posts


def plan_employer(
    rng: random.Random,
    county: County,
    trades: Sequence[Trade],
    industries: Mapping[str, Sequence[str]],
    mean_headcount: int,
    as_of: dt.date,
) -> EmployerPlan:
    """One employer of a trade drawn by how common it is, registered in ``county``."""
    trade = rng.choices(trades, cum_weights=list(itertools.accumulate(t.weight for t in trades)))[0]
    size_class, headcount = plan_headcount(rng, mean_headcount)
    workplaces, posts = plan_structure(rng, trade, headcount)
    return EmployerPlan(
        uscc=make_uscc(rng, county.code),
        name=make_company_name(rng, county.name.rstrip("区县市"), trade.name),
        county=county,
        trade=trade,
        industry_code=rng.choice(industries[trade.industry_division]),
        economic_type=rng.choice(ECONOMIC_TYPES),
        size_class=size_class,
        headcount=headcount,
        legal_representative=make_person_name(rng),
        manager_name=make_person_name(rng),
        manager_phone=make_mobile(rng),
        manager_is_full_time=size_class in FULL_TIME_MANAGER_SIZES,
        address=make_address(rng, county.name),
        registered_at=plan_registration(rng, as_of),
        workplaces=workplaces,
        posts=posts,
    )
