"""Reference data the risk app reads: industry severity (2021 project risk catalogue) and the
random/self-inspection checklist items."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ohs.risk.rules.classification_config import Severity

REFERENCE = Path(__file__).resolve().parents[2] / "reference"


@lru_cache(maxsize=1)
def industry_severity_table() -> dict[str, Severity]:
    """GB/T 4754 group code -> 严重/一般 (国卫办职健发〔2021〕5号, reference/project_risk_catalog.csv).

    A group split into sub-items of different severity (e.g. 053 牛、羊 严重, 其他 一般) counts
    as 严重: the registry records the group, not the sub-item, and the stricter reading is safe.
    """
    table: dict[str, Severity] = {}
    with (REFERENCE / "project_risk_catalog.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            severity = Severity(row["risk"])
            if table.get(row["code"]) is not Severity.SERIOUS:
                table[row["code"]] = severity
    return table


def industry_severity(industry_code: str) -> Severity:
    """Severity of a group code; a division (2 digits) takes its most severe group; else unlisted."""
    table = industry_severity_table()
    code = industry_code.strip()
    if code in table:
        return table[code]
    if len(code) == 2:
        found = {s for group, s in table.items() if group.startswith(code)}
        if found:
            return Severity.SERIOUS if Severity.SERIOUS in found else Severity.GENERAL
    return Severity.UNLISTED


@lru_cache(maxsize=1)
def inspection_items() -> dict[str, str]:
    """Checklist items (reference/inspection_items.csv): code -> Chinese name."""
    with (REFERENCE / "inspection_items.csv").open(encoding="utf-8") as handle:
        return {row["code"]: row["name_zh"] for row in csv.DictReader(handle)}
