"""Turn reference/surveillance_gbz188.csv rows into per-edition frozen rules (pure parser)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Final

from ohs.exams.rules.period_table import find_period_entry
from ohs.exams.rules.protocol_types import (
    ExamType,
    FollowUpPolicy,
    HazardRule,
    PeriodBasis,
    PeriodPolicy,
    PeriodStatus,
    ScheduleRuleSet,
)
from ohs.exams.rules.provenance import Edition, parse_confidence

# The CSV has no edition column; every source in it quotes GBZ 188-2014 (see its
# `source` column and reference/surveillance_notes.md "Editions"). A row may add an
# `edition` cell to say otherwise.
CSV_DEFAULT_EDITION: Final = Edition.GBZ188_2014
DEFAULT_CATALOGUE: Final = "reference/surveillance_gbz188.csv"
PROTOCOL_LOGIC_VERSION: Final = "protocol/1"

_EDITION_SPELLINGS: Final = MappingProxyType(
    {
        "GBZ 188-2014": Edition.GBZ188_2014,
        "GBZ188-2014": Edition.GBZ188_2014,
        "2014": Edition.GBZ188_2014,
        "GBZ 188-2025": Edition.GBZ188_2025,
        "GBZ188-2025": Edition.GBZ188_2025,
        "2025": Edition.GBZ188_2025,
    }
)

_EXAM_TYPE_TOKENS: Final = MappingProxyType(
    {
        "上岗前": ExamType.PRE,
        "在岗期间": ExamType.PERIODIC,
        "离岗时": ExamType.EXIT,
        "应急": ExamType.EMERGENCY,
        "离岗后": ExamType.POST_EXIT,
        "离岗后(随访)": ExamType.POST_EXIT,
    }
)

_EMPTY_CELL: Final = "-"  # the CSV's marker for "nothing stated"


def _cell(row: Mapping[str, str], column: str) -> str:
    value = row.get(column)
    if value is None:
        raise ValueError(f"surveillance row lacks column {column!r}")
    return value.strip()


def split_list_cell(text: str) -> tuple[str, ...]:
    """Split a `;`-separated cell, ignoring semicolons inside parentheses."""
    parts: list[str] = []
    depth, current = 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return tuple(p.strip() for p in parts if p.strip() and p.strip() != _EMPTY_CELL)


def parse_exam_types(text: str) -> frozenset[ExamType]:
    """Read the `exam_types` cell (上岗前;在岗期间;...) through an explicit token table."""
    tokens = split_list_cell(text)
    unknown = [t for t in tokens if t not in _EXAM_TYPE_TOKENS]
    if unknown:
        raise ValueError(f"unknown GBZ 188 exam type(s): {', '.join(unknown)}")
    return frozenset(_EXAM_TYPE_TOKENS[t] for t in tokens)


def row_edition(row: Mapping[str, str]) -> Edition:
    """The edition a row belongs to (CSV_DEFAULT_EDITION when the row has no edition cell)."""
    text = (row.get("edition") or "").strip()
    if not text:
        return CSV_DEFAULT_EDITION
    if text not in _EDITION_SPELLINGS:
        raise ValueError(f"unknown GBZ 188 edition: {text!r}")
    return _EDITION_SPELLINGS[text]


def _unmapped_policy(row: Mapping[str, str]) -> PeriodPolicy:
    hazard, period = _cell(row, "hazard"), _cell(row, "on_duty_period")
    cited = f"{DEFAULT_CATALOGUE}, {hazard}: {period} | {_cell(row, 'period_conditions')}"
    return PeriodPolicy(PeriodStatus.UNMAPPED, PeriodBasis.FIXED, (), cited)


def _rule_from_row(row: Mapping[str, str], edition: Edition) -> HazardRule | FollowUpPolicy:
    hazard = _cell(row, "hazard")
    period_text = _cell(row, "on_duty_period")
    conditions = _cell(row, "period_conditions")
    entry = find_period_entry(edition, hazard, period_text, conditions)
    source, confidence = (
        _cell(row, "source"),
        parse_confidence(row.get("confidence") or ""),
    )
    if entry is not None and entry.follow_up is not None:
        return replace(entry.follow_up, source=source, confidence=confidence)
    policy = entry.policy if entry is not None and entry.policy is not None else None
    return HazardRule(
        hazard=hazard,
        edition=edition,
        exam_types=parse_exam_types(_cell(row, "exam_types")),
        periodic=policy if policy is not None else _unmapped_policy(row),
        target_diseases=split_list_cell(_cell(row, "target_diseases_short")),
        contraindications=split_list_cell(_cell(row, "main_contraindications_short")),
        core_items=entry.core_items if entry is not None else (),
        source=source,
        confidence=confidence,
        period_text=period_text,
        period_conditions_text=conditions,
    )


def _follow_up_target(row: Mapping[str, str], edition: Edition) -> str:
    entry = find_period_entry(
        edition,
        _cell(row, "hazard"),
        _cell(row, "on_duty_period"),
        _cell(row, "period_conditions"),
    )
    if entry is None or entry.follow_up_for is None:
        raise ValueError(f"row {_cell(row, 'hazard')!r} is not a follow-up row")
    return entry.follow_up_for


def _attach_follow_ups(rules: list[HazardRule], follow_ups: dict[str, FollowUpPolicy]) -> tuple[HazardRule, ...]:
    by_hazard = {rule.hazard: rule for rule in rules}
    missing = sorted(set(follow_ups) - set(by_hazard))
    if missing:
        raise ValueError(f"follow-up rows for hazards without a row: {', '.join(missing)}")
    return tuple(
        replace(rule, post_exit=follow_ups[rule.hazard]) if rule.hazard in follow_ups else rule for rule in rules
    )


def schedule_rules_from_rows(
    rows: Iterable[Mapping[str, str]],
    edition: Edition,
    *,
    catalogue_version: str = DEFAULT_CATALOGUE,
) -> ScheduleRuleSet:
    """Parse CSV rows (as csv.DictReader gives them) into the rule set of one edition."""
    rules: list[HazardRule] = []
    follow_ups: dict[str, FollowUpPolicy] = {}
    for row in rows:
        if row_edition(row) is not edition:
            continue
        parsed = _rule_from_row(row, edition)
        if isinstance(parsed, FollowUpPolicy):
            follow_ups[_follow_up_target(row, edition)] = parsed
        elif any(rule.hazard == parsed.hazard for rule in rules):
            raise ValueError(f"hazard listed twice for {edition.value}: {parsed.hazard}")
        else:
            rules.append(parsed)
    version = f"{edition.value} | {catalogue_version} | {PROTOCOL_LOGIC_VERSION}"
    return ScheduleRuleSet(edition, _attach_follow_ups(rules, follow_ups), version)
