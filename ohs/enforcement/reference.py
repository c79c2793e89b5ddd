"""Reference data of the enforcement rules, loaded once from the project's reference/ files."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _

from ohs.core.errors import DomainError, ErrorCode
from ohs.enforcement.rules.violations import Violation, violations_from_rows

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "reference"
PENALTIES_CSV = REFERENCE_DIR / "penalties_odpl.csv"  # ODPL Chapter VII penalty table


@lru_cache(maxsize=1)
def violations() -> dict[str, Violation]:
    """Article → violation, for the rows that name one article (not the summary rows)."""
    with PENALTIES_CSV.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["article"].startswith("ODPL-")]
    return {v.article: v for v in violations_from_rows(rows)}


def violation_for(article: str, field: str = "article") -> Violation:
    found = violations().get(article.strip())
    if found is None:
        raise DomainError(
            ErrorCode.INVALID,
            _("%(article)s is not a provision of the penalty table") % {"article": article},
            field=field,
        )
    return found


def article_choices() -> list[tuple[str, str]]:
    return [(a, f"{a} {v.summary_zh}") for a, v in violations().items()]
