"""Chemical and dust exposure: C_TWA, C_STE, MAC, PC-STEL, peak rule, excursion multiples, units."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.hazards.rules.exposure import (
    ChemicalMeasurement,
    DustMeasurement,
    Edition,
    RuleInputError,
    ShortSample,
    SteSegment,
    TwaSegment,
    compute_ste,
    compute_twa,
    evaluate_chemical,
    evaluate_dust,
    evaluate_peak_exposure,
    excursion_multiple_2007,
    judge_twa,
    mg_per_m3_to_ppm,
    ppm_to_mg_per_m3,
    standardise_air_volume_l,
)
from ohs.hazards.rules.limits import (
    ChemicalOel,
    Confidence,
    DustOel,
    LimitValue,
    Provenance,
    parse_chemical_oel,
    parse_dust_oel,
)

REFERENCE = Path(__file__).resolve().parents[3] / "reference"
GBZ_2019 = Edition.GBZ_2_1_2019
GBZ_2007 = Edition.GBZ_2_1_2007

concentrations = st.floats(min_value=0, max_value=1e4, allow_nan=False)
hours = st.floats(min_value=0, max_value=3, allow_nan=False)


def limit(value: float, *, unit: str = "mg/m3", confidence: Confidence = Confidence.A) -> LimitValue:
    """A limit value for tests, with a stated provenance."""
    return LimitValue(value, unit, Provenance("test", confidence, "GBZ 2.1-2019"))


def reference_chemical(name_zh: str) -> ChemicalOel:
    """One row of oel_chemicals.csv, parsed."""
    with (REFERENCE / "oel_chemicals.csv").open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["name_zh"] == name_zh)
    return parse_chemical_oel(row, edition="GBZ 2.1-2019")


def reference_dusts(name_zh: str) -> list[DustOel]:
    """The rows of oel_dusts.csv for one dust, parsed."""
    with (REFERENCE / "oel_dusts.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["name_zh"] == name_zh]
    return [parse_dust_oel(r, edition="GBZ 2.1-2019") for r in rows]


def fifteen_minute(concentration: float, start: float) -> ShortSample:
    """A 15-min short-term sample."""
    return ShortSample(concentration, start, 15.0)


# --- C_TWA ---------------------------------------------------------------------------


def test_compute_twa_gbz21_annex_example_exceeds() -> None:
    """GBZ 2.1 annex worked example (ethyl acetate, PC-TWA 200 mg/m3): 400 mg/m3 3 h, 160 mg/m3 2 h,
    120 mg/m3 3 h gives C_TWA = (1200 + 320 + 360) / 8 = 235 mg/m3, above the PC-TWA.
    (Example recalled from the standard's annex, recomputed with the formula of excursion_limits.md s.5.)"""
    twa = compute_twa([TwaSegment(400, 3), TwaSegment(160, 2), TwaSegment(120, 3)])
    assert twa == pytest.approx(235.0)
    assert not judge_twa(twa, limit(200), edition=GBZ_2019).is_compliant


def test_compute_twa_gbz21_annex_example_with_unexposed_time_complies() -> None:
    """GBZ 2.1 annex worked example: 300 mg/m3 2 h, 200 mg/m3 2 h, 180 mg/m3 2 h, 2 h unexposed:
    C_TWA = (600 + 400 + 360 + 0) / 8 = 170 mg/m3, within PC-TWA 200 mg/m3."""
    twa = compute_twa([TwaSegment(300, 2), TwaSegment(200, 2), TwaSegment(180, 2)])
    assert twa == pytest.approx(170.0)
    judgement = judge_twa(twa, limit(200), edition=GBZ_2019)
    assert judgement.is_compliant
    assert judgement.ratio_to_limit == pytest.approx(0.85)
    assert judgement.reaches_action_level


def test_compute_twa_short_exposure_divides_by_8_hours() -> None:
    assert compute_twa([TwaSegment(8.0, 1.0)]) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("segments", "field"),
    [
        ([TwaSegment(1, 2), TwaSegment(-1, 2)], "segments[1].concentration_mg_per_m3"),
        ([TwaSegment(1, -2)], "segments[0].duration_hours"),
        ([TwaSegment(math.nan, 2)], "segments[0].concentration_mg_per_m3"),
        ([TwaSegment(1, math.inf)], "segments[0].duration_hours"),
        ([TwaSegment(1, 20), TwaSegment(1, 5)], "segments"),
        ([], "segments"),
    ],
)
def test_compute_twa_when_input_bad_rejects_naming_the_field(segments: list[TwaSegment], field: str) -> None:
    with pytest.raises(RuleInputError) as error:
        compute_twa(segments)
    assert error.value.field == field
    assert isinstance(error.value, ValueError)


