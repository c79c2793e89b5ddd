"""Parse noise_heat.csv rows (GBZ 2.2-2007) into noise, WBGT and labour-intensity limits."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum

from ohs.hazards.rules.errors import RuleInputError
from ohs.hazards.rules.limit_values import (
    NUMBER_RE,
    LimitValue,
    Provenance,
    cell,
    parse_confidence,
    parse_limit_value,
)

# noise_heat.csv agent names (column "agent") that the builders below look for.
AGENT_NOISE = "噪声"
AGENT_IMPULSE_NOISE = "脉冲噪声"
AGENT_HEAT = "高温"
AGENT_LABOUR_INTENSITY = "体力劳动强度"
SOURCE_SAME_AS_ABOVE = "same"  # noise_heat.csv abbreviates a repeated source this way

_EDITION_RE = re.compile(r"^\s*(GBZ(?:/T)?\s+[\d.]+-\d{4})\s*(.*?)\s*$")
_WBGT_CELL_RE = re.compile(r"\b(IV|III|II|I)\s*;\s*(?:contact-time ratio\s*)?(\d+(?:\.\d+)?)\s*%")
_IMPULSE_RE = re.compile(r"(?:(\d+)\s*<\s*)?n\s*<=\s*(\d+)")
_INTENSITY_CLASS_RE = re.compile(r"class\s+(IV|III|II|I)\b")
_INDEX_UPPER_RE = re.compile(r"n\s*<=\s*(\d+(?:\.\d+)?)")


class LabourIntensity(IntEnum):
    """Physical labour intensity class I-IV (GBZ 2.2-2007 table 13)."""

    I = 1  # noqa: E741 - GBZ 2.2-2007 names the class I
    II = 2
    III = 3
    IV = 4


@dataclass(frozen=True, slots=True)
class PhysicalLimitRow:
    """One row of noise_heat.csv; ``limit`` is None when the cell is not a plain number."""

    agent: str
    metric: str
    condition: str
    limit_text: str
    limit: LimitValue | None
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class ImpulseNoiseTier:
    """Peak limit for impulse counts in (min_impulses_exclusive, max_impulses_inclusive]."""

    min_impulses_exclusive: int
    max_impulses_inclusive: int
    peak_limit: LimitValue


@dataclass(frozen=True, slots=True)
class NoiseLimits:
    """GBZ 2.2-2007 noise limits: L_EX,8h, L_EX,W and impulse-noise peaks."""

    lex_8h: LimitValue
    lex_w: LimitValue
    impulse_tiers: tuple[ImpulseNoiseTier, ...]


@dataclass(frozen=True, slots=True)
class WbgtCell:
    """WBGT limit for one labour-intensity class and contact-time-ratio column."""

    intensity: LabourIntensity
    contact_time_ratio_percent: float
    limit: LimitValue


@dataclass(frozen=True, slots=True)
class WbgtTable:
    """GBZ 2.2-2007 WBGT table and its hot-region adjustment."""

    cells: tuple[WbgtCell, ...]
    hot_region_adjustment: LimitValue


@dataclass(frozen=True, slots=True)
class LabourIntensityTier:
    """Upper bound of the labour intensity index n for one class (None: open-ended)."""

    intensity: LabourIntensity
    max_index_inclusive: float | None
    provenance: Provenance


def parse_standard(text: str) -> tuple[str, str]:
    """Split a 'GBZ 2.2-2007 table 10' cell into (edition, clause)."""
    match = _EDITION_RE.match(text)
    if match is None:
        return text.strip(), ""
    return match.group(1), match.group(2)


def parse_physical_rows(
    rows: Iterable[Mapping[str, str]],
) -> tuple[PhysicalLimitRow, ...]:
    """Parse noise_heat.csv rows, resolving the 'same' source to the row above."""
    parsed: list[PhysicalLimitRow] = []
    last_source = ""
    for index, row in enumerate(rows):
        source = cell(row, "source")
        if source == SOURCE_SAME_AS_ABOVE:
            if not last_source:
                raise RuleInputError(f"rows[{index}].source", "'same' on the first row")
            source = last_source
        last_source = source
        edition, clause = parse_standard(cell(row, "standard"))
        provenance = Provenance(source, parse_confidence(cell(row, "confidence")), edition, clause)
        parsed.append(_physical_row(row, provenance))
    return tuple(parsed)


def _physical_row(row: Mapping[str, str], provenance: Provenance) -> PhysicalLimitRow:
    """Build one PhysicalLimitRow; non-numeric limit cells (e.g. '400/t') keep only text."""
    text, unit = cell(row, "limit"), cell(row, "unit")
    match = NUMBER_RE.match(text)
    is_plain = match is not None and match.group(2) == ""
    is_offset = text.startswith(("+", "-"))  # a signed cell adjusts other values (10.2.2)
    limit = (
        parse_limit_value(
            text,
            field="limit",
            default_unit=unit,
            provenance=provenance,
            is_offset=is_offset,
        )
        if is_plain
        else None
    )
    return PhysicalLimitRow(
        cell(row, "agent"),
        cell(row, "metric"),
        cell(row, "condition"),
        text,
        limit,
        provenance,
    )


def _numeric(row: PhysicalLimitRow) -> LimitValue:
    """The row's numeric limit, or RuleInputError naming the row."""
    if row.limit is None:
        raise RuleInputError("limit", f"{row.agent} {row.metric}: not a plain number: {row.limit_text!r}")
    return row.limit


