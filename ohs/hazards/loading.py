"""Build catalogue version 1 from the project's reference/ files.

Limit rows go through the exposure engine's own parsers (``ohs.hazards.rules.limits``), so
the catalogue and the engine read a reference cell the same way. Prose sheets go through
``rules.parameters`` and ``rules.diseases``. The writers take model classes as arguments, so
the data migration can pass its historical models.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ohs.hazards.choices import Category, Metric
from ohs.hazards.rules.concentration import Edition
from ohs.hazards.rules.diseases import CATALOGUE_FILE, parse_disease_catalogue
from ohs.hazards.rules.limit_values import LimitValue as ParsedLimit
from ohs.hazards.rules.limits import parse_chemical_oel, parse_dust_oel, parse_physical_rows
from ohs.hazards.rules.parameters import (
    EXCURSION_FILE,
    PHYSICAL_FILE,
    UNITS_FILE,
    ParameterFact,
    parse_excursion_facts,
    parse_noise_grading_facts,
    parse_unit_facts,
)

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "reference"
CHEMICALS_FILE, DUSTS_FILE, NOISE_HEAT_FILE = "oel_chemicals.csv", "oel_dusts.csv", "noise_heat.csv"
# reference/README.md: oel_chemicals.csv and oel_dusts.csv hold GBZ 2.1-2019 tables 1 and 2.
GBZ_2_1_EDITION = Edition.GBZ_2_1_2019.value
CHEMICAL_CLAUSE, DUST_CLAUSE = "table 1", "table 2"
FIRST_VERSION = 1
# Stored data, read by Chinese-speaking officials in the version history.
FIRST_VERSION_REASON = "据 reference/ 参考资料导入（GBZ 2.1-2019、GBZ 2.2-2007、职业病分类和目录 2013 版与 2024 版）"


@dataclass(frozen=True)
class LimitSeed:
    metric: str
    value: Decimal | None
    value_text: str
    unit: str
    condition: str
    edition: str
    clause: str
    confidence: str
    source: str


@dataclass
class AgentSeed:
    name_zh: str
    category: str
    name_en: list[str] = field(default_factory=list)
    cas: str = ""
    carcinogen_class: list[str] = field(default_factory=list)
    has_skin_notation: bool = False
    is_sensitizer: bool = False
    notes: list[str] = field(default_factory=list)
    limits: list[LimitSeed] = field(default_factory=list)

    def agent_fields(self) -> dict[str, Any]:
        return {
            "name_zh": self.name_zh,
            "category": self.category,
            "name_en": " / ".join(self.name_en),
            "cas": self.cas,
            "carcinogen_class": "; ".join(self.carcinogen_class),
            "has_skin_notation": self.has_skin_notation,
            "is_sensitizer": self.is_sensitizer,
            "notes": "; ".join(self.notes),
        }


def decimal_text(value: Decimal) -> str:
    """'9000', '0.0005': the figure without exponent or trailing zeros."""
    return format(value.normalize(), "f")


def read_csv(name: str, reference_dir: Path = REFERENCE_DIR) -> list[dict[str, str]]:
    with (reference_dir / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _add_unique(values: list[str], value: str) -> None:
    if value and value not in values:
        values.append(value)


def _seed_for(seeds: dict[str, AgentSeed], name_zh: str, category: str) -> AgentSeed:
    """The seed of an agent, created on its first row; rows of one agent share it."""
    return seeds.setdefault(name_zh, AgentSeed(name_zh=name_zh, category=category))


def _limit(metric: str, parsed: ParsedLimit, condition: str, clause: str, text: str = "") -> LimitSeed:
    value = Decimal(repr(parsed.value))
    provenance = parsed.provenance
    return LimitSeed(
        metric=metric,
        value=value,
        value_text=text or decimal_text(value),
        unit=parsed.unit,
        condition=condition,
        edition=provenance.edition,
        clause=clause or provenance.clause,
        confidence=provenance.confidence.value,
        source=provenance.source,
    )


def chemical_seeds(rows: Iterable[Mapping[str, str]]) -> list[AgentSeed]:
    """One agent per oel_chemicals.csv row, with its MAC, PC-TWA and PC-STEL."""
    seeds: dict[str, AgentSeed] = {}
    for row in rows:
        oel = parse_chemical_oel(row, edition=GBZ_2_1_EDITION)
        seed = _seed_for(seeds, oel.name_zh, Category.CHEMICAL)
        _add_unique(seed.name_en, oel.name_en)
        _add_unique(seed.carcinogen_class, oel.carcinogen_class)
        _add_unique(seed.notes, oel.notes)
        seed.cas, seed.has_skin_notation, seed.is_sensitizer = oel.cas, oel.has_skin_notation, oel.is_sensitizer
        for metric, parsed in ((Metric.MAC, oel.mac), (Metric.PC_TWA, oel.pc_twa), (Metric.PC_STEL, oel.pc_stel)):
            if parsed is not None:
                seed.limits.append(_limit(metric, parsed, "", CHEMICAL_CLAUSE))
    return list(seeds.values())


def dust_seeds(rows: Iterable[Mapping[str, str]]) -> list[AgentSeed]:
    """Dust agents of oel_dusts.csv; an agent's rows (free-SiO2 tiers, fibre counts) become its limits."""
    seeds: dict[str, AgentSeed] = {}
    for row in rows:
        oel = parse_dust_oel(row, edition=GBZ_2_1_EDITION)
        seed = _seed_for(seeds, oel.name_zh, Category.DUST)
        _add_unique(seed.name_en, oel.name_en)
        _add_unique(seed.carcinogen_class, oel.carcinogen_class)
        _add_unique(seed.notes, oel.notes)
        seed.cas = seed.cas or oel.cas
        pairs = ((Metric.PC_TWA_TOTAL, oel.pc_twa_total), (Metric.PC_TWA_RESPIRABLE, oel.pc_twa_respirable))
        for metric, parsed in pairs:
            if parsed is not None:
                seed.limits.append(_limit(metric, parsed, oel.condition, DUST_CLAUSE))
    return list(seeds.values())


