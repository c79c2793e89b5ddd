"""Query budgets: a list page or list API that grows a query per row fails its test (N+1)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def query_budget(limit: int) -> Iterator[CaptureQueriesContext]:
    """Fail when the block runs more than ``limit`` queries; the message lists them."""
    with CaptureQueriesContext(connection) as captured:
        yield captured
    count = len(captured.captured_queries)
    if count > limit:
        listing = "\n".join(q["sql"][:200] for q in captured.captured_queries)
        raise AssertionError(f"{count} queries, budget {limit}:\n{listing}")
