"""Writing many rows of one table fast: COPY on PostgreSQL, bulk_create in batches elsewhere.

Rows are tuples in the order of ``Table.fields``, which must name every concrete field of the
model: COPY fills no Django defaults, so a forgotten column would fail (or be NULL) rather than
take its default. Ids are reserved before writing, so the caller can point other rows at them
without reading anything back: on PostgreSQL from the table's own sequence (safe beside other
writers), on SQLite after the largest id (the load holds SQLite's one write lock throughout).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from psycopg import sql

Row = tuple[Any, ...]
PROGRESS_EVERY_SECONDS = 2.0


@dataclass
class TableStats:
    label: str
    rows: int = 0
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


class Table:
    """One table being loaded; ``stats`` counts the rows and the time spent writing them."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        concrete = {f.attname: f.column for f in model._meta.concrete_fields}
        if sorted(fields) != sorted(concrete):
            raise ValueError(f"{model.__name__}: rows must give exactly {sorted(concrete)}")
        self.model, self.fields = model, tuple(fields)
        self.columns = tuple(concrete[name] for name in self.fields)
        self.stats = TableStats(model._meta.db_table)
        self.is_postgresql = connection.vendor == "postgresql"
        self._next_id: int | None = None

    def reserve_ids(self, count: int) -> list[int]:
        """``count`` fresh primary keys, ascending."""
        if count <= 0:
            return []
        if self.is_postgresql:
            return self._reserve_from_sequence(count)
        if self._next_id is None:
            largest = self.model._default_manager.aggregate(largest=models.Max("pk"))["largest"]
            self._next_id = (largest or 0) + 1
        first, self._next_id = self._next_id, self._next_id + count
        return list(range(first, first + count))

    def write(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        started = time.perf_counter()
        if self.is_postgresql:
            self._copy(rows)
        else:
            self.model._default_manager.bulk_create(
                [self.model(**dict(zip(self.fields, r, strict=True))) for r in rows]
            )
        self.stats.rows += len(rows)
        self.stats.seconds += time.perf_counter() - started

    def _reserve_from_sequence(self, count: int) -> list[int]:
        table, pk = self.model._meta.db_table, self.model._meta.pk.column
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, count]
            )
            return sorted(row[0] for row in cursor.fetchall())

    def _copy(self, rows: Sequence[Row]) -> None:
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(self.model._meta.db_table), sql.SQL(", ").join(map(sql.Identifier, self.columns))
        )
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)


class Meter:
    """Progress of a stage: rows so far and rows per second, printed every few seconds."""

    def __init__(self, label: str, total: int, progress: Callable[[str], None]) -> None:
        self.label, self.total, self.progress = label, total, progress
        self.rows = self._printed = 0
        self.started = self._last = time.perf_counter()

    def add(self, rows: int) -> None:
        self.rows += rows
        now = time.perf_counter()
        if now - self._last >= PROGRESS_EVERY_SECONDS:
            self._last = now
            self._print(now)

    def finish(self) -> float:
        """Print the final line; the stage's seconds."""
        now = time.perf_counter()
        if self.rows != self._printed or not self.rows:
            self._print(now)
        return now - self.started

    def _print(self, now: float) -> None:
        rate = self.rows / max(now - self.started, 1e-9)
        self._printed = self.rows
        self.progress(f"  {self.label}: {self.rows:,} / {self.total:,} rows ({rate:,.0f} rows/s)")