def find_physical_limit(
    rows: Iterable[PhysicalLimitRow],
    *,
    agent: str,
    metric_prefix: str,
    condition: str = "",
) -> LimitValue:
    """Find the single numeric limit row by agent, metric prefix and condition substring."""
    found = [r for r in rows if r.agent == agent and r.metric.startswith(metric_prefix) and condition in r.condition]
    if len(found) != 1:
        raise RuleInputError("rows", f"{len(found)} rows match {agent} / {metric_prefix} / {condition!r}")
    return _numeric(found[0])


def build_noise_limits(rows: Iterable[PhysicalLimitRow]) -> NoiseLimits:
    """Collect the GBZ 2.2-2007 noise limits (11.2.1, table 10) from parsed rows."""
    rows = tuple(rows)
    tiers = []
    for row in rows:
        if row.agent != AGENT_IMPULSE_NOISE:
            continue
        match = _IMPULSE_RE.search(row.condition)
        if match is None:
            raise RuleInputError("condition", f"impulse count range not found in {row.condition!r}")
        tiers.append(ImpulseNoiseTier(int(match.group(1) or 0), int(match.group(2)), _numeric(row)))
    if not tiers:
        raise RuleInputError("rows", "no impulse-noise rows")
    return NoiseLimits(
        lex_8h=find_physical_limit(rows, agent=AGENT_NOISE, metric_prefix="L_EX_8h"),
        lex_w=find_physical_limit(rows, agent=AGENT_NOISE, metric_prefix="L_EX_W"),
        impulse_tiers=tuple(sorted(tiers, key=lambda t: t.max_impulses_inclusive)),
    )


def build_wbgt_table(rows: Iterable[PhysicalLimitRow]) -> WbgtTable:
    """Collect the GBZ 2.2-2007 WBGT table and the hot-region adjustment (10.2.2)."""
    cells: list[WbgtCell] = []
    adjustment: LimitValue | None = None
    for row in rows:
        if row.agent != AGENT_HEAT:
            continue
        if row.metric.startswith("WBGT adjustment"):
            adjustment = _numeric(row)
            continue
        match = _WBGT_CELL_RE.search(row.condition)
        if match is None:
            raise RuleInputError("condition", f"labour class and ratio not found in {row.condition!r}")
        cells.append(WbgtCell(LabourIntensity[match.group(1)], float(match.group(2)), _numeric(row)))
    if not cells or adjustment is None:
        raise RuleInputError("rows", "WBGT table or its hot-region adjustment is missing")
    return WbgtTable(cells=tuple(cells), hot_region_adjustment=adjustment)


def build_labour_intensity_tiers(
    rows: Iterable[PhysicalLimitRow],
) -> tuple[LabourIntensityTier, ...]:
    """Collect the labour intensity index bounds (GBZ 2.2-2007 table 13), ordered I to IV."""
    tiers = []
    for row in rows:
        if row.agent != AGENT_LABOUR_INTENSITY:
            continue
        cls = _INTENSITY_CLASS_RE.search(row.condition)
        if cls is None:
            raise RuleInputError("condition", f"class not found in {row.condition!r}")
        upper = _INDEX_UPPER_RE.search(row.limit_text)
        bound = float(upper.group(1)) if upper is not None else None
        tiers.append(LabourIntensityTier(LabourIntensity[cls.group(1)], bound, row.provenance))
    if not tiers:
        raise RuleInputError("rows", "no labour intensity rows")
    return tuple(sorted(tiers, key=lambda t: t.intensity))
