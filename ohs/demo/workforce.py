"""Writing the planned workers and their current employment, a batch at a time.

A worker's ID number is stored as the registration service stores it (encrypted, keyed digest,
masked); the employment puts them on one of their employer's posts, so what they are exposed
to follows from the post and the employer's declaration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ohs.demo.bulk import Meter, Row, Table
from ohs.demo.employers import WrittenEmployer
from ohs.demo.parallel import Prepared, prepared_chunks, stored
from ohs.demo.rules.province import ProvinceDigest, settle_duplicates
from ohs.workers.models import Employment, Worker

WORKER_FIELDS = (
    "id",
    "name",
    "id_number_encrypted",
    "id_number_digest",
    "id_number_masked",
    "sex",
    "birth_date",
    "phone",
    "current_employer_id",
    "county_id",
    "user_id",
    "created_at",
)
EMPLOYMENT_FIELDS = ("id", "worker_id", "employer_id", "post_id", "started_on", "ended_on", "end_reason")


@dataclass
class Workforce:
    workers: int = 0
    on_post: dict[int, int] = field(default_factory=dict)  # post id → workers on it
    first_worker: dict[int, tuple[int, str]] = field(default_factory=dict)  # employer id → (worker id, name)


class WorkforceTables:
    def __init__(self) -> None:
        self.workers = Table(Worker, WORKER_FIELDS)
        self.employments = Table(Employment, EMPLOYMENT_FIELDS)

    def all(self) -> list[Table]:
        return [self.workers, self.employments]


def write_workforce(
    seed: int,
    employers: list[WrittenEmployer],
    as_of: dt.date,
    tables: WorkforceTables,
    progress: Meter,
    digest: ProvinceDigest,
    processes: int = 0,
) -> Workforce:
    """Every employer's workers, each employed on one of its posts; ``processes`` plan them in a pool."""
    result = Workforce()
    taken: set[int] = set()
    plans = [e.plan for e in employers]
    for start, prepared in prepared_chunks(seed, plans, as_of, processes):
        batch: list[tuple[WrittenEmployer, Prepared]] = []
        for employer, workers in zip(employers[start : start + len(prepared)], prepared, strict=True):
            batch += [(employer, worker) for worker in _settled(seed, employer, workers, as_of, taken)]
        _flush(batch, tables, result, digest)
        progress.add(len(batch))
    return result


def _settled(
    seed: int, employer: WrittenEmployer, workers: list[Prepared], as_of: dt.date, taken: set[int]
) -> list[Prepared]:
    """Duplicates across the province drawn again (rarely: about one worker in a thousand)."""
    plans = [worker[0] for worker in workers]
    settled = settle_duplicates(seed, employer.plan, plans, as_of, taken)
    return [w if plan is w[0] else stored(plan) for plan, w in zip(settled, workers, strict=True)]


def _flush(
    batch: list[tuple[WrittenEmployer, Prepared]], tables: WorkforceTables, result: Workforce, digest: ProvinceDigest
) -> None:
    worker_ids = tables.workers.reserve_ids(len(batch))
    employment_ids = tables.employments.reserve_ids(len(batch))
    workers: list[Row] = []
    employments: list[Row] = []
    for worker_id, employment_id, (employer, prepared) in zip(worker_ids, employment_ids, batch, strict=True):
        worker = prepared[0]
        post_id = employer.post_ids[worker.post]
        workers.append(_worker_row(worker_id, employer, prepared))
        employments.append((employment_id, worker_id, employer.pk, post_id, worker.started_on, None, ""))
        result.on_post[post_id] = result.on_post.get(post_id, 0) + 1
        result.first_worker.setdefault(employer.pk, (worker_id, worker.name))
        digest.add_worker(worker.id_number, worker.name, employer.plan.posts[worker.post].name, worker.started_on)
    tables.workers.write(workers)
    tables.employments.write(employments)
    result.workers += len(batch)


def _worker_row(pk: int, employer: WrittenEmployer, prepared: Prepared) -> Row:
    worker, encrypted, digest, masked = prepared
    return (
        pk,
        worker.name,
        encrypted,
        digest,
        masked,
        worker.sex,
        worker.birth_date,
        worker.phone,
        employer.pk,
        employer.plan.county.code,
        None,
        employer.created_at,
    )


def count_workers(employers: Iterable[WrittenEmployer]) -> int:
    return sum(e.plan.headcount for e in employers)
