"""Validate one incoming reading against its channel: channel known, unit, physical range, time window.

Pure: the channel table, the policy and ``now`` are passed in. The data-flag vocabulary is
HJ 212-2017 table 8; the physical ranges are sanity bounds (what the quantity can be at all),
never exposure or emission limits, which live in ``reference/`` and the alert rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from ohs.monitoring.rules.hj212_codes import DataFlag, Parameter

RULE_VERSION = "monitoring.validation/1"


class Dimension(StrEnum):
    """Physical dimension of a unit; a range is checked in the dimension's base unit."""

    MASS_CONCENTRATION = "mass_concentration"  # base mg/m3
    SOUND_LEVEL = "sound_level"  # base dB
    TEMPERATURE = "temperature"  # base degC
    FRACTION = "fraction"  # base % (relative humidity, volume fraction)
    PRESSURE = "pressure"  # base kPa
    SPEED = "speed"  # base m/s
    ANGLE = "angle"  # base degree
    VOLUME_FLOW = "volume_flow"  # base m3/s
    DEPOSITION = "deposition"  # base t/(km2*month)


class Unit(StrEnum):
    """Units a channel may be configured in (the packet itself carries none: HJ 212-2017 appendix B)."""

    MG_PER_M3 = "mg/m3"
    UG_PER_M3 = "ug/m3"
    NG_PER_M3 = "ng/m3"
    DB = "dB"
    DEG_C = "degC"
    PERCENT = "%"
    KPA = "kPa"
    M_PER_S = "m/s"
    DEGREE = "degree"
    M3_PER_S = "m3/s"
    T_PER_KM2_MONTH = "t/(km2*month)"


# Unit -> (dimension, factor that converts a value into the dimension's base unit).
UNIT_SCALES: Mapping[Unit, tuple[Dimension, Decimal]] = {
    Unit.MG_PER_M3: (Dimension.MASS_CONCENTRATION, Decimal(1)),
    Unit.UG_PER_M3: (Dimension.MASS_CONCENTRATION, Decimal("0.001")),
    Unit.NG_PER_M3: (Dimension.MASS_CONCENTRATION, Decimal("0.000001")),
    Unit.DB: (Dimension.SOUND_LEVEL, Decimal(1)),
    Unit.DEG_C: (Dimension.TEMPERATURE, Decimal(1)),
    Unit.PERCENT: (Dimension.FRACTION, Decimal(1)),
    Unit.KPA: (Dimension.PRESSURE, Decimal(1)),
    Unit.M_PER_S: (Dimension.SPEED, Decimal(1)),
    Unit.DEGREE: (Dimension.ANGLE, Decimal(1)),
    Unit.M3_PER_S: (Dimension.VOLUME_FLOW, Decimal(1)),
    Unit.T_PER_KM2_MONTH: (Dimension.DEPOSITION, Decimal(1)),
}

# Spellings devices and vendor APIs use for the same unit (micro sign and Greek mu both occur).
UNIT_ALIASES: Mapping[str, Unit] = {
    "mg/m³": Unit.MG_PER_M3,
    "µg/m3": Unit.UG_PER_M3,
    "µg/m³": Unit.UG_PER_M3,
    "μg/m3": Unit.UG_PER_M3,
    "μg/m³": Unit.UG_PER_M3,
    "ug/m³": Unit.UG_PER_M3,
    "ng/m³": Unit.NG_PER_M3,
    "dB(A)": Unit.DB,
    "dBA": Unit.DB,
    "°C": Unit.DEG_C,
    "℃": Unit.DEG_C,
    "%RH": Unit.PERCENT,
    "m³/s": Unit.M3_PER_S,
}


@dataclass(frozen=True, slots=True)
class PhysicalRange:
    """Values a quantity can take at all, in its dimension's base unit, and why."""

    dimension: Dimension
    minimum: Decimal
    maximum: Decimal
    why: str