def physical_seeds(rows: list[dict[str, str]]) -> list[AgentSeed]:
    """Physical agents of noise_heat.csv (GBZ 2.2-2007); a cell such as '400/t' keeps its text only."""
    seeds: dict[str, AgentSeed] = {}
    for raw, parsed in zip(rows, parse_physical_rows(rows), strict=True):
        seed = _seed_for(seeds, parsed.agent, Category.PHYSICAL)
        provenance = parsed.provenance
        if parsed.limit is not None:
            limit = _limit(parsed.metric, parsed.limit, parsed.condition, "", parsed.limit_text)
        else:
            limit = LimitSeed(
                parsed.metric,
                None,
                parsed.limit_text,
                raw["unit"].strip(),
                parsed.condition,
                provenance.edition,
                provenance.clause,
                provenance.confidence.value,
                provenance.source,
            )
        seed.limits.append(limit)
    return list(seeds.values())


def all_agent_seeds(reference_dir: Path = REFERENCE_DIR) -> list[AgentSeed]:
    """Every agent of the three limit tables, chemicals first."""
    return [
        *chemical_seeds(read_csv(CHEMICALS_FILE, reference_dir)),
        *dust_seeds(read_csv(DUSTS_FILE, reference_dir)),
        *physical_seeds(read_csv(NOISE_HEAT_FILE, reference_dir)),
    ]


def parameter_facts(reference_dir: Path = REFERENCE_DIR) -> list[ParameterFact]:
    """The rule figures stated in excursion_limits.md, units_and_conversions.md and physical_agents.md."""

    def text(name: str) -> str:
        return (reference_dir / name).read_text(encoding="utf-8")

    return [
        *parse_excursion_facts(text(EXCURSION_FILE)),
        *parse_unit_facts(text(UNITS_FILE)),
        *parse_noise_grading_facts(text(PHYSICAL_FILE)),
    ]


@dataclass(frozen=True)
class CatalogueModels:
    """The model classes to write with: the app's own, or a migration's historical ones."""

    version: Any
    agent: Any
    limit: Any
    parameter: Any
    disease: Any

    @classmethod
    def from_apps(cls, apps: Any) -> CatalogueModels:
        names = ("CatalogueVersion", "Agent", "LimitValue", "RuleParameter", "OccupationalDisease")
        return cls(*(apps.get_model("hazards", name) for name in names))


def _write_agents(models: CatalogueModels, version: Any, seeds: list[AgentSeed]) -> None:
    from ohs.hazards.queries import agent_initials

    position = 0
    for seed in seeds:
        fields = seed.agent_fields()
        agent = models.agent.objects.create(**fields, name_initials=agent_initials(seed.name_zh), introduced_in=version)
        limits = []
        for limit in seed.limits:
            position += 1
            limits.append(models.limit(agent=agent, position=position, introduced_in=version, **asdict(limit)))
        models.limit.objects.bulk_create(limits)


def _write_parameters(models: CatalogueModels, version: Any, facts: list[ParameterFact]) -> None:
    rows = []
    for position, fact in enumerate(facts, start=1):
        value = Decimal(fact.value_text)
        values = {**asdict(fact), "confidence": fact.confidence.value, "value_text": decimal_text(value)}
        rows.append(models.parameter(value=value, position=position, introduced_in=version, **values))
    models.parameter.objects.bulk_create(rows)


def _write_diseases(models: CatalogueModels, reference_dir: Path) -> None:
    items = parse_disease_catalogue((reference_dir / CATALOGUE_FILE).read_text(encoding="utf-8"))
    models.disease.objects.bulk_create(
        models.disease(position=position, **{**asdict(item), "confidence": item.confidence.value})
        for position, item in enumerate(items, start=1)
    )


def load_catalogue(models: CatalogueModels, reference_dir: Path = REFERENCE_DIR) -> bool:
    """Create catalogue version 1 from reference/; False, changing nothing, when it exists."""
    if models.version.objects.filter(number=FIRST_VERSION).exists():
        return False
    seeds, facts = all_agent_seeds(reference_dir), parameter_facts(reference_dir)
    version = models.version.objects.create(number=FIRST_VERSION, actor_label="system", reason=FIRST_VERSION_REASON)
    _write_agents(models, version, seeds)
    _write_parameters(models, version, facts)
    _write_diseases(models, reference_dir)
    return True
