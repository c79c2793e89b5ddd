"""Parse reference rows into frozen limit dataclasses.

Rows arrive as ``csv.DictReader`` gives them (``Mapping[str, str]``) from
``reference/oel_chemicals.csv``, ``oel_dusts.csv`` and ``noise_heat.csv``; the
Django catalogue reads the files and calls these functions. Every value keeps
its source, confidence (A/B/C as reference/README.md defines) and edition, so
a judgement resting on a value below A can say so. The value types live in
:mod:`.limit_values` and the noise/heat parsers in :mod:`.physical_limits`;
both are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ohs.hazards.rules.errors import RuleInputError, check_non_negative
from ohs.hazards.rules.limit_values import (
    DEFAULT_CONCENTRATION_UNIT,
    Confidence,
    LimitValue,
    Provenance,
    cell,
    parse_confidence,
    parse_limit_value,
)
from ohs.hazards.rules.physical_limits import (
    ImpulseNoiseTier,
    LabourIntensity,
    LabourIntensityTier,
    NoiseLimits,
    PhysicalLimitRow,
    WbgtCell,
    WbgtTable,
    build_labour_intensity_tiers,
    build_noise_limits,
    build_wbgt_table,
    find_physical_limit,
    parse_physical_rows,
    parse_standard,
)

_SILICA = r"(?:游离\s*SiO2|free\s+SiO2)"
_OP = r"(<=|>=|≤|≥|<|>)"
_SILICA_RANGE_RE = re.compile(rf"(\d+(?:\.\d+)?)\s*%\s*{_OP}\s*{_SILICA}\s*{_OP}\s*(\d+(?:\.\d+)?)\s*%")
_SILICA_BOUND_RE = re.compile(rf"{_SILICA}\s*{_OP}\s*(\d+(?:\.\d+)?)\s*%")


@dataclass(frozen=True, slots=True)
class ChemicalOel:
    """GBZ 2.1 limits of one chemical agent: MAC, PC-TWA, PC-STEL."""

    name_zh: str
    name_en: str
    cas: str
    mac: LimitValue | None
    pc_twa: LimitValue | None
    pc_stel: LimitValue | None
    has_skin_notation: bool
    is_sensitizer: bool
    carcinogen_class: str
    notes: str
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class SilicaTier:
    """A free-SiO2 content range (percent) that a dust limit applies to."""

    lower_percent: float | None
    is_lower_inclusive: bool
    upper_percent: float | None
    is_upper_inclusive: bool

    def contains(self, percent: float) -> bool:
        """True when ``percent`` free SiO2 falls inside this tier."""
        if self.lower_percent is not None:
            below = percent < self.lower_percent if self.is_lower_inclusive else percent <= self.lower_percent
            if below:
                return False
        if self.upper_percent is not None:
            above = percent > self.upper_percent if self.is_upper_inclusive else percent >= self.upper_percent
            if above:
                return False
        return True


@dataclass(frozen=True, slots=True)
class DustOel:
    """GBZ 2.1 PC-TWA of one dust row: total and respirable, with its free-SiO2 tier."""

    name_zh: str
    name_en: str
    cas: str
    condition: str
    pc_twa_total: LimitValue | None
    pc_twa_respirable: LimitValue | None
    silica_tier: SilicaTier | None
    carcinogen_class: str
    notes: str
    provenance: Provenance


def _row_provenance(row: Mapping[str, str], edition: str) -> Provenance:
    """Provenance of a limit row whose file has a single edition."""
    return Provenance(
        source=cell(row, "source"),
        confidence=parse_confidence(cell(row, "confidence")),
        edition=edition,
    )


def parse_chemical_oel(row: Mapping[str, str], *, edition: str) -> ChemicalOel:
    """Parse one oel_chemicals.csv row (GBZ 2.1 table 1) into a ChemicalOel."""
    provenance = _row_provenance(row, edition)

    def limit(column: str) -> LimitValue | None:
        """The row's limit in ``column``, in mg/m3 unless the cell names a unit."""
        return parse_limit_value(
            cell(row, column),
            field=column,
            default_unit=DEFAULT_CONCENTRATION_UNIT,
            provenance=provenance,
        )

    return ChemicalOel(
        name_zh=cell(row, "name_zh"),
        name_en=cell(row, "name_en"),
        cas=cell(row, "cas"),
        mac=limit("mac_mg_m3"),
        pc_twa=limit("pc_twa_mg_m3"),
        pc_stel=limit("pc_stel_mg_m3"),
        has_skin_notation=cell(row, "skin").upper() == "Y",
        is_sensitizer=cell(row, "sensitizer").upper() == "Y",
        carcinogen_class=cell(row, "carcinogen_class"),
        notes=cell(row, "critical_effect_or_notes"),
        provenance=provenance,
    )


