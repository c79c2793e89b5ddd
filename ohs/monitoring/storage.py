# ruff: noqa: S608 - table and partition names are module constants or dates; every value is a parameter
"""The readings table: created per database, written in bulk, partitioned and rolled up.

PostgreSQL: ``monitoring_reading`` is natively partitioned by day on ``measured_at``; the only
btree is the primary key (channel_id, measured_at) that makes a resent reading a no-op, and a
BRIN index on time serves range scans at a fraction of a btree's write cost. A batch is COPYed
into a temporary staging table and moved with ``INSERT ... ON CONFLICT DO NOTHING``.
SQLite (embedded default): the same columns in a plain table, ``INSERT OR IGNORE`` with
executemany. Never a row at a time.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "monitoring_reading"
STAGE = "monitoring_reading_stage"
AGGREGATE_TABLE = "monitoring_minuteaggregate"
COLUMNS = ("channel_id", "device_id", "measured_at", "value", "flag")
_DEFAULT_PARTITION = f"{TABLE}_default"


class StoredReading(NamedTuple):
    """A row of the readings table, in ``COLUMNS`` order (a tuple: COPY writes it as it is)."""

    channel_id: int
    device_id: int
    measured_at: dt.datetime
    value: float
    flag: str = "N"


def is_postgres(conn: BaseDatabaseWrapper = connection) -> bool:
    return conn.vendor == "postgresql"


def create_table(conn: BaseDatabaseWrapper, today: dt.date, ahead_days: int = 7, behind_days: int = 8) -> None:
    """Create the readings table (and on PostgreSQL the partitions around ``today``)."""
    with conn.cursor() as cursor:
        if not is_postgres(conn):
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {TABLE} (channel_id integer NOT NULL, device_id integer NOT NULL, "
                "measured_at datetime NOT NULL, value real NOT NULL, flag varchar(1) NOT NULL DEFAULT 'N', "
                "PRIMARY KEY (channel_id, measured_at)) WITHOUT ROWID"
            )
            return
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (channel_id integer NOT NULL, device_id integer NOT NULL, "
            "measured_at timestamptz NOT NULL, value double precision NOT NULL, flag varchar(1) NOT NULL "
            "DEFAULT 'N', PRIMARY KEY (channel_id, measured_at)) PARTITION BY RANGE (measured_at)"
        )
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_time_brin ON {TABLE} USING brin (measured_at)")
        # A reading outside every day partition still lands somewhere: ingest never fails on the calendar.
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {_DEFAULT_PARTITION} PARTITION OF {TABLE} DEFAULT")
    ensure_partitions(conn, today - dt.timedelta(days=behind_days), today + dt.timedelta(days=ahead_days))


def drop_table(conn: BaseDatabaseWrapper) -> None:
    with conn.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def partition_name(day: dt.date) -> str:
    return f"{TABLE}_p{day:%Y%m%d}"


def existing_partitions(conn: BaseDatabaseWrapper = connection) -> list[str]:
    """Names of the day partitions, oldest first (PostgreSQL)."""
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = %s ORDER BY c.relname",
            [TABLE],
        )
        return [name for (name,) in cursor.fetchall() if name != _DEFAULT_PARTITION]


def ensure_partitions(conn: BaseDatabaseWrapper, first: dt.date, last: dt.date) -> list[str]:
    """Create the missing day partitions from ``first`` to ``last`` (UTC days); returns those created."""
    if not is_postgres(conn):
        return []
    have = set(existing_partitions(conn))
    created = []
    day = first
    with conn.cursor() as cursor:
        while day <= last:
            name = partition_name(day)
            if name not in have:
                cursor.execute(
                    f"CREATE TABLE {name} PARTITION OF {TABLE} FOR VALUES FROM (%s) TO (%s)",
                    [f"{day.isoformat()} 00:00:00+00", f"{(day + dt.timedelta(days=1)).isoformat()} 00:00:00+00"],
                )
                created.append(name)
            day += dt.timedelta(days=1)
    return created


def drop_partitions_before(conn: BaseDatabaseWrapper, cutoff: dt.date) -> list[str]:
    """Drop whole day partitions older than ``cutoff`` (retention), on PostgreSQL; delete rows on SQLite."""
    if not is_postgres(conn):
        with conn.cursor() as cursor:
            cutoff_at = dt.datetime.combine(cutoff, dt.time(), tzinfo=dt.UTC)
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE measured_at < %s", [conn.ops.adapt_datetimefield_value(cutoff_at)]
            )
        return []
    dropped = [name for name in existing_partitions(conn) if name < partition_name(cutoff)]
    cutoff_at = dt.datetime.combine(cutoff, dt.time(), tzinfo=dt.UTC)
    with conn.cursor() as cursor:
        for name in dropped:
            cursor.execute(f"DROP TABLE {name}")
        # What fell outside every day partition (older than the partitions made at install) too.
        cursor.execute(f"DELETE FROM {_DEFAULT_PARTITION} WHERE measured_at < %s", [cutoff_at])
    return dropped


def drop_aggregates_before(cutoff: dt.datetime) -> int:
    """Minute aggregates past their own (longer) retention; returns the rows deleted."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {AGGREGATE_TABLE} WHERE minute < %s", [connection.ops.adapt_datetimefield_value(cutoff)]
        )
        return int(cursor.rowcount)


