"""The whole synthetic province as a stream of plans, reproducible from one seed.

Each county and each employer draws from its own random source, derived from the seed and a
name (string seeds are hashed with SHA-512 by ``random.Random``, so they do not depend on
PYTHONHASHSEED). What one employer gets therefore does not shift when another changes, and the
order of everything is the order of the counties' codes and of generation: no set is iterated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from ohs.demo.rules.employers import County, EmployerPlan, Trade, plan_employer
from ohs.demo.rules.identities import make_company_name, make_uscc
from ohs.demo.rules.workforce import WorkerPlan, id_key, plan_worker, plan_workforce


@dataclass(frozen=True)
class Scale:
    employers_per_county: int
    workers_per_employer: int  # the mean; each employer's headcount follows its size class


def rng_for(seed: int, *names: str) -> random.Random:
    """The random source of one part of the province."""
    return random.Random(":".join([str(seed), *names]))


def employer_plans(
    seed: int,
    scale: Scale,
    counties: Sequence[County],
    trades: Sequence[Trade],
    industries: Mapping[str, Sequence[str]],
    as_of: dt.date,
) -> Iterator[EmployerPlan]:
    """Every county's employers, county by county; credit codes and names never repeat."""
    codes: set[str] = set()
    names: set[str] = set()
    for county in counties:
        rng = rng_for(seed, "employers", county.code)
        for _ in range(scale.employers_per_county):
            plan = plan_employer(rng, county, trades, industries, scale.workers_per_employer, as_of)
            while plan.uscc in codes:
                plan = replace(plan, uscc=make_uscc(rng, county.code))
            while plan.name in names:
                plan = replace(plan, name=make_company_name(rng, county.name.rstrip("区县市"), plan.trade.name))
            codes.add(plan.uscc)
            names.add(plan.name)
            yield plan


def settle_duplicates(
    seed: int, employer: EmployerPlan, workers: list[WorkerPlan], as_of: dt.date, taken: set[int]
) -> list[WorkerPlan]:
    """The workers, except that one whose ID number the province already holds is drawn again
    from a source of its own; every number joins ``taken``."""
    settled = []
    for index, worker in enumerate(workers):
        key = id_key(worker.id_number)
        if key in taken:
            rng = rng_for(seed, "again", employer.uscc, str(index))
            worker = plan_worker(rng, employer, worker.post, as_of, taken)
        else:
            taken.add(key)
        settled.append(worker)
    return settled


def workforce_plans(
    seed: int, employers: Iterable[EmployerPlan], as_of: dt.date
) -> Iterator[tuple[EmployerPlan, list[WorkerPlan]]]:
    """Each employer with its workers; ID numbers never repeat across the province."""
    taken: set[int] = set()
    for employer in employers:
        workers = plan_workforce(rng_for(seed, "workers", employer.uscc), employer, as_of)
        yield employer, settle_duplicates(seed, employer, workers, as_of, taken)


class ProvinceDigest:
    """SHA-256 over what makes the province this province: employers, their posts and workers."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def add_employer(self, uscc: str, name: str, county: str, registered_on: dt.date) -> None:
        self._line("E", uscc, name, county, registered_on.isoformat())

    def add_post(self, workplace: str, post: str) -> None:
        self._line("P", workplace, post)

    def add_worker(self, id_number: str, name: str, post: str, started_on: dt.date) -> None:
        self._line("W", id_number, name, post, started_on.isoformat())

    def hexdigest(self) -> str:
        return self._hash.hexdigest()

    def _line(self, *fields: str) -> None:
        self._hash.update("|".join(fields).encode() + b"\n")


def plan_digest(
    seed: int,
    scale: Scale,
    counties: Sequence[County],
    trades: Sequence[Trade],
    industries: Mapping[str, Sequence[str]],
    as_of: dt.date,
) -> str:
    """The digest of the province these inputs generate, in the order the builder writes it."""
    digest = ProvinceDigest()
    employers = list(employer_plans(seed, scale, counties, trades, industries, as_of))
    for plan in employers:
        digest.add_employer(plan.uscc, plan.name, plan.county.code, plan.registered_at.date())
        for post in plan.posts:
            digest.add_post(plan.workplaces[post.workplace], post.name)
    for plan, workers in workforce_plans(seed, employers, as_of):
        for worker in workers:
            digest.add_worker(worker.id_number, worker.name, plan.posts[worker.post].name, worker.started_on)
    return digest.hexdigest()
