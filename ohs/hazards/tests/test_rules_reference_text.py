"""Rule figures and disease catalogues read from the reference sheets' prose (no database)."""

from __future__ import annotations

from collections import Counter

import pytest

from ohs.hazards.loading import REFERENCE_DIR
from ohs.hazards.rules.diseases import parse_disease_catalogue
from ohs.hazards.rules.errors import RuleInputError
from ohs.hazards.rules.limit_values import Confidence
from ohs.hazards.rules.parameters import (
    confidence_of_marker,
    parse_excursion_facts,
    parse_noise_grading_facts,
    parse_unit_facts,
)


def _sheet(name: str) -> str:
    return (REFERENCE_DIR / name).read_text(encoding="utf-8")


def test_peak_rule_figures_of_gbz_2_1_2019_clause_6_3_3() -> None:
    facts = {f.key: f for f in parse_excursion_facts(_sheet("excursion_limits.md"))}
    figures = [facts[k].value_text for k in ("peak_multiple", "peak_max_episode_min", "peak_max_episodes_per_day")]
    assert figures == ["3", "15", "4"]
    assert facts["peak_min_gap_h"].value_text == "1" and facts["peak_ceiling_multiple"].value_text == "5"
    # The sheet saw the peak rule in one source only: below B.
    assert facts["peak_multiple"].confidence is Confidence.C and facts["peak_multiple"].clause == "6.3.3"


def test_excursion_multiples_of_gbz_2_1_2007_by_pc_twa_band() -> None:
    facts = {f.key: f for f in parse_excursion_facts(_sheet("excursion_limits.md"))}
    bands = [
        "excursion_multiple_lt1",
        "excursion_multiple_lt10",
        "excursion_multiple_lt100",
        "excursion_multiple_ge100",
    ]
    assert [facts[k].value_text for k in bands] == ["3", "2.5", "2.0", "1.5"]
    assert {facts[k].edition for k in bands} == {"GBZ 2.1-2007"}


def test_conversion_figures_and_noise_grades() -> None:
    units = {f.key: f.value_text for f in parse_unit_facts(_sheet("units_and_conversions.md"))}
    assert units == {"molar_volume": "24.04", "reference_temperature": "20", "reference_pressure": "101.3"}
    grades = [f.value_text for f in parse_noise_grading_facts(_sheet("physical_agents.md"))]
    assert grades == ["85", "90", "95", "100"]


def test_a_sheet_that_no_longer_states_a_figure_fails_naming_it() -> None:
    with pytest.raises(RuleInputError) as raised:
        parse_excursion_facts("nothing here")
    assert raised.value.field == "peak_multiple"


@pytest.mark.parametrize(
    ("marker", "grade"),
    [("[S]", Confidence.B), ("[S, one source]", Confidence.C), ("[M]", Confidence.C), ("[D]", Confidence.C)],
)
def test_confidence_of_marker(marker: str, grade: Confidence) -> None:
    assert confidence_of_marker(marker) is grade


def test_disease_catalogues_have_the_counts_the_sheet_states() -> None:
    items = parse_disease_catalogue(_sheet("disease_catalog.md"))
    assert Counter(i.edition for i in items) == {"2024": 135, "2013": 132}
    per_category = Counter(i.category_number for i in items if i.edition == "2024")
    assert per_category["五"] == 59 and per_category["十一"] == 1 and len(per_category) == 12


def test_2013_catalogue_reverses_the_documented_changes() -> None:
    items = parse_disease_catalogue(_sheet("disease_catalog.md"))
    names = {(i.edition, i.category_number, i.name) for i in items}
    assert ("2013", "五", "铀及其化合物中毒") in names and ("2024", "七", "铀及其化合物中毒") in names
    assert ("2024", "七", "放射性白内障") in names
    assert not any(e == "2013" and n == "放射性白内障" for e, _c, n in names)
    assert ("2013", "三", "白内障(含放射性白内障、三硝基甲苯白内障)") in names
    assert ("2013", "十", "股静脉血栓综合征等(限于刮研作业人员)") in names
    assert {i.confidence for i in items if i.edition == "2013"} == {Confidence.C}


def test_open_items_are_marked() -> None:
    items = parse_disease_catalogue(_sheet("disease_catalog.md"))
    open_2024 = [i for i in items if i.edition == "2024" and i.is_open_item]
    assert len(open_2024) == 4


def test_a_miscounted_category_fails() -> None:
    text = _sheet("disease_catalog.md").replace("| 三 | 职业性眼病 | 3 |", "| 三 | 职业性眼病 | 4 |")
    with pytest.raises(RuleInputError) as raised:
        parse_disease_catalogue(text)
    assert raised.value.field == "2024.三"
