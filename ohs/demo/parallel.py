"""Planning workers and encrypting their ID numbers in a pool of processes.

At province scale this is most of the load's Python work (planning about 26 µs a worker,
Fernet encryption about 11 µs, digest and mask 5 µs, measured on the 2-core benchmark
machine), while the main process writes the previous batch. Each employer's workers come from
its own random source, so a chunk gives the same rows in any process; the main process then
settles duplicates across the province in order. Processes are spawned, not forked: a forked
child would share the parent's database connection. This module imports no Django models, so
a spawned child can load it before Django is set up.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from ohs.core import crypto
from ohs.core.rules.identity import mask_id_number
from ohs.demo.rules.employers import EmployerPlan
from ohs.demo.rules.province import rng_for
from ohs.demo.rules.workforce import WorkerPlan, plan_workforce

CHUNK_WORKERS = 10_000  # workers per task: large enough to amortise pickling, small for steady progress
IN_FLIGHT_PER_PROCESS = 2  # tasks queued ahead per process, so memory stays bounded
# (plan, id_number_encrypted, id_number_digest, id_number_masked)
Prepared = tuple[WorkerPlan, str, str, str]


def stored(worker: WorkerPlan) -> Prepared:
    """The worker with the stored forms of their ID number, as the registration service stores them."""
    number = worker.id_number
    return worker, crypto.encrypt(number), crypto.digest(number), mask_id_number(number)


def prepare(seed: int, employers: Sequence[EmployerPlan], as_of: dt.date) -> list[list[Prepared]]:
    """Each employer's planned workers, ready to write (before duplicates across employers are settled)."""
    return [[stored(w) for w in plan_workforce(rng_for(seed, "workers", e.uscc), e, as_of)] for e in employers]


def chunks(employers: Sequence[EmployerPlan]) -> Iterator[tuple[int, int]]:
    """(start, stop) ranges of employers with about CHUNK_WORKERS workers each."""
    start, workers = 0, 0
    for index, employer in enumerate(employers):
        workers += employer.headcount
        if workers >= CHUNK_WORKERS:
            yield start, index + 1
            start, workers = index + 1, 0
    if start < len(employers):
        yield start, len(employers)


def prepared_chunks(
    seed: int, employers: Sequence[EmployerPlan], as_of: dt.date, processes: int
) -> Iterator[tuple[int, list[list[Prepared]]]]:
    """(index of the chunk's first employer, its prepared workers), in order; ``processes`` 0 plans here."""
    if processes < 1:
        for start, stop in chunks(employers):
            yield start, prepare(seed, employers[start:stop], as_of)
        return
    crypto.digest("")  # make (or read) the data key here, before any child looks for it
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        pending: deque[tuple[int, Future[list[list[Prepared]]]]] = deque()
        for start, stop in chunks(employers):
            pending.append((start, pool.submit(prepare, seed, employers[start:stop], as_of)))
            if len(pending) >= IN_FLIGHT_PER_PROCESS * processes:
                first, future = pending.popleft()
                yield first, future.result()
        while pending:
            first, future = pending.popleft()
            yield first, future.result()
