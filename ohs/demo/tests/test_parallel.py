"""Workers planned in spawned processes are the workers planned here."""

from __future__ import annotations

import datetime as dt

import pytest

from ohs.core import crypto
from ohs.demo import parallel
from ohs.demo.rules.employers import County
from ohs.demo.rules.province import Scale, employer_plans
from ohs.demo.trades import TRADES, industry_groups

AS_OF = dt.date(2026, 3, 15)


def test_pool_prepares_the_same_workers_in_the_same_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK_WORKERS", 20)  # several chunks from a few employers
    employers = list(employer_plans(5, Scale(12, 8), [County("330102", "上城区")], TRADES, industry_groups(), AS_OF))
    here = list(parallel.prepared_chunks(5, employers, AS_OF, processes=0))
    pooled = list(parallel.prepared_chunks(5, employers, AS_OF, processes=1))
    assert len(here) > 2
    assert [start for start, _ in pooled] == [start for start, _ in here]
    for (_, ours), (_, theirs) in zip(here, pooled, strict=True):
        for our_workers, their_workers in zip(ours, theirs, strict=True):
            for (plan, _, digest, masked), (their_plan, encrypted, their_digest, their_masked) in zip(
                our_workers, their_workers, strict=True
            ):
                assert (plan, digest, masked) == (their_plan, their_digest, their_masked)
                assert crypto.decrypt(encrypted) == plan.id_number
