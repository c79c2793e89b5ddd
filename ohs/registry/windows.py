"""The declaration windows, loaded once from reference/declaration_windows.csv."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ohs.registry.rules.declarations import Window, windows_from_rows

WINDOWS_CSV = Path(__file__).resolve().parents[2] / "reference" / "declaration_windows.csv"


@lru_cache(maxsize=1)
def declaration_windows() -> dict[tuple[str, str], Window]:
    with WINDOWS_CSV.open(encoding="utf-8") as handle:
        return windows_from_rows(csv.DictReader(handle))
