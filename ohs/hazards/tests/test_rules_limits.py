"""Parsing of the reference rows (reference/*.csv) into limit dataclasses."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ohs.hazards.rules.errors import RuleInputError
from ohs.hazards.rules.limits import (
    ChemicalOel,
    Confidence,
    DustOel,
    LabourIntensity,
    PhysicalLimitRow,
    SilicaTier,
    build_labour_intensity_tiers,
    build_noise_limits,
    build_wbgt_table,
    find_physical_limit,
    parse_chemical_oel,
    parse_dust_oel,
    parse_physical_rows,
    parse_silica_tier,
    parse_standard,
    select_dust_oel,
)

REFERENCE = Path(__file__).resolve().parents[3] / "reference"
EDITION = "GBZ 2.1-2019"


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of one reference CSV as csv.DictReader gives them."""
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def chemicals() -> dict[str, ChemicalOel]:
    """Every chemical row, by English name."""
    rows = read_rows("oel_chemicals.csv")
    return {o.name_en: o for o in (parse_chemical_oel(r, edition=EDITION) for r in rows)}


def dusts() -> list[DustOel]:
    """Every dust row."""
    return [parse_dust_oel(r, edition=EDITION) for r in read_rows("oel_dusts.csv")]


def physical_rows() -> tuple[PhysicalLimitRow, ...]:
    """Every noise_heat.csv row."""
    return parse_physical_rows(read_rows("noise_heat.csv"))


def test_parse_chemical_oel_every_reference_row_parses() -> None:
    rows = read_rows("oel_chemicals.csv")
    parsed = [parse_chemical_oel(r, edition=EDITION) for r in rows]
    assert len(parsed) == len(rows) > 100
    assert all(p.mac or p.pc_twa or p.pc_stel for p in parsed)


def test_parse_chemical_oel_benzene_keeps_values_confidence_and_edition() -> None:
    benzene = chemicals()["Benzene"]
    assert benzene.mac is None
    assert benzene.pc_twa is not None and benzene.pc_twa.value == 3.0
    assert benzene.pc_stel is not None and benzene.pc_stel.value == 6.0
    assert benzene.pc_twa.unit == "mg/m3"
    assert benzene.pc_twa.provenance.confidence is Confidence.A
    assert benzene.pc_twa.provenance.edition == EDITION
    assert benzene.has_skin_notation and benzene.carcinogen_class == "G1"


def test_parse_chemical_oel_unit_in_cell_overrides_mg_per_m3() -> None:
    dioxin = next(o for o in chemicals().values() if o.name_zh == "二噁英类化合物")
    assert dioxin.pc_twa is not None
    assert (dioxin.pc_twa.value, dioxin.pc_twa.unit) == (30.0, "pgTEQ/m3")


def test_parse_chemical_oel_mac_only_agent() -> None:
    formaldehyde = next(o for o in chemicals().values() if o.name_zh == "甲醛")
    assert formaldehyde.mac is not None and formaldehyde.mac.value == 0.5
    assert formaldehyde.pc_twa is None
    assert formaldehyde.provenance.confidence is Confidence.B


def test_parse_chemical_oel_when_column_missing_names_it() -> None:
    row = dict(read_rows("oel_chemicals.csv")[0])
    del row["pc_twa_mg_m3"]
    with pytest.raises(RuleInputError) as error:
        parse_chemical_oel(row, edition=EDITION)
    assert error.value.field == "pc_twa_mg_m3"


def test_parse_chemical_oel_when_confidence_unknown_rejects() -> None:
    row = {**read_rows("oel_chemicals.csv")[0], "confidence": "D"}
    with pytest.raises(RuleInputError) as error:
        parse_chemical_oel(row, edition=EDITION)
    assert error.value.field == "confidence"


def test_parse_chemical_oel_when_value_not_a_number_rejects() -> None:
    row = {**read_rows("oel_chemicals.csv")[0], "pc_twa_mg_m3": "about 3"}
    with pytest.raises(RuleInputError) as error:
        parse_chemical_oel(row, edition=EDITION)
    assert error.value.field == "pc_twa_mg_m3"


def test_parse_chemical_oel_when_value_negative_rejects() -> None:
    row = {**read_rows("oel_chemicals.csv")[0], "pc_twa_mg_m3": "-3"}
    with pytest.raises(RuleInputError):
        parse_chemical_oel(row, edition=EDITION)


def test_parse_dust_oel_every_reference_row_parses() -> None:
    parsed = dusts()
    assert len(parsed) == len(read_rows("oel_dusts.csv"))
    assert all(d.pc_twa_total or d.pc_twa_respirable for d in parsed)


