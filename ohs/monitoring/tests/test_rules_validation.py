"""Validation of one incoming reading: channel, unit, physical range, time window, data flag."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.monitoring.rules.hj212_codes import DataFlag, Parameter
from ohs.monitoring.rules.validation import (
    DEFAULT_POLICY,
    PHYSICAL_RANGES,
    UNIT_SCALES,
    AcceptedReading,
    ChannelSpec,
    IncomingReading,
    RejectedReading,
    Unit,
    ValidationPolicy,
    normalize_unit,
    validate_reading,
)

NOW = datetime(2024, 3, 15, 2, 30, tzinfo=UTC)
CHANNELS = {
    "tsp": ChannelSpec("tsp", Parameter.TSP, Unit.MG_PER_M3),
    "pm25": ChannelSpec("pm25", Parameter.PM2_5, Unit.UG_PER_M3),
    "noise": ChannelSpec("noise", Parameter.NOISE_LA, Unit.DB),
    "temp": ChannelSpec("temp", Parameter.TEMPERATURE, Unit.DEG_C),
    "o2": ChannelSpec("o2", Parameter.OXYGEN, Unit.PERCENT),
}


def _reading(channel_id: str = "tsp", value: str = "0.215", unit: str = "mg/m3", **changes: Any) -> IncomingReading:
    return replace(IncomingReading(channel_id, Decimal(value), unit, NOW - timedelta(minutes=1)), **changes)


def _validate(reading: IncomingReading, policy: ValidationPolicy = DEFAULT_POLICY) -> AcceptedReading | RejectedReading:
    return validate_reading(reading, channels=CHANNELS, now=NOW, policy=policy)


def test_validate_reading_when_all_fine_accepts_with_reasons() -> None:
    result = _validate(_reading())
    assert isinstance(result, AcceptedReading)
    assert (result.parameter, result.unit, result.value, result.data_flag) == (
        Parameter.TSP,
        Unit.MG_PER_M3,
        Decimal("0.215"),
        DataFlag.NORMAL,
    )
    assert result.is_valid_measurement
    assert "within_physical_range" in result.reasons and result.rule_version


def test_validate_reading_when_flag_not_normal_accepts_but_not_as_measurement() -> None:
    result = _validate(_reading(data_flag="D"))
    assert isinstance(result, AcceptedReading)
    assert result.data_flag is DataFlag.FAULT
    assert not result.is_valid_measurement
    assert result.reasons[-1] == "data_flag_fault"


@pytest.mark.parametrize(
    ("reading", "reason", "field"),
    [
        (_reading(channel_id="nope"), "unknown_channel", "channel_id"),
        (_reading(unit="furlong"), "unknown_unit", "unit"),
        (_reading(unit="ug/m3"), "unit_mismatch", "unit"),
        (_reading(data_flag="Q"), "unknown_data_flag", "data_flag"),
        (_reading(value="NaN"), "not_a_number", "value"),
        (_reading(value="Infinity"), "not_a_number", "value"),
        (_reading(value="-0.001"), "below_physical_minimum", "value"),
        (_reading(value="100000.001"), "above_physical_maximum", "value"),
        (_reading("noise", "195", "dB"), "above_physical_maximum", "value"),
        (_reading("temp", "-91", "degC"), "below_physical_minimum", "value"),
        (_reading("o2", "100.1", "%"), "above_physical_maximum", "value"),
        (_reading(measured_at=datetime(2024, 3, 15, 2, 30)), "naive_timestamp", "measured_at"),
        (_reading(measured_at=NOW + timedelta(minutes=5, seconds=1)), "in_future", "measured_at"),
        (_reading(measured_at=NOW - timedelta(days=7, seconds=1)), "too_old", "measured_at"),
    ],
)
def test_validate_reading_when_something_wrong_rejects_naming_the_field(
    reading: IncomingReading, reason: str, field: str
) -> None:
    result = _validate(reading)
    assert isinstance(result, RejectedReading)
    assert (result.reason, result.field) == (reason, field)
    assert result.message and result.rule_version


def test_validate_reading_at_the_window_edges_accepts() -> None:
    assert isinstance(_validate(_reading(measured_at=NOW + timedelta(minutes=5))), AcceptedReading)
    assert isinstance(_validate(_reading(measured_at=NOW - timedelta(days=7))), AcceptedReading)


def test_validate_reading_uses_the_policy_passed_in() -> None:
    strict = ValidationPolicy(clock_skew_allowance=timedelta(0), max_age=timedelta(hours=1))
    result = _validate(_reading(measured_at=NOW - timedelta(hours=2)), strict)
    assert isinstance(result, RejectedReading) and result.reason == "too_old"


def test_validate_reading_converts_units_before_the_range_check() -> None:
    # 150,000 ug/m3 = 150 mg/m3: possible; 100,000,001 ug/m3 = 100,000.001 mg/m3: not.
    assert isinstance(_validate(_reading("pm25", "150000", "µg/m³")), AcceptedReading)
    result = _validate(_reading("pm25", "100000001", "ug/m3"))
    assert isinstance(result, RejectedReading) and result.reason == "above_physical_maximum"


def test_validate_reading_when_now_naive_raises() -> None:
    with pytest.raises(ValueError, match="aware"):
        validate_reading(_reading(), channels=CHANNELS, now=datetime(2024, 3, 15))


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("mg/m3", Unit.MG_PER_M3),
        (" mg/m³ ", Unit.MG_PER_M3),
        ("μg/m³", Unit.UG_PER_M3),
        ("µg/m3", Unit.UG_PER_M3),
        ("℃", Unit.DEG_C),
        ("dB(A)", Unit.DB),
        ("furlong", None),
    ],
)
def test_normalize_unit_accepts_common_spellings(text: str, unit: Unit | None) -> None:
    assert normalize_unit(text) is unit


def test_channel_spec_when_unit_cannot_express_parameter_raises() -> None:
    with pytest.raises(ValueError, match="cannot express"):
        ChannelSpec("x", Parameter.NOISE_LA, Unit.MG_PER_M3)


def test_physical_ranges_cover_every_parameter_with_a_reason() -> None:
    assert set(PHYSICAL_RANGES) == set(Parameter)
    for bounds in PHYSICAL_RANGES.values():
        assert bounds.minimum < bounds.maximum and bounds.why


def test_every_unit_has_a_scale() -> None:
    assert set(UNIT_SCALES) == set(Unit)


@given(st.decimals(min_value=0, max_value=100_000, places=3, allow_nan=False, allow_infinity=False))
def test_validate_reading_when_value_in_range_accepts_in_mg_and_ug_alike(value: Decimal) -> None:
    in_mg = _validate(_reading("tsp", str(value), "mg/m3"))
    in_ug = validate_reading(
        _reading("tsp", str(value * 1000), "ug/m3"),
        channels={"tsp": ChannelSpec("tsp", Parameter.TSP, Unit.UG_PER_M3)},
        now=NOW,
    )
    assert isinstance(in_mg, AcceptedReading) and isinstance(in_ug, AcceptedReading)


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-1000, max_value=1000),
    st.timedeltas(min_value=timedelta(days=-10), max_value=timedelta(days=10)),
)
def test_validate_reading_decides_by_range_and_window_only(value: Decimal, age: timedelta) -> None:
    result = _validate(_reading("noise", str(value), "dB", measured_at=NOW - age))
    in_range = Decimal(0) <= value <= Decimal(194)
    in_window = -DEFAULT_POLICY.clock_skew_allowance <= age <= DEFAULT_POLICY.max_age
    assert isinstance(result, AcceptedReading) is (in_range and in_window)