def write_readings(rows: Sequence[StoredReading]) -> int:
    """Store a batch in one transaction; a reading already stored is skipped. Returns rows added.

    Inside a caller's transaction no savepoint is taken (a failure fails the caller's batch whole,
    which is what the ingest transports retry): two round trips less per batch."""
    if not rows:
        return 0
    with transaction.atomic(savepoint=False):
        if is_postgres():
            return _copy_postgres(rows)
        return _insert_sqlite(rows)


# Temporary staging tables each database session already holds (a table lives as long as its session).
_staged: dict[str, weakref.WeakSet[object]] = {}


def copy_to_stage(
    cursor: Any, stage: str, create_sql: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
) -> None:
    """COPY rows into a temporary staging table (``ON COMMIT DELETE ROWS``: call inside a transaction),
    made once per database session. COPY is the cheapest way in: psycopg writes rows in C, where
    bound parameters (arrays of JSON above all) are quoted in Python."""
    session = connection.connection
    held = _staged.setdefault(stage, weakref.WeakSet())
    if session not in held:
        cursor.execute(create_sql)
        # Known only once committed: a rolled-back transaction takes the new table with it.
        transaction.on_commit(lambda: held.add(session))
    with cursor.cursor.copy(f"COPY {stage} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _copy_postgres(rows: Sequence[StoredReading]) -> int:
    with connection.cursor() as cursor:
        create = f"CREATE TEMP TABLE IF NOT EXISTS {STAGE} (LIKE {TABLE} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
        copy_to_stage(cursor, STAGE, create, COLUMNS, rows)
        cursor.execute(
            f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) SELECT {', '.join(COLUMNS)} FROM {STAGE} "
            "ON CONFLICT DO NOTHING"
        )
        return int(cursor.rowcount)


def _insert_sqlite(rows: Sequence[StoredReading]) -> int:
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        before = connection.connection.total_changes
        cursor.executemany(
            f"INSERT OR IGNORE INTO {TABLE} ({', '.join(COLUMNS)}) VALUES (%s, %s, %s, %s, %s)",
            [(r.channel_id, r.device_id, adapt(r.measured_at), r.value, r.flag) for r in rows],
        )
        return int(connection.connection.total_changes - before)


def readings_since(channel_ids: Sequence[int], since: dt.datetime) -> list[tuple[int, dt.datetime, float]]:
    """(channel, time, value) of the channels' readings stored after ``since``, in no particular order."""
    if not channel_ids:
        return []
    if is_postgres():
        with connection.cursor() as cursor:  # one array parameter, however many channels
            cursor.execute(
                f"SELECT channel_id, measured_at, value FROM {TABLE} WHERE channel_id = ANY(%s) AND measured_at > %s",
                [list(channel_ids), since],
            )
            return list(cursor.fetchall())
    from ohs.monitoring.models import Reading  # SQLite: the ORM turns its stored text back into aware times

    rows = Reading.objects.filter(channel_id__in=channel_ids, measured_at__gt=since)
    return list(rows.values_list("channel_id", "measured_at", "value"))


def roll_up_minutes(start: dt.datetime, end: dt.datetime) -> int:
    """(Re)compute the minute aggregates of readings in [start, end); returns the rows written."""
    minute = "date_trunc('minute', measured_at)" if is_postgres() else "strftime('%%Y-%%m-%%d %%H:%%M:00', measured_at)"
    adapt = connection.ops.adapt_datetimefield_value
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {AGGREGATE_TABLE} (channel_id, minute, count, mean, minimum, maximum) "
            f"SELECT channel_id, {minute}, count(*), avg(value), min(value), max(value) FROM {TABLE} "
            "WHERE measured_at >= %s AND measured_at < %s GROUP BY channel_id, 2 "
            "ON CONFLICT (channel_id, minute) DO UPDATE SET count = excluded.count, mean = excluded.mean, "
            "minimum = excluded.minimum, maximum = excluded.maximum",
            [adapt(start), adapt(end)],
        )
        return int(cursor.rowcount)