def test_parse_dust_oel_asbestos_fibre_unit() -> None:
    fibres = [d for d in dusts() if d.name_zh.startswith("石棉") and d.pc_twa_total and d.pc_twa_total.unit == "f/mL"]
    assert len(fibres) == 1 and fibres[0].pc_twa_total is not None
    assert fibres[0].pc_twa_total.value == 0.8


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("10%≤游离SiO2≤50%", SilicaTier(10.0, True, 50.0, True)),
        ("50%<游离SiO2≤80%", SilicaTier(50.0, False, 80.0, True)),
        ("游离SiO2>80%", SilicaTier(80.0, False, None, False)),
        ("煤尘(游离SiO2<10%)", SilicaTier(None, False, 10.0, False)),
        (
            "no asbestos; free SiO2<10%; no toxic component",
            SilicaTier(None, False, 10.0, False),
        ),
        ("沉淀SiO2(白炭黑)", None),
    ],
)
def test_parse_silica_tier_reads_the_reference_wordings(text: str, tier: SilicaTier | None) -> None:
    assert parse_silica_tier(text) == tier


@pytest.mark.parametrize(
    ("percent", "total", "respirable"),
    [
        (10.0, 1.0, 0.7),
        (50.0, 1.0, 0.7),
        (50.5, 0.7, 0.3),
        (80.0, 0.7, 0.3),
        (95.0, 0.5, 0.2),
    ],
)
def test_select_dust_oel_silica_tier_chooses_the_limit(percent: float, total: float, respirable: float) -> None:
    """GBZ 2.1-2019 table 2: silica dust limits by free-SiO2 content (oel_dusts.csv rows, confidence A)."""
    chosen = select_dust_oel([d for d in dusts() if d.name_zh == "矽尘"], percent)
    assert chosen.pc_twa_total is not None and chosen.pc_twa_respirable is not None
    assert (chosen.pc_twa_total.value, chosen.pc_twa_respirable.value) == (
        total,
        respirable,
    )


def test_select_dust_oel_when_no_tier_covers_rejects_naming_the_field() -> None:
    with pytest.raises(RuleInputError) as error:
        select_dust_oel([d for d in dusts() if d.name_zh == "矽尘"], 5.0)
    assert error.value.field == "free_silica_percent"


def test_select_dust_oel_when_several_rows_match_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        select_dust_oel([d for d in dusts() if d.name_zh == "铝尘"], 2.0)
    assert error.value.field == "candidates"


def test_select_dust_oel_when_percent_out_of_range_rejects() -> None:
    with pytest.raises(RuleInputError):
        select_dust_oel(dusts(), 120.0)


def test_parse_physical_rows_resolves_same_source_and_clause() -> None:
    rows = physical_rows()
    assert len(rows) == len(read_rows("noise_heat.csv"))
    assert all(r.provenance.source != "same" for r in rows)
    assert rows[0].provenance.edition == "GBZ 2.2-2007"
    assert rows[0].provenance.clause == "11.2.1"


def test_parse_physical_rows_when_first_source_is_same_rejects() -> None:
    row = {**read_rows("noise_heat.csv")[0], "source": "same"}
    with pytest.raises(RuleInputError) as error:
        parse_physical_rows([row])
    assert error.value.field == "rows[0].source"


def test_parse_standard_splits_edition_and_clause() -> None:
    assert parse_standard("GBZ 2.2-2007 table 10") == ("GBZ 2.2-2007", "table 10")
    assert parse_standard("GBZ 2.2-2007") == ("GBZ 2.2-2007", "")


def test_build_noise_limits_from_reference() -> None:
    """GBZ 2.2-2007 11.2.1 and table 10 as recorded in noise_heat.csv."""
    limits = build_noise_limits(physical_rows())
    assert limits.lex_8h.value == 85.0 and limits.lex_8h.unit == "dB(A)"
    assert limits.lex_w.value == 85.0
    assert [(t.min_impulses_exclusive, t.max_impulses_inclusive, t.peak_limit.value) for t in limits.impulse_tiers] == [
        (0, 100, 140.0),
        (100, 1000, 130.0),
        (1000, 10000, 120.0),
    ]


def test_build_wbgt_table_from_reference() -> None:
    table = build_wbgt_table(physical_rows())
    assert len(table.cells) == 16
    assert table.hot_region_adjustment.value == 1.0
    cell = next(c for c in table.cells if c.intensity is LabourIntensity.III and c.contact_time_ratio_percent == 75)
    assert cell.limit.value == 28.0


def test_build_labour_intensity_tiers_from_reference() -> None:
    tiers = build_labour_intensity_tiers(physical_rows())
    assert [(t.intensity, t.max_index_inclusive) for t in tiers] == [
        (LabourIntensity.I, 15.0),
        (LabourIntensity.II, 20.0),
        (LabourIntensity.III, 25.0),
        (LabourIntensity.IV, None),
    ]


def test_find_physical_limit_vibration_and_field() -> None:
    rows = physical_rows()
    assert find_physical_limit(rows, agent="手传振动", metric_prefix="4 h").value == 5.0
    electric = find_physical_limit(rows, agent="工频电场(50 Hz)", metric_prefix="electric field")
    assert (electric.value, electric.unit) == (5.0, "kV/m")


def test_find_physical_limit_when_ambiguous_rejects() -> None:
    with pytest.raises(RuleInputError):
        find_physical_limit(physical_rows(), agent="微波辐射", metric_prefix="daily dose")


def test_find_physical_limit_when_cell_is_a_formula_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        find_physical_limit(
            physical_rows(),
            agent="微波辐射",
            metric_prefix="non-8 h",
            condition="whole body; continuous",
        )
    assert error.value.field == "limit"