@given(concentrations)
def test_compute_twa_constant_over_8_hours_equals_the_concentration(concentration: float) -> None:
    assert compute_twa([TwaSegment(concentration, 8.0)]) == pytest.approx(concentration)


@given(st.lists(st.tuples(concentrations, hours), min_size=1, max_size=8), st.integers(0, 7), concentrations)
def test_compute_twa_is_monotone_in_each_concentration(
    parts: list[tuple[float, float]], index: int, extra: float
) -> None:
    segments = [TwaSegment(c, h) for c, h in parts]
    i = index % len(segments)
    raised = [*segments[:i], TwaSegment(segments[i].concentration_mg_per_m3 + extra, segments[i].duration_hours)]
    raised += segments[i + 1 :]
    assert compute_twa(raised) >= compute_twa(segments) - 1e-9


@given(concentrations, st.floats(min_value=0, max_value=24, allow_nan=False))
def test_compute_twa_splitting_a_segment_changes_nothing(concentration: float, duration: float) -> None:
    whole = compute_twa([TwaSegment(concentration, duration)])
    halves = compute_twa([TwaSegment(concentration, duration / 2), TwaSegment(concentration, duration / 2)])
    assert halves == pytest.approx(whole)


# --- C_STE, MAC, PC-STEL -----------------------------------------------------------------


def test_compute_ste_shorter_exposure_is_averaged_over_15_minutes() -> None:
    """GBZ 2.1 PC-STEL definition (excursion_limits.md s.4): 10 min at 30 mg/m3 is C_STE 20 mg/m3."""
    assert compute_ste([SteSegment(30.0, 10.0)]) == pytest.approx(20.0)
    assert compute_ste([SteSegment(30.0, 10.0), SteSegment(6.0, 5.0)]) == pytest.approx(22.0)


def test_compute_ste_when_over_15_minutes_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        compute_ste([SteSegment(1.0, 10.0), SteSegment(1.0, 6.0)])
    assert error.value.field == "segments"


@given(st.lists(st.tuples(concentrations, st.floats(min_value=0, max_value=3.75)), min_size=1, max_size=4))
def test_compute_ste_never_above_the_highest_concentration(parts: list[tuple[float, float]]) -> None:
    ste = compute_ste([SteSegment(c, m) for c, m in parts])
    assert ste <= max(c for c, _ in parts) + 1e-9


def test_evaluate_chemical_mac_agent_judges_every_short_sample() -> None:
    """Formaldehyde has MAC 0.5 mg/m3 only (oel_chemicals.csv, confidence B): one of two samples above."""
    oel = reference_chemical("甲醛")
    samples = (ShortSample(0.3, 60, 15), ShortSample(0.62, 240, 10))
    result = evaluate_chemical(ChemicalMeasurement(short_samples=samples), oel, edition=GBZ_2019)
    assert [j.is_compliant for j in result.ceiling] == [True, False]
    assert result.ceiling[1].measured_value == pytest.approx(0.62)  # C_M is not averaged over 15 min
    assert not result.is_compliant
    assert result.peak is None and result.twa is None
    assert any("confidence B" in r for r in result.reasons)
    assert result.rule_version == "gbz2.1-2019/1"


def test_evaluate_chemical_twa_and_stel_agent() -> None:
    """Toluene PC-TWA 50, PC-STEL 100 mg/m3: TWA 45 complies and reaches the action level; one C_STE exceeds."""
    oel = reference_chemical("甲苯")
    measurement = ChemicalMeasurement(
        twa_segments=(TwaSegment(60, 6),),
        short_samples=(fifteen_minute(90, 60), fifteen_minute(120, 300)),
    )
    result = evaluate_chemical(measurement, oel, edition=GBZ_2019)
    assert result.twa_mg_per_m3 == pytest.approx(45.0)
    assert result.twa is not None and result.twa.is_compliant
    assert result.reaches_action_level
    assert [j.is_compliant for j in result.short_term] == [True, False]
    assert result.peak is None
    assert not result.is_compliant


def test_evaluate_chemical_twa_only_agent_applies_peak_rule_by_edition() -> None:
    """Phenol has PC-TWA 10 mg/m3 only: 2.5 x PC-TWA passes the 2019 peak rule, fails the 2007 multiple 2."""
    oel = reference_chemical("苯酚")
    measurement = ChemicalMeasurement(twa_segments=(TwaSegment(4, 8),), short_samples=(fifteen_minute(25, 120),))
    modern = evaluate_chemical(measurement, oel, edition=GBZ_2019)
    legacy = evaluate_chemical(measurement, oel, edition=GBZ_2007)
    assert modern.peak is not None and modern.peak.is_compliant and modern.is_compliant
    assert legacy.peak is not None and not legacy.peak.is_compliant and not legacy.is_compliant
    assert legacy.rule_version == "gbz2.1-2007/1"


