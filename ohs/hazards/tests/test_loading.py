"""Catalogue version 1 as the data migration loaded it from reference/ (GBZ 2.1-2019, GBZ 2.2-2007)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps

from ohs.hazards import oels
from ohs.hazards.choices import Category, Metric
from ohs.hazards.loading import REFERENCE_DIR, CatalogueModels, load_catalogue
from ohs.hazards.models import Agent, CatalogueVersion, LimitValue, OccupationalDisease, RuleParameter
from ohs.hazards.rules.dust import choose_dust_oel
from ohs.hazards.rules.limits import build_noise_limits, build_wbgt_table, parse_physical_rows

pytestmark = pytest.mark.django_db


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _filled(rows: list[dict[str, str]], *columns: str) -> int:
    return sum(1 for row in rows for column in columns if row[column].strip())


def test_reference_dir_is_the_projects_own() -> None:
    assert Path(__file__).resolve().parents[3] / "reference" == REFERENCE_DIR


def test_counts_match_the_reference_tables() -> None:
    chemicals, dusts, physical = _rows("oel_chemicals.csv"), _rows("oel_dusts.csv"), _rows("noise_heat.csv")
    expected_agents = {
        Category.CHEMICAL: len({r["name_zh"] for r in chemicals}),
        Category.DUST: len({r["name_zh"] for r in dusts}),
        Category.PHYSICAL: len({r["agent"] for r in physical}),
    }
    for category, count in expected_agents.items():
        assert Agent.objects.filter(category=category, introduced_in=1).count() == count, category
    expected_limits = {
        Category.CHEMICAL: _filled(chemicals, "mac_mg_m3", "pc_twa_mg_m3", "pc_stel_mg_m3"),
        Category.DUST: _filled(dusts, "pc_twa_total_mg_m3", "pc_twa_resp_mg_m3"),
        Category.PHYSICAL: len(physical),
    }
    for category, count in expected_limits.items():
        assert LimitValue.objects.filter(agent__category=category, introduced_in=1).count() == count, category


def test_benzene_keeps_value_edition_and_confidence_of_its_row() -> None:
    benzene = Agent.objects.get(cas="71-43-2")
    limits = {lv.metric: lv for lv in LimitValue.objects.filter(agent=benzene, introduced_in=1)}
    assert set(limits) == {Metric.PC_TWA, Metric.PC_STEL}
    twa = limits[Metric.PC_TWA]
    assert (twa.value, twa.unit, twa.confidence, twa.edition) == (Decimal(3), "mg/m3", "A", "GBZ 2.1-2019")
    assert "CovD831" in twa.source and limits[Metric.PC_STEL].value == Decimal(6)
    assert benzene.has_skin_notation and benzene.carcinogen_class == "G1" and benzene.name_initials == "b"


def test_every_row_keeps_its_confidence() -> None:
    rows = _rows("oel_chemicals.csv")
    grades = {r["name_zh"]: r["confidence"] for r in rows}
    loaded = LimitValue.objects.filter(agent__category=Category.CHEMICAL).values_list("agent__name_zh", "confidence")
    assert all(grades[name] == grade for name, grade in loaded)
    assert LimitValue.objects.filter(confidence="C").exists() and LimitValue.objects.filter(confidence="B").exists()


def test_silica_dust_has_three_free_silica_tiers() -> None:
    silica = Agent.objects.get(name_zh="矽尘")
    tiers = oels.dust_oels(silica, 1)
    assert [t.condition for t in tiers] == ["10%≤游离SiO2≤50%", "50%<游离SiO2≤80%", "游离SiO2>80%"]
    chosen = choose_dust_oel(tiers, 60.0)
    assert chosen.pc_twa_total is not None and chosen.pc_twa_respirable is not None
    assert (chosen.pc_twa_total.value, chosen.pc_twa_respirable.value) == (0.7, 0.3)


def test_physical_expressions_keep_their_text() -> None:
    microwave = LimitValue.objects.filter(agent__name_zh="微波辐射", value_text="400/t").get()
    assert microwave.value is None and microwave.unit == "uW/cm2" and microwave.edition == "GBZ 2.2-2007"


def test_engine_inputs_equal_what_the_parsers_read_from_the_csv() -> None:
    parsed = parse_physical_rows(_rows("noise_heat.csv"))
    assert oels.noise_limits(1) == build_noise_limits(parsed)
    assert oels.wbgt_table(1) == build_wbgt_table(parsed)
    benzene = oels.chemical_oel(Agent.objects.get(cas="71-43-2"), 1)
    assert benzene.pc_twa is not None and benzene.pc_twa.value == 3.0 and benzene.mac is None


def test_rule_parameters_and_disease_catalogues_are_loaded() -> None:
    peak = RuleParameter.objects.get(key="peak_multiple")
    assert (peak.value, peak.edition, peak.clause, peak.confidence) == (Decimal(3), "GBZ 2.1-2019", "6.3.3", "C")
    assert RuleParameter.objects.get(key="molar_volume").value == Decimal("24.04")
    assert OccupationalDisease.objects.filter(edition="2024").count() == 135
    assert OccupationalDisease.objects.filter(edition="2013").count() == 132


def test_loading_again_changes_nothing() -> None:
    before = (CatalogueVersion.objects.count(), Agent.objects.count(), LimitValue.objects.count())
    assert load_catalogue(CatalogueModels.from_apps(apps)) is False
    assert (CatalogueVersion.objects.count(), Agent.objects.count(), LimitValue.objects.count()) == before
