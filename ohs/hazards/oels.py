"""The catalogue as the exposure engine's frozen dataclasses, at a given catalogue version.

A decision (a measurement report, a classification) first fixes its version with
``queries.resolve_version(None)``, stores that number, and passes it here; the same number
gives the same limits later, whatever corrections came in between.
"""

from __future__ import annotations

from collections.abc import Sequence

from ohs.core.errors import DomainError, ErrorCode
from ohs.hazards import queries
from ohs.hazards.choices import Category, Metric
from ohs.hazards.models import Agent, LimitValue
from ohs.hazards.rules.limit_values import Confidence, Provenance
from ohs.hazards.rules.limit_values import LimitValue as EngineLimit
from ohs.hazards.rules.limits import (
    ChemicalOel,
    DustOel,
    LabourIntensityTier,
    NoiseLimits,
    PhysicalLimitRow,
    WbgtTable,
    build_labour_intensity_tiers,
    build_noise_limits,
    build_wbgt_table,
    parse_silica_tier,
)


def _provenance(row: LimitValue) -> Provenance:
    return Provenance(source=row.source, confidence=Confidence(row.confidence), edition=row.edition, clause=row.clause)


def _engine_limit(row: LimitValue | None) -> EngineLimit | None:
    if row is None or row.value is None:
        return None
    return EngineLimit(value=float(row.value), unit=row.unit, provenance=_provenance(row))


def _weakest(rows: Sequence[LimitValue]) -> Provenance:
    """The provenance of a group of values: its least confirmed member (C before B before A)."""
    return _provenance(max(rows, key=lambda r: r.confidence))


def _by_metric(rows: Sequence[LimitValue], metric: str) -> LimitValue | None:
    return next((r for r in rows if r.metric == metric), None)


def _require(agent: Agent, category: str, rows: Sequence[LimitValue]) -> None:
    if agent.category != category:
        raise DomainError(ErrorCode.INVALID, f"{agent.name_zh} is {agent.category}, not {category}", field="agent")
    if not rows:
        raise DomainError(ErrorCode.INVALID, f"{agent.name_zh} has no limit in this catalogue version", field="agent")


def chemical_oel(agent: Agent, version: int | None = None) -> ChemicalOel:
    """MAC, PC-TWA and PC-STEL of a chemical agent as ChemicalOel, at ``version`` (default: now)."""
    rows = queries.get_agent_limits(agent, version)
    _require(agent, Category.CHEMICAL, rows)
    return ChemicalOel(
        name_zh=agent.name_zh,
        name_en=agent.name_en,
        cas=agent.cas,
        mac=_engine_limit(_by_metric(rows, Metric.MAC)),
        pc_twa=_engine_limit(_by_metric(rows, Metric.PC_TWA)),
        pc_stel=_engine_limit(_by_metric(rows, Metric.PC_STEL)),
        has_skin_notation=agent.has_skin_notation,
        is_sensitizer=agent.is_sensitizer,
        carcinogen_class=agent.carcinogen_class,
        notes=agent.notes,
        provenance=_weakest(rows),
    )


def dust_oels(agent: Agent, version: int | None = None) -> tuple[DustOel, ...]:
    """One DustOel per condition (free-SiO2 tier, mass or fibre count) of a dust, at ``version``."""
    rows = queries.get_agent_limits(agent, version)
    _require(agent, Category.DUST, rows)
    conditions = list(dict.fromkeys(r.condition for r in rows))
    oels = []
    for condition in conditions:
        group = [r for r in rows if r.condition == condition]
        oels.append(
            DustOel(
                name_zh=agent.name_zh,
                name_en=agent.name_en,
                cas=agent.cas,
                condition=condition,
                pc_twa_total=_engine_limit(_by_metric(group, Metric.PC_TWA_TOTAL)),
                pc_twa_respirable=_engine_limit(_by_metric(group, Metric.PC_TWA_RESPIRABLE)),
                silica_tier=parse_silica_tier(f"{agent.name_zh} {condition}"),
                carcinogen_class=agent.carcinogen_class,
                notes=agent.notes,
                provenance=_weakest(group),
            )
        )
    return tuple(oels)


def physical_limit_rows(version: int | None = None) -> tuple[PhysicalLimitRow, ...]:
    """Every physical-agent limit (GBZ 2.2) in force at ``version``, as the engine's rows."""
    number = queries.resolve_version(version)
    rows = queries.limits_as_of(number).filter(agent__category=Category.PHYSICAL).select_related("agent")
    return tuple(
        PhysicalLimitRow(r.agent.name_zh, r.metric, r.condition, r.value_text, _engine_limit(r), _provenance(r))
        for r in rows
    )


def noise_limits(version: int | None = None) -> NoiseLimits:
    """L_EX,8h, L_EX,W and impulse-noise peaks (GBZ 2.2-2007) at ``version``."""
    return build_noise_limits(physical_limit_rows(version))


def wbgt_table(version: int | None = None) -> WbgtTable:
    """The WBGT table and its hot-region adjustment (GBZ 2.2-2007) at ``version``."""
    return build_wbgt_table(physical_limit_rows(version))


def labour_intensity_tiers(version: int | None = None) -> tuple[LabourIntensityTier, ...]:
    """Labour intensity classes I-IV by index n (GBZ 2.2-2007 table 13) at ``version``."""
    return build_labour_intensity_tiers(physical_limit_rows(version))