def test_evaluate_chemical_when_nothing_matches_rejects() -> None:
    oel = reference_chemical("甲醛")
    with pytest.raises(RuleInputError) as error:
        evaluate_chemical(ChemicalMeasurement(twa_segments=(TwaSegment(1, 8),)), oel, edition=GBZ_2019)
    assert error.value.field == "measurement"


def test_evaluate_chemical_long_shift_is_flagged() -> None:
    oel = reference_chemical("甲苯")
    result = evaluate_chemical(ChemicalMeasurement(twa_segments=(TwaSegment(10, 10),)), oel, edition=GBZ_2019)
    assert any("exceeds 8 h" in r for r in result.reasons)
    assert any("short-term limits not assessed" in r for r in result.reasons)


def test_judge_twa_below_action_level() -> None:
    judgement = judge_twa(99.0, limit(200), edition=GBZ_2019)
    assert judgement.is_compliant and judgement.reaches_action_level is False
    assert judgement.limit_confidence is Confidence.A


def test_judge_twa_at_the_limit_complies() -> None:
    assert judge_twa(200.0, limit(200), edition=GBZ_2019).is_compliant
    assert not judge_twa(200.01, limit(200), edition=GBZ_2019).is_compliant


# --- peak rule (2019) and excursion multiples (2007) ----------------------------------------


def test_peak_2019_four_separate_episodes_comply() -> None:
    """GBZ 2.1-2019 6.3.3: up to 4 episodes above 3 x PC-TWA, each <= 15 min, >= 1 h apart, never > 5 x."""
    samples = [fifteen_minute(35, start) for start in (60, 180, 300, 420)]
    result = evaluate_peak_exposure(samples, limit(10), edition=GBZ_2019)
    assert result.is_compliant
    assert len(result.episodes) == 4
    assert result.max_multiple_of_pc_twa == pytest.approx(3.5)


def test_peak_2019_five_episodes_do_not_comply() -> None:
    samples = [fifteen_minute(35, start) for start in (0, 90, 180, 270, 360)]
    result = evaluate_peak_exposure(samples, limit(10), edition=GBZ_2019)
    assert not result.is_compliant
    assert any("5 episodes" in r for r in result.reasons)


def test_peak_2019_episodes_under_an_hour_apart_do_not_comply() -> None:
    samples = [fifteen_minute(35, 60), fifteen_minute(35, 105)]
    result = evaluate_peak_exposure(samples, limit(10), edition=GBZ_2019)
    assert not result.is_compliant
    assert any("30 min apart" in r for r in result.reasons)


def test_peak_2019_back_to_back_samples_form_one_long_episode() -> None:
    samples = [fifteen_minute(35, 60), fifteen_minute(40, 75)]
    result = evaluate_peak_exposure(samples, limit(10), edition=GBZ_2019)
    assert len(result.episodes) == 1 and result.episodes[0].duration_minutes == pytest.approx(30)
    assert not result.is_compliant


def test_peak_2019_above_5_times_never_complies() -> None:
    result = evaluate_peak_exposure([ShortSample(51, 60, 5)], limit(10), edition=GBZ_2019)
    assert not result.is_compliant
    assert result.ceiling_multiple == 5.0


def test_peak_2019_exactly_3_and_5_times_are_allowed() -> None:
    assert evaluate_peak_exposure([fifteen_minute(30, 0)] * 1, limit(10), edition=GBZ_2019).episodes == ()
    assert evaluate_peak_exposure([fifteen_minute(50, 0)], limit(10), edition=GBZ_2019).is_compliant


@pytest.mark.parametrize(
    ("pc_twa", "multiple"), [(0.5, 3.0), (1.0, 2.5), (9.9, 2.5), (10.0, 2.0), (99, 2.0), (100, 1.5)]
)
def test_excursion_multiple_2007_by_pc_twa_band(pc_twa: float, multiple: float) -> None:
    """GBZ 2.1-2007 excursion multiples (excursion_limits.md section 3, recorded as [M])."""
    assert excursion_multiple_2007(pc_twa) == multiple


def test_excursion_2007_dust_multiple_is_2() -> None:
    assert excursion_multiple_2007(8.0, is_dust=True) == 2.0


def test_excursion_2007_judges_the_15_minute_average_and_cautions() -> None:
    """PC-TWA 10 -> multiple 2: 21 mg/m3 over 15 min exceeds; 30 mg/m3 for 10 min is C_STE 20 and complies."""
    over = evaluate_peak_exposure([fifteen_minute(21, 0)], limit(10), edition=GBZ_2007)
    within = evaluate_peak_exposure([ShortSample(30, 0, 10)], limit(10), edition=GBZ_2007)
    assert not over.is_compliant and within.is_compliant
    assert any("[M]" in r for r in within.reasons)


