"""The same seed gives the same province; another seed another one."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from ohs.demo.rules.employers import County
from ohs.demo.rules.province import Scale, employer_plans, plan_digest, settle_duplicates, workforce_plans
from ohs.demo.rules.workforce import id_key, plan_workforce
from ohs.demo.trades import TRADES, industry_groups

AS_OF = dt.date(2026, 3, 15)
COUNTIES = [County("330102", "上城区"), County("330203", "海曙区"), County("331082", "临海市")]
SCALE = Scale(employers_per_county=30, workers_per_employer=10)


def _digest(seed: int, as_of: dt.date = AS_OF) -> str:
    return plan_digest(seed, SCALE, COUNTIES, TRADES, industry_groups(), as_of)


def test_same_seed_same_province() -> None:
    assert _digest(11) == _digest(11)


def test_other_seed_other_province() -> None:
    assert _digest(11) != _digest(12)


def test_identities_do_not_depend_on_as_of() -> None:
    first = list(employer_plans(11, SCALE, COUNTIES, TRADES, industry_groups(), AS_OF))
    later = list(employer_plans(11, SCALE, COUNTIES, TRADES, industry_groups(), AS_OF + dt.timedelta(days=40)))
    assert [p.uscc for p in first] == [p.uscc for p in later]
    assert [p.registered_at for p in first] != [p.registered_at for p in later]


def test_codes_names_and_id_numbers_unique_across_the_province() -> None:
    employers = list(employer_plans(3, SCALE, COUNTIES, TRADES, industry_groups(), AS_OF))
    assert len(employers) == 90
    assert len({e.uscc for e in employers}) == len({e.name for e in employers}) == 90
    numbers = [w.id_number for _, workers in workforce_plans(3, employers, AS_OF) for w in workers]
    assert len(set(numbers)) == len(numbers)


def test_every_trade_appears() -> None:
    employers = employer_plans(5, Scale(200, 5), COUNTIES, TRADES, industry_groups(), AS_OF)
    assert set(Counter(e.trade.name for e in employers)) == {t.name for t in TRADES}


def test_settle_duplicates_draws_a_taken_number_again_deterministically() -> None:
    employer = next(employer_plans(3, SCALE, COUNTIES, TRADES, industry_groups(), AS_OF))
    workers = plan_workforce(random.Random(1), employer, AS_OF)
    taken = {id_key(w.id_number) for w in workers[:2]}
    settled = settle_duplicates(3, employer, workers, AS_OF, set(taken))
    again = settle_duplicates(3, employer, workers, AS_OF, set(taken))
    assert settled == again
    assert settled[2:] == workers[2:]
    assert all(s.id_number != w.id_number and s.post == w.post for s, w in zip(settled[:2], workers[:2], strict=True))