_GAS = PhysicalRange(
    Dimension.MASS_CONCENTRATION,
    Decimal(0),
    Decimal(4_000_000),
    "a gas cannot be denser than itself pure: chlorine, the densest here, is 3.2 kg/m3 at 0 degC",
)
_PARTICLE = PhysicalRange(
    Dimension.MASS_CONCENTRATION,
    Decimal(0),
    Decimal(100_000),
    "100 g/m3 is ten times the worst coal-face dust measured; beyond it air is no longer an aerosol",
)
_SOUND = PhysicalRange(
    Dimension.SOUND_LEVEL,
    Decimal(0),
    Decimal(194),
    "0 dB is the 20 uPa reference; at 194 dB the pressure swing equals one atmosphere (shock wave)",
)
_AIR_TEMPERATURE = PhysicalRange(
    Dimension.TEMPERATURE,
    Decimal(-90),
    Decimal(150),
    "lowest air temperature on Earth -89 degC; 150 degC allows sensors beside furnaces",
)
_GAS_TEMPERATURE = PhysicalRange(
    Dimension.TEMPERATURE,
    Decimal(-50),
    Decimal(1500),
    "flue gas is sampled after the furnace; 1500 degC exceeds any combustion exhaust",
)
_PERCENT = PhysicalRange(Dimension.FRACTION, Decimal(0), Decimal(100), "a share of a whole")
_AIR_PRESSURE = PhysicalRange(
    Dimension.PRESSURE,
    Decimal(30),
    Decimal(110),
    "Everest summit is about 33 kPa; the sea-level record is 108.4 kPa",
)
_DUCT_PRESSURE = PhysicalRange(
    Dimension.PRESSURE,
    Decimal(-100),
    Decimal(200),
    "vendors send gauge (negative under induced draft) or absolute pressure; both fit",
)
_WIND_SPEED = PhysicalRange(Dimension.SPEED, Decimal(0), Decimal(120), "the strongest gust ever measured is 113 m/s")
_DUCT_SPEED = PhysicalRange(
    Dimension.SPEED, Decimal(0), Decimal(200), "stack gas moves at 5-30 m/s; 200 m/s is far above"
)
_DIRECTION = PhysicalRange(Dimension.ANGLE, Decimal(0), Decimal(360), "a compass bearing")
_FLOW = PhysicalRange(
    Dimension.VOLUME_FLOW,
    Decimal(0),
    Decimal(100_000),
    "the largest power-station stacks carry a few thousand m3/s",
)
_DEPOSITION = PhysicalRange(
    Dimension.DEPOSITION,
    Decimal(0),
    Decimal(10_000),
    "heavy construction dust fall is tens of t/(km2*month)",
)

_P = Parameter
PHYSICAL_RANGES: Mapping[Parameter, PhysicalRange] = {
    **dict.fromkeys((_P.TSP, _P.PM10, _P.PM2_5, _P.PM1, _P.SMOKE_DUST, _P.CARBON_BLACK_DUST), _PARTICLE),
    **dict.fromkeys((_P.LEAD_COMPOUNDS, _P.LEAD, _P.MERCURY_COMPOUNDS, _P.MERCURY), _PARTICLE),
    **dict.fromkeys((_P.ASPHALT_FUME, _P.SULFURIC_ACID_MIST, _P.CHROMIC_ACID_MIST), _PARTICLE),
    **dict.fromkeys((_P.SO2, _P.NOX, _P.NO, _P.NO2, _P.CO, _P.H2S, _P.NH3, _P.CL2, _P.HCL), _GAS),
    **dict.fromkeys((_P.CYANIDE, _P.FLUORIDE, _P.CO2, _P.CH4, _P.HYDROCARBONS, _P.NMHC), _GAS),
    **dict.fromkeys((_P.BENZENE, _P.TOLUENE, _P.XYLENE, _P.FORMALDEHYDE, _P.CS2), _GAS),
    **dict.fromkeys((_P.N_HEXANE, _P.DICHLOROETHANE_1_2, _P.CHLOROFORM, _P.TRICHLOROETHYLENE), _GAS),
    **dict.fromkeys((_P.NOISE_LA, _P.NOISE_L5, _P.NOISE_L10, _P.NOISE_L50, _P.NOISE_L90), _SOUND),
    **dict.fromkeys((_P.NOISE_L95, _P.NOISE_LEQ, _P.NOISE_LDN, _P.NOISE_LD, _P.NOISE_LN), _SOUND),
    **dict.fromkeys((_P.NOISE_LMAX, _P.NOISE_LMIN), _SOUND),
    **dict.fromkeys((_P.HUMIDITY, _P.FLUE_GAS_HUMIDITY, _P.OXYGEN), _PERCENT),
    _P.TEMPERATURE: _AIR_TEMPERATURE,
    _P.FLUE_GAS_TEMPERATURE: _GAS_TEMPERATURE,
    _P.AIR_PRESSURE: _AIR_PRESSURE,
    _P.FLUE_GAS_PRESSURE: _DUCT_PRESSURE,
    _P.WIND_SPEED: _WIND_SPEED,
    _P.FLUE_GAS_VELOCITY: _DUCT_SPEED,
    _P.WIND_DIRECTION: _DIRECTION,
    _P.FLUE_GAS_FLOW: _FLOW,
    _P.DUST_FALL: _DEPOSITION,
}


