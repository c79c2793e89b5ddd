"""Load the region tree from the project's reference data (GB/T 2260, reference/regions_zhejiang.csv)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ohs.geo.rules.codes import level_of

REGIONS_CSV = Path(__file__).resolve().parents[2] / "reference" / "regions_zhejiang.csv"


def read_region_rows(path: Path = REGIONS_CSV) -> list[dict[str, str]]:
    """Rows sorted so that every parent comes before its children; levels checked against codes."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if level_of(row["code"]) != row["level"]:
            raise ValueError(f"region {row['code']}: level {row['level']!r} does not match its code")
    return sorted(rows, key=lambda row: row["code"])


def load_regions(region_model: Any) -> int:
    """Create or update every region; works with the historical model inside a migration."""
    for row in read_region_rows():
        region_model.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name_zh"], "level": row["level"], "parent_id": row["parent_code"] or None},
        )
    return region_model.objects.count()  # type: ignore[no-any-return]
