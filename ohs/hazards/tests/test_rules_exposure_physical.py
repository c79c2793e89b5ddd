"""Physical agents: noise (L_EX,8h, L_EX,W, impulse), WBGT heat, hand-arm vibration, microwave, fields."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.hazards.rules.exposure import (
    MicrowaveSegment,
    NoiseSegment,
    RuleInputError,
    VibrationSegment,
    WbgtSegment,
    classify_labour_intensity,
    compute_ahw_4h,
    compute_wbgt_twa,
    contact_time_ratio_percent,
    impulse_peak_tier,
    judge_hand_arm_vibration,
    judge_impulse_noise,
    judge_lex_8h,
    judge_lex_w,
    judge_microwave,
    judge_physical_limit,
    judge_wbgt,
    laeq_te,
    lex_8h,
    lex_8h_from_laeq,
    lex_w,
    wbgt_limit,
)
from ohs.hazards.rules.limits import (
    LabourIntensity,
    NoiseLimits,
    PhysicalLimitRow,
    WbgtTable,
    build_labour_intensity_tiers,
    build_noise_limits,
    build_wbgt_table,
    find_physical_limit,
    parse_physical_rows,
)

REFERENCE = Path(__file__).resolve().parents[3] / "reference"
levels = st.floats(min_value=40, max_value=140, allow_nan=False)


def rows() -> tuple[PhysicalLimitRow, ...]:
    """noise_heat.csv, parsed."""
    with (REFERENCE / "noise_heat.csv").open(encoding="utf-8", newline="") as handle:
        return parse_physical_rows(list(csv.DictReader(handle)))


def noise_limits() -> NoiseLimits:
    """GBZ 2.2-2007 noise limits from the reference."""
    return build_noise_limits(rows())


def wbgt_table() -> WbgtTable:
    """GBZ 2.2-2007 WBGT table from the reference."""
    return build_wbgt_table(rows())


# --- noise ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("exposure_hours", "level_dba"), [(8, 85), (4, 88), (2, 91), (1, 94), (0.5, 97)])
def test_lex_8h_gbzt_189_8_appendix_b_equal_energy_limits(exposure_hours: float, level_dba: float) -> None:
    """GBZ/T 189.8-2007 appendix B table B.1: halving the exposure time raises the level limit by 3 dB(A)
    (4 h -> 88 dB(A)); each row is L_EX,8h = 85 dB(A) to within the 3.01 dB rounding of the table."""
    assert lex_8h([NoiseSegment(level_dba, exposure_hours)]) == pytest.approx(85.0, abs=0.05)


def test_lex_8h_combines_segments_by_energy() -> None:
    """Two 4-h segments of 90 and 80 dB(A): 10 lg((4 x 10^9 + 4 x 10^8) / 8) = 10 lg(5.5 x 10^8) = 87.40 dB(A)."""
    assert lex_8h([NoiseSegment(90, 4), NoiseSegment(80, 4)]) == pytest.approx(87.40, abs=0.005)


def test_lex_8h_from_laeq_normalises_exposure_time() -> None:
    """GBZ/T 189.8-2007: L_EX,8h = L_Aeq,Te + 10 lg(Te/8); 91 dB(A) over 2 h is 84.98 dB(A)."""
    segments = [NoiseSegment(95, 1), NoiseSegment(85, 1)]
    assert lex_8h_from_laeq(laeq_te(segments), 2) == pytest.approx(lex_8h(segments))
    assert lex_8h_from_laeq(91, 2) == pytest.approx(84.98, abs=0.005)


def test_lex_w_for_a_six_day_week() -> None:
    """GBZ 2.2-2007 11.2.1: six days at L_EX,8h 85 give L_EX,W = 85 + 10 lg(6/5) = 85.79 dB(A)."""
    assert lex_w([85.0] * 6) == pytest.approx(85.79, abs=0.005)
    assert lex_w([85.0] * 5) == pytest.approx(85.0)
    assert not judge_lex_w(lex_w([85.0] * 6), noise_limits()).is_compliant


def test_lex_w_when_more_than_seven_days_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        lex_w([80.0] * 8)
    assert error.value.field == "daily_lex_8h_dba"


def test_judge_lex_8h_ratio_is_the_energy_ratio() -> None:
    judgement = judge_lex_8h(88.0, noise_limits())
    assert not judgement.is_compliant
    assert judgement.ratio_to_limit == pytest.approx(10**0.3)
    assert judgement.reaches_action_level is None
    assert judgement.rule_version == "gbz2.2-2007/1"
    assert judge_lex_8h(85.0, noise_limits()).is_compliant


def test_lex_8h_when_no_exposure_time_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        lex_8h([NoiseSegment(90, 0)])
    assert error.value.field == "segments"


def test_lex_8h_when_level_not_finite_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        lex_8h([NoiseSegment(math.nan, 8)])
    assert error.value.field == "segments[0].laeq_dba"


@given(levels)
def test_lex_8h_of_8_hours_at_a_level_is_that_level(level: float) -> None:
    assert lex_8h([NoiseSegment(level, 8)]) == pytest.approx(level)


@given(levels, st.floats(min_value=0.1, max_value=12))
def test_lex_8h_doubling_time_adds_3_db(level: float, exposure_hours: float) -> None:
    single = lex_8h([NoiseSegment(level, exposure_hours)])
    double = lex_8h([NoiseSegment(level, exposure_hours), NoiseSegment(level, exposure_hours)])
    assert double - single == pytest.approx(10 * math.log10(2), abs=1e-9)


@given(st.lists(st.tuples(levels, st.floats(min_value=0.1, max_value=3)), min_size=1, max_size=8))
def test_lex_8h_lies_within_the_levels_normalised(parts: list[tuple[float, float]]) -> None:
    total = sum(h for _, h in parts)
    value = lex_8h([NoiseSegment(level, h) for level, h in parts])
    normalise = 10 * math.log10(total / 8)
    assert min(lv for lv, _ in parts) + normalise - 1e-9 <= value <= max(lv for lv, _ in parts) + normalise + 1e-9


@pytest.mark.parametrize(
    ("count", "peak_limit"), [(0, 140), (100, 140), (101, 130), (1000, 130), (1001, 120), (10000, 120)]
)
def test_impulse_peak_tier_by_count(count: int, peak_limit: float) -> None:
    """GBZ 2.2-2007 table 10: n <= 100 -> 140; 100 < n <= 1000 -> 130; 1000 < n <= 10000 -> 120 dB(A)."""
    assert impulse_peak_tier(count, noise_limits()).peak_limit.value == peak_limit


def test_judge_impulse_noise_against_its_tier() -> None:
    assert judge_impulse_noise(135, 50, noise_limits()).is_compliant
    assert not judge_impulse_noise(135, 500, noise_limits()).is_compliant


def test_impulse_peak_tier_when_count_above_table_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        impulse_peak_tier(10001, noise_limits())
    assert error.value.field == "impulses_per_day"


# --- heat -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index_n", "intensity"), [(10, "I"), (15, "I"), (15.1, "II"), (20, "II"), (25, "III"), (30, "IV")]
)
def test_classify_labour_intensity_by_index(index_n: float, intensity: str) -> None:
    """GBZ 2.2-2007 table 13: I <= 15 < II <= 20 < III <= 25 < IV."""
    tiers = build_labour_intensity_tiers(rows())
    assert classify_labour_intensity(index_n, tiers) is LabourIntensity[intensity]


def test_contact_time_ratio_percent_of_a_shift() -> None:
    assert contact_time_ratio_percent(6) == pytest.approx(75)
    with pytest.raises(RuleInputError):
        contact_time_ratio_percent(9)


def test_wbgt_limit_table_cells_and_hot_region() -> None:
    """GBZ 2.2-2007 table 8: class II at 100 % is 28 C; +1 C where summer design temperature >= 30 C (10.2.2)."""
    table = wbgt_table()
    assert wbgt_limit(table, LabourIntensity.II, 100, is_hot_region=False).value == 28
    assert wbgt_limit(table, LabourIntensity.II, 100, is_hot_region=True).value == 29
    assert wbgt_limit(table, LabourIntensity.IV, 25, is_hot_region=False).value == 30


def test_wbgt_limit_between_columns_uses_the_stricter_column() -> None:
    """A 60 % contact-time ratio is judged in the 75 % column (class III: 28 C), not the 50 % one (29 C)."""
    assert wbgt_limit(wbgt_table(), LabourIntensity.III, 60, is_hot_region=False).value == 28


def test_judge_wbgt_gives_no_ratio_for_celsius() -> None:
    judgement = judge_wbgt(28.5, wbgt_table(), LabourIntensity.III, 60, is_hot_region=True)
    assert judgement.is_compliant and judgement.ratio_to_limit is None
    assert any("75% column" in r for r in judgement.reasons)
    assert any("hot-region" in r for r in judgement.reasons)
    assert not judge_wbgt(28.5, wbgt_table(), LabourIntensity.III, 60, is_hot_region=False).is_compliant


def test_judge_wbgt_when_ratio_out_of_range_rejects() -> None:
    with pytest.raises(RuleInputError) as error:
        judge_wbgt(25, wbgt_table(), LabourIntensity.I, 120, is_hot_region=False)
    assert error.value.field == "contact_time_ratio_percent"


def test_compute_wbgt_twa_weights_by_time() -> None:
    assert compute_wbgt_twa([WbgtSegment(32, 2), WbgtSegment(26, 6)]) == pytest.approx(27.5)


# --- vibration, microwave, other fields --------------------------------------------------------


def test_compute_ahw_4h_single_tool() -> None:
    """physical_agents.md: a_hw(4) = a_hw(T) sqrt(T/4); 10 m/s2 for 1 h is 5 m/s2, at the 5 m/s2 limit."""
    ahw = compute_ahw_4h([VibrationSegment(10, 1)])
    assert ahw == pytest.approx(5.0)
    limit = find_physical_limit(rows(), agent="手传振动", metric_prefix="4 h")
    assert judge_hand_arm_vibration(ahw, limit).is_compliant
    assert not judge_hand_arm_vibration(5.01, limit).is_compliant


def test_compute_ahw_4h_several_tools_add_energies() -> None:
    assert compute_ahw_4h([VibrationSegment(4, 2), VibrationSegment(3, 4)]) == pytest.approx(math.sqrt(17))


@given(st.floats(min_value=0, max_value=50), st.floats(min_value=0.01, max_value=24))
def test_compute_ahw_4h_matches_the_single_tool_formula(acceleration: float, exposure_hours: float) -> None:
    expected = acceleration * math.sqrt(exposure_hours / 4)
    assert compute_ahw_4h([VibrationSegment(acceleration, exposure_hours)]) == pytest.approx(expected)


def test_judge_microwave_dose_and_short_exposure() -> None:
    """GBZ 2.2-2007 table 6, whole body continuous: 400 uW*h/cm2 a day; short exposure 5 mW/cm2."""
    all_rows = rows()
    dose_limit = find_physical_limit(
        all_rows, agent="微波辐射", metric_prefix="daily dose", condition="whole body; continuous"
    )
    short_limit = find_physical_limit(
        all_rows, agent="微波辐射", metric_prefix="short", condition="whole body; continuous"
    )
    dose, peak = judge_microwave(
        [MicrowaveSegment(100, 2), MicrowaveSegment(60, 3)],
        daily_dose_limit=dose_limit,
        short_exposure_limit=short_limit,
    )
    assert dose.measured_value == pytest.approx(380) and dose.is_compliant
    assert peak.measured_value == pytest.approx(0.1) and peak.is_compliant
    over, _ = judge_microwave([MicrowaveSegment(60, 8)], daily_dose_limit=dose_limit, short_exposure_limit=short_limit)
    assert not over.is_compliant


def test_judge_hand_arm_vibration_when_unit_differs_rejects() -> None:
    limit = find_physical_limit(rows(), agent="工频电场(50 Hz)", metric_prefix="electric field")
    with pytest.raises(RuleInputError) as error:
        judge_hand_arm_vibration(3, limit)
    assert error.value.field == "limit"


def test_judge_physical_limit_power_frequency_field() -> None:
    """GBZ 2.2-2007 table 3: 50 Hz electric field 5 kV/m for 8 h."""
    limit = find_physical_limit(rows(), agent="工频电场(50 Hz)", metric_prefix="electric field")
    judgement = judge_physical_limit("E (50 Hz)", 6.0, limit)
    assert not judgement.is_compliant and judgement.ratio_to_limit == pytest.approx(1.2)
    assert judgement.unit == "kV/m"