def test_excursion_2007_when_limit_not_in_mg_per_m3_rejects() -> None:
    """The 2007 bands are in mg/m3; the 2019 multiples apply in any unit (asbestos fibres: f/mL)."""
    assert evaluate_peak_exposure([fifteen_minute(2, 0)], limit(0.8, unit="f/mL"), edition=GBZ_2019).is_compliant
    with pytest.raises(RuleInputError) as error:
        evaluate_peak_exposure([fifteen_minute(1, 0)], limit(0.8, unit="f/mL"), edition=GBZ_2007)
    assert error.value.field == "pc_twa"


def test_peak_when_sample_longer_than_15_minutes_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        evaluate_peak_exposure([ShortSample(1, 0, 20)], limit(10), edition=GBZ_2019)
    assert error.value.field == "samples[0].duration_minutes"


@given(st.lists(st.floats(min_value=0, max_value=30), min_size=1, max_size=10))
def test_peak_2019_never_fails_at_or_below_3_times(levels: list[float]) -> None:
    samples = [fifteen_minute(level, i * 15.0) for i, level in enumerate(levels)]
    assert evaluate_peak_exposure(samples, limit(10), edition=GBZ_2019).is_compliant


# --- dust -------------------------------------------------------------------------------------


def test_evaluate_dust_free_silica_tier_selects_limits() -> None:
    """Silica dust with 30 % free SiO2: PC-TWA total 1, respirable 0.7 mg/m3 (GBZ 2.1-2019 table 2)."""
    measurement = DustMeasurement(total_segments=(TwaSegment(1.2, 8),), respirable_segments=(TwaSegment(0.5, 8),))
    result = evaluate_dust(measurement, reference_dusts("矽尘"), free_silica_percent=30)
    assert result.total is not None and not result.total.is_compliant
    assert result.respirable is not None and result.respirable.is_compliant
    assert result.respirable.reaches_action_level
    assert not result.is_compliant
    assert any("30% selects" in r for r in result.reasons)


def test_evaluate_dust_higher_silica_tightens_the_limit() -> None:
    measurement = DustMeasurement(respirable_segments=(TwaSegment(0.5, 8),))
    assert evaluate_dust(measurement, reference_dusts("矽尘"), free_silica_percent=40).is_compliant
    assert not evaluate_dust(measurement, reference_dusts("矽尘"), free_silica_percent=60).is_compliant


def test_evaluate_dust_when_tiered_rows_and_no_silica_content_rejects() -> None:
    measurement = DustMeasurement(total_segments=(TwaSegment(0.5, 8),))
    with pytest.raises(RuleInputError) as error:
        evaluate_dust(measurement, reference_dusts("矽尘"))
    assert error.value.field == "free_silica_percent"


def test_evaluate_dust_untiered_single_row_needs_no_silica_content() -> None:
    """Welding fume: total dust PC-TWA 4 mg/m3 only (confidence B, so the reasons caution)."""
    measurement = DustMeasurement(total_segments=(TwaSegment(3, 8),), respirable_segments=(TwaSegment(1, 8),))
    result = evaluate_dust(measurement, reference_dusts("电焊烟尘"))
    assert result.is_compliant and result.respirable is None
    assert any("no respirable PC-TWA" in r for r in result.reasons)
    assert any("confidence B" in r for r in result.reasons)


# --- units ------------------------------------------------------------------------------------


def test_ppm_to_mg_per_m3_reference_examples() -> None:
    """units_and_conversions.md at 20 C, 101.3 kPa: benzene 1 ppm = 3.25 mg/m3; ammonia 1 ppm = 0.708 mg/m3."""
    assert ppm_to_mg_per_m3(1, 78.11) == pytest.approx(3.25, abs=0.005)
    assert ppm_to_mg_per_m3(1, 17.03) == pytest.approx(0.708, abs=0.0005)


def test_ppm_to_mg_per_m3_when_molar_mass_not_positive_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        ppm_to_mg_per_m3(1, 0)
    assert error.value.field == "molar_mass_g_per_mol"


@given(st.floats(min_value=0, max_value=1e6), st.floats(min_value=1, max_value=1000))
def test_ppm_mg_per_m3_round_trip(ppm: float, molar_mass: float) -> None:
    assert mg_per_m3_to_ppm(ppm_to_mg_per_m3(ppm, molar_mass), molar_mass) == pytest.approx(ppm)


def test_standardise_air_volume_at_reference_conditions_is_unchanged() -> None:
    assert standardise_air_volume_l(30.0, 20.0, 101.3) == pytest.approx(30.0)
    assert standardise_air_volume_l(30.0, 30.0, 101.3) == pytest.approx(30.0 * 293 / 303)
