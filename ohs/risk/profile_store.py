"""Writing a batch of risk profiles in one upsert.

On PostgreSQL the rows go through psycopg's pipelined ``executemany`` with JSON passed as text:
Django's ``bulk_create`` packs each column into an array, and escaping the JSON text of the
reasons and shortfalls into array literals cost more than the classification itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection

from ohs.risk.models import RiskProfile

COLUMNS = (
    "employer_id",
    "county_id",
    "scheme_id",
    "risk_class",
    "matrix_class",
    "grade",
    "management_grade",
    "exposure_level",
    "is_downgraded",
    "shortfalls",
    "released",
    "reasons",
    "unknown_inputs",
    "inputs",
    "rule_version",
    "config_version",
    "computed_at",
)
JSON_COLUMNS = frozenset({"shortfalls", "released", "reasons", "unknown_inputs", "inputs"})


def upsert_profiles(rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert or replace the profile of each employer (caller holds the transaction)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        objs = [RiskProfile(**row) for row in rows]
        fields = ["county" if c == "county_id" else c for c in COLUMNS[1:]]
        RiskProfile.objects.bulk_create(
            objs, update_conflicts=True, unique_fields=["employer"], update_fields=fields, batch_size=500
        )
        return
    table = RiskProfile._meta.db_table
    values = ", ".join("%s::jsonb" if c in JSON_COLUMNS else "%s" for c in COLUMNS)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS[1:])
    sql = (
        f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({values}) "  # noqa: S608 - fixed names
        f"ON CONFLICT (employer_id) DO UPDATE SET {updates}"
    )
    params = [
        [json.dumps(row[c], ensure_ascii=False) if c in JSON_COLUMNS else row[c] for c in COLUMNS] for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
