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


# The penalty provision (reference/penalties_odpl.csv) that a non-compliance of each checklist
# item most directly breaches, read from the item's legal basis (reference/inspection_items.csv
# column "basis": the duty's article) and the 职业病防治法 article that punishes breaching it.
# It is the default: an officer who finds e.g. an exceedance under OH05 names ODPL-72(1) instead.
PENALTY_ARTICLE_OF_ITEM: dict[str, str] = {
    "OH01": "ODPL-70(2)",  # Art.20 management measures -> Art.70(2)
    "OH02": "ODPL-71(1)",  # Art.16 declaration -> Art.71(1)
    "OH03": "ODPL-69(3)",  # Art.17-18 三同时 -> Art.69(3)
    "OH04": "ODPL-71(2)",  # Art.26(1) daily monitoring -> Art.71(2)
    "OH05": "ODPL-72(4)",  # Art.26(2) periodic measurement and evaluation -> Art.72(4)
    "OH06": "ODPL-72(3)",  # Art.25 facilities maintained and working -> Art.72(3)
    "OH07": "ODPL-72(2)",  # Art.22 PPE provided -> Art.72(2)
    "OH08": "ODPL-72(8)",  # Art.24 warning signs -> Art.72(8)
    "OH09": "ODPL-70(4)",  # Art.34 training -> Art.70(4)
    "OH10": "ODPL-71(4)",  # Art.35 health exams -> Art.71(4)
    "OH11": "ODPL-71(4)",  # Art.36 surveillance records -> Art.71(4)
    "OH12": "ODPL-74",  # Art.50 reporting cases -> Art.74
}


def penalty_article_of_item(item_code: str) -> str:
    """The default penalty provision for a non-compliant checklist item ("" if none is known)."""
    return PENALTY_ARTICLE_OF_ITEM.get(item_code, "")