def _is_inclusive(op: str) -> bool:
    """True for the non-strict comparison operators."""
    return op in ("<=", ">=", "≤", "≥")


def parse_silica_tier(text: str) -> SilicaTier | None:
    """Find a free-SiO2 range such as '10%≤游离SiO2≤50%' or 'free SiO2<10%' in ``text``."""
    ranged = _SILICA_RANGE_RE.search(text)
    if ranged is not None:
        low, low_op, high_op, high = ranged.groups()
        return SilicaTier(float(low), _is_inclusive(low_op), float(high), _is_inclusive(high_op))
    bound = _SILICA_BOUND_RE.search(text)
    if bound is None:
        return None
    op, number = bound.groups()
    if op in ("<", "<=", "≤"):
        return SilicaTier(None, False, float(number), _is_inclusive(op))
    return SilicaTier(float(number), _is_inclusive(op), None, False)


def parse_dust_oel(row: Mapping[str, str], *, edition: str) -> DustOel:
    """Parse one oel_dusts.csv row (GBZ 2.1 table 2) into a DustOel."""
    provenance = _row_provenance(row, edition)
    name_zh, condition = cell(row, "name_zh"), cell(row, "condition")

    def limit(column: str) -> LimitValue | None:
        """The row's limit in ``column``, in mg/m3 unless the cell names a unit."""
        return parse_limit_value(
            cell(row, column),
            field=column,
            default_unit=DEFAULT_CONCENTRATION_UNIT,
            provenance=provenance,
        )

    return DustOel(
        name_zh=name_zh,
        name_en=cell(row, "name_en"),
        cas=cell(row, "cas"),
        condition=condition,
        pc_twa_total=limit("pc_twa_total_mg_m3"),
        pc_twa_respirable=limit("pc_twa_resp_mg_m3"),
        silica_tier=parse_silica_tier(f"{name_zh} {condition}"),
        carcinogen_class=cell(row, "carcinogen_class"),
        notes=cell(row, "critical_effect_or_notes"),
        provenance=provenance,
    )


def select_dust_oel(candidates: Iterable[DustOel], free_silica_percent: float) -> DustOel:
    """Pick the one dust row whose free-SiO2 tier covers ``free_silica_percent``."""
    percent = check_non_negative(free_silica_percent, "free_silica_percent")
    if percent > 100:
        raise RuleInputError("free_silica_percent", f"must be at most 100, got {percent!r}")
    matching = [c for c in candidates if c.silica_tier is None or c.silica_tier.contains(percent)]
    if not matching:
        raise RuleInputError("free_silica_percent", f"no dust limit tier covers {percent:g}% free SiO2")
    if len(matching) > 1:
        names = ", ".join(f"{c.name_zh} [{c.condition}]" for c in matching)
        raise RuleInputError("candidates", f"{len(matching)} rows match {percent:g}% free SiO2: {names}")
    return matching[0]


__all__ = [
    "DEFAULT_CONCENTRATION_UNIT",
    "ChemicalOel",
    "Confidence",
    "DustOel",
    "ImpulseNoiseTier",
    "LabourIntensity",
    "LabourIntensityTier",
    "LimitValue",
    "NoiseLimits",
    "PhysicalLimitRow",
    "Provenance",
    "SilicaTier",
    "WbgtCell",
    "WbgtTable",
    "build_labour_intensity_tiers",
    "build_noise_limits",
    "build_wbgt_table",
    "find_physical_limit",
    "parse_chemical_oel",
    "parse_confidence",
    "parse_dust_oel",
    "parse_limit_value",
    "parse_physical_rows",
    "parse_silica_tier",
    "parse_standard",
    "select_dust_oel",
]