class RejectionReason(StrEnum):
    """Stable codes for why a reading was refused."""

    UNKNOWN_CHANNEL = "unknown_channel"
    UNKNOWN_UNIT = "unknown_unit"
    UNIT_MISMATCH = "unit_mismatch"
    UNKNOWN_DATA_FLAG = "unknown_data_flag"
    NOT_A_NUMBER = "not_a_number"
    BELOW_PHYSICAL_MINIMUM = "below_physical_minimum"
    ABOVE_PHYSICAL_MAXIMUM = "above_physical_maximum"
    NAIVE_TIMESTAMP = "naive_timestamp"
    IN_FUTURE = "in_future"
    TOO_OLD = "too_old"


@dataclass(frozen=True, slots=True)
class ChannelSpec:
    """A configured channel: what it measures and in which unit the device reports."""

    channel_id: str
    parameter: Parameter
    unit: Unit

    def __post_init__(self) -> None:
        expected = PHYSICAL_RANGES[self.parameter].dimension
        if UNIT_SCALES[self.unit][0] is not expected:
            raise ValueError(f"unit {self.unit} cannot express {self.parameter} ({expected})")


@dataclass(frozen=True, slots=True)
class IncomingReading:
    """One value as it arrived, before validation."""

    channel_id: str
    value: Decimal
    unit: str
    measured_at: datetime
    data_flag: str = DataFlag.NORMAL


@dataclass(frozen=True, slots=True)
class ValidationPolicy:
    """Time window a reading must fall in, relative to ``now``."""

    clock_skew_allowance: timedelta
    max_age: timedelta


# Station clocks are calibrated by the platform (HJ 212-2017 CN 1012), so minutes of drift at most;
# loggers keep history and resend it after an outage, so a week of backlog is still accepted.
DEFAULT_POLICY = ValidationPolicy(clock_skew_allowance=timedelta(minutes=5), max_age=timedelta(days=7))


@dataclass(frozen=True, slots=True)
class AcceptedReading:
    """A reading that passed every check; ``is_valid_measurement`` only for flag N."""

    channel_id: str
    parameter: Parameter
    unit: Unit
    value: Decimal
    measured_at: datetime
    data_flag: DataFlag
    is_valid_measurement: bool
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


@dataclass(frozen=True, slots=True)
class RejectedReading:
    """A refused reading: a stable reason code and a message naming the field."""

    channel_id: str
    reason: RejectionReason
    field: str
    message: str
    rule_version: str = RULE_VERSION


# Lookups by the text a device sends, built once: every reading of a province passes through them.
_UNIT_BY_TEXT: Mapping[str, Unit] = {**{unit.value: unit for unit in Unit}, **UNIT_ALIASES}
_FLAG_BY_TEXT: Mapping[str, DataFlag] = {flag.value: flag for flag in DataFlag}


def normalize_unit(text: str) -> Unit | None:
    """Map a unit as written by a device or API onto a ``Unit``, or None if unknown."""
    return _UNIT_BY_TEXT.get(text.strip())


def validate_reading(
    reading: IncomingReading,
    *,
    channels: Mapping[str, ChannelSpec],
    now: datetime,
    policy: ValidationPolicy = DEFAULT_POLICY,
) -> AcceptedReading | RejectedReading:
    """Accept a reading or reject it with a reason code naming the offending field."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    channel = channels.get(reading.channel_id)
    if channel is None:
        return _reject(
            reading, RejectionReason.UNKNOWN_CHANNEL, "channel_id", f"channel {reading.channel_id!r} is not configured"
        )
    rejection = (
        _check_unit(reading, channel)
        or _check_flag(reading)
        or _check_value(reading, channel)
        or _check_time(reading, now, policy)
    )
    if rejection is not None:
        return rejection
    return _accept(reading, channel)


def _accept(reading: IncomingReading, channel: ChannelSpec) -> AcceptedReading:
    """Build the accepted reading; only flag N counts as a valid measurement (HJ 212-2017 table 8)."""
    flag = _FLAG_BY_TEXT[reading.data_flag]
    is_valid = flag is DataFlag.NORMAL
    return AcceptedReading(
        channel_id=channel.channel_id,
        parameter=channel.parameter,
        unit=channel.unit,
        value=reading.value,
        measured_at=reading.measured_at,
        data_flag=flag,
        is_valid_measurement=is_valid,
        reasons=_ACCEPT_REASONS if is_valid else (*_ACCEPT_REASONS, f"data_flag_{flag.name.lower()}"),
    )


_ACCEPT_REASONS = ("channel_known", "unit_matches", "within_physical_range", "within_time_window")


def _reject(reading: IncomingReading, reason: RejectionReason, field: str, message: str) -> RejectedReading:
    """Build a rejection for ``reading``."""
    return RejectedReading(channel_id=reading.channel_id, reason=reason, field=field, message=message)


def _check_unit(reading: IncomingReading, channel: ChannelSpec) -> RejectedReading | None:
    """The reading's unit must be the channel's configured unit (no silent conversion)."""
    unit = normalize_unit(reading.unit)
    if unit is None:
        return _reject(reading, RejectionReason.UNKNOWN_UNIT, "unit", f"unit {reading.unit!r} is not known")
    if unit is not channel.unit:
        return _reject(
            reading,
            RejectionReason.UNIT_MISMATCH,
            "unit",
            f"unit {unit} does not match the channel's unit {channel.unit}",
        )
    return None


def _check_flag(reading: IncomingReading) -> RejectedReading | None:
    """The data flag must be one of HJ 212-2017 table 8."""
    if isinstance(reading.data_flag, str) and reading.data_flag in _FLAG_BY_TEXT:
        return None
    return _reject(
        reading,
        RejectionReason.UNKNOWN_DATA_FLAG,
        "data_flag",
        f"data flag {reading.data_flag!r} is not in HJ 212-2017 table 8",
    )


def _check_value(reading: IncomingReading, channel: ChannelSpec) -> RejectedReading | None:
    """The value must be a finite number the quantity can physically take."""
    if not reading.value.is_finite():
        return _reject(reading, RejectionReason.NOT_A_NUMBER, "value", f"value {reading.value} is not finite")
    bounds = PHYSICAL_RANGES[channel.parameter]
    in_base_unit = reading.value * UNIT_SCALES[channel.unit][1]
    if in_base_unit < bounds.minimum:
        return _reject(
            reading,
            RejectionReason.BELOW_PHYSICAL_MINIMUM,
            "value",
            f"value {reading.value} {channel.unit} is below the physical minimum of "
            f"{channel.parameter} ({bounds.minimum} in base unit: {bounds.why})",
        )
    if in_base_unit > bounds.maximum:
        return _reject(
            reading,
            RejectionReason.ABOVE_PHYSICAL_MAXIMUM,
            "value",
            f"value {reading.value} {channel.unit} is above the physical maximum of "
            f"{channel.parameter} ({bounds.maximum} in base unit: {bounds.why})",
        )
    return None


def _check_time(reading: IncomingReading, now: datetime, policy: ValidationPolicy) -> RejectedReading | None:
    """The timestamp must be aware, not ahead of ``now`` beyond the skew, nor older than the max age."""
    measured_at = reading.measured_at
    if measured_at.tzinfo is None:
        return _reject(reading, RejectionReason.NAIVE_TIMESTAMP, "measured_at", "measured_at has no time zone")
    if measured_at > now + policy.clock_skew_allowance:
        return _reject(
            reading,
            RejectionReason.IN_FUTURE,
            "measured_at",
            f"measured_at {measured_at.isoformat()} is more than "
            f"{policy.clock_skew_allowance} ahead of now {now.isoformat()}",
        )
    if now - measured_at > policy.max_age:
        return _reject(
            reading,
            RejectionReason.TOO_OLD,
            "measured_at",
            f"measured_at {measured_at.isoformat()} is older than {policy.max_age}",
        )
    return None
