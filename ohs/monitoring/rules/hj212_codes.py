"""HJ 212-2017 code tables as data: channel parameters and monitoring-factor codes (appendix B),
data flags (table 8), system codes (table 5), command codes (table 9) and return codes (tables 6
and 7), plus ``extract_values`` to flatten a packet into values a caller matches to its channels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import IntEnum, StrEnum

from ohs.monitoring.rules.hj212_packet import Packet


class Parameter(StrEnum):
    """What a channel measures, one per factor of HJ 212-2017 appendix B (``FACTOR_CODES`` maps codes here)."""

    FLUE_GAS_FLOW = "flue_gas_flow"
    TEMPERATURE = "temperature"
    HUMIDITY = "humidity"
    AIR_PRESSURE = "air_pressure"
    WIND_SPEED = "wind_speed"
    WIND_DIRECTION = "wind_direction"
    FLUE_GAS_VELOCITY = "flue_gas_velocity"
    FLUE_GAS_TEMPERATURE = "flue_gas_temperature"
    FLUE_GAS_PRESSURE = "flue_gas_pressure"
    FLUE_GAS_HUMIDITY = "flue_gas_humidity"
    OXYGEN = "oxygen"
    TSP = "tsp"
    PM10 = "pm10"
    PM2_5 = "pm2_5"
    PM1 = "pm1"
    DUST_FALL = "dust_fall"
    SMOKE_DUST = "smoke_dust"
    CARBON_BLACK_DUST = "carbon_black_dust"
    SO2 = "so2"
    NOX = "nox"
    NO = "no"
    NO2 = "no2"
    CO = "co"
    H2S = "h2s"
    NH3 = "nh3"
    CL2 = "cl2"
    HCL = "hcl"
    CYANIDE = "cyanide"
    FLUORIDE = "fluoride"
    CO2 = "co2"
    CH4 = "ch4"
    HYDROCARBONS = "hydrocarbons"
    NMHC = "nmhc"
    BENZENE = "benzene"
    TOLUENE = "toluene"
    XYLENE = "xylene"
    FORMALDEHYDE = "formaldehyde"
    CS2 = "cs2"
    N_HEXANE = "n_hexane"
    DICHLOROETHANE_1_2 = "dichloroethane_1_2"
    CHLOROFORM = "chloroform"
    TRICHLOROETHYLENE = "trichloroethylene"
    LEAD_COMPOUNDS = "lead_compounds"
    LEAD = "lead"
    MERCURY_COMPOUNDS = "mercury_compounds"
    MERCURY = "mercury"
    ASPHALT_FUME = "asphalt_fume"
    SULFURIC_ACID_MIST = "sulfuric_acid_mist"
    CHROMIC_ACID_MIST = "chromic_acid_mist"
    NOISE_LA = "noise_la"
    NOISE_L5 = "noise_l5"
    NOISE_L10 = "noise_l10"
    NOISE_L50 = "noise_l50"
    NOISE_L90 = "noise_l90"
    NOISE_L95 = "noise_l95"
    NOISE_LEQ = "noise_leq"
    NOISE_LDN = "noise_ldn"
    NOISE_LD = "noise_ld"
    NOISE_LN = "noise_ln"
    NOISE_LMAX = "noise_lmax"
    NOISE_LMIN = "noise_lmin"


class DataFlag(StrEnum):
    """Data flag sent with every value (HJ 212-2017 table 8)."""

    NORMAL = "N"  # instrument working normally: the only flag that counts as measured data
    STOPPED = "F"
    MAINTENANCE = "M"
    MANUAL = "S"  # set value entered by hand
    FAULT = "D"
    CALIBRATION = "C"
    OVER_RANGE = "T"  # above the instrument's measuring range, not an emission limit
    LINK_FAULT = "B"  # instrument-to-data-logger communication fault


ST_SYSTEM_INTERACTION = "91"  # table 5: system interaction, used by every 9011-9014 reply

# Table 5 (GB/T 16706-1996 codes, extendable). Workplace monitors have no ST of their own:
# vendors send 22, 23, 31, 36 or 39, so the platform maps devices by configuration, not by ST.
SYSTEM_CODES: Mapping[str, str] = {
    "21": "surface water quality",
    "22": "air quality",
    "23": "acoustic environment quality",
    "24": "groundwater quality",
    "25": "soil quality",
    "26": "sea water quality",
    "27": "volatile organic compounds",
    "31": "atmospheric pollution source",
    "32": "surface-water pollution source",
    "33": "groundwater pollution source",
    "34": "marine pollution source",
    "35": "soil pollution source",
    "36": "noise pollution source",
    "37": "vibration source",
    "38": "radioactive source",
    "39": "construction-site dust source",
    "41": "electromagnetic source",
    "51": "flue-gas process monitoring",
    "52": "waste-water process monitoring",
    "91": "system interaction",
}


class CommandKind(StrEnum):
    """How the platform treats a packet with this CN arriving from a station (table 9, §6.5)."""

    UPLOAD = "upload"  # data, or a station's answer to a "get" request: acknowledged by 9014
    NOTICE = "notice"  # answered by 9013
    REQUEST = "request"  # only the platform issues it: a station sending it is refused (9011)
    REPLY = "reply"  # 9011-9014: never answered


@dataclass(frozen=True, slots=True)
class Command:
    """One command code of table 9."""

    cn: str
    name: str
    kind: CommandKind


CN_SET_STATION_TIME = "1012"
CN_TIME_CALIBRATION = "1013"
CN_REQUEST_ANSWER = "9011"
CN_EXECUTION_RESULT = "9012"
CN_NOTICE_ANSWER = "9013"
CN_DATA_ACK = "9014"

_K = CommandKind
COMMANDS: Mapping[str, Command] = {
    c.cn: c
    for c in (
        Command("1000", "set time-out and resend count", _K.REQUEST),
        Command("1011", "station time", _K.UPLOAD),
        Command(CN_SET_STATION_TIME, "set station time", _K.REQUEST),
        Command(CN_TIME_CALIBRATION, "station asks for time calibration", _K.NOTICE),
        Command("1061", "real-time data interval", _K.UPLOAD),
        Command("1062", "set real-time data interval", _K.REQUEST),
        Command("1063", "minute-data interval", _K.UPLOAD),
        Command("1064", "set minute-data interval", _K.REQUEST),
        Command("1072", "set station password", _K.REQUEST),
        Command("2011", "real-time pollutant data", _K.UPLOAD),
        Command("2012", "stop real-time data", _K.NOTICE),
        Command("2021", "equipment running state", _K.UPLOAD),
        Command("2022", "stop equipment running state", _K.NOTICE),
        Command("2031", "daily pollutant data", _K.UPLOAD),
        Command("2041", "daily equipment running time", _K.UPLOAD),
        Command("2051", "minute pollutant data", _K.UPLOAD),
        Command("2061", "hour pollutant data", _K.UPLOAD),
        Command("2081", "data logger power-on time", _K.UPLOAD),
        Command("3011", "zero / span calibration", _K.REQUEST),
        Command("3012", "take a sample now", _K.REQUEST),
        Command("3013", "cleaning / back-flush", _K.REQUEST),
        Command("3014", "comparison sampling", _K.REQUEST),
        Command("3015", "over-limit sample kept", _K.UPLOAD),
        Command("3016", "set sampling cycle", _K.REQUEST),
        Command("3017", "sampling cycle", _K.UPLOAD),
        Command("3018", "sample output time", _K.UPLOAD),
        Command("3019", "device id", _K.UPLOAD),
        Command("3020", "on-site information", _K.UPLOAD),
        Command("3021", "set on-site parameters", _K.REQUEST),
        Command(CN_REQUEST_ANSWER, "request answer", _K.REPLY),
        Command(CN_EXECUTION_RESULT, "execution result", _K.REPLY),
        Command(CN_NOTICE_ANSWER, "notice answer", _K.REPLY),
        Command(CN_DATA_ACK, "data acknowledgement", _K.REPLY),
    )
}


class QnRtn(IntEnum):
    """Request return code, CP field ``QnRtn`` of CN 9011 (table 7)."""

    READY = 1
    REFUSED = 2
    WRONG_PW = 3
    WRONG_MN = 4
    WRONG_ST = 5
    WRONG_FLAG = 6
    WRONG_QN = 7
    WRONG_CN = 8
    CRC_ERROR = 9
    UNKNOWN_ERROR = 100


class ExeRtn(IntEnum):
    """Execution result code, CP field ``ExeRtn`` of CN 9012 (table 6)."""

    SUCCESS = 1
    FAILED = 2
    WRONG_CONDITION = 3
    TIMEOUT = 4
    BUSY = 5
    FAULT = 6
    NO_DATA = 100


@dataclass(frozen=True, slots=True)
class FactorCode:
    """A monitoring-factor code of appendix B, the parameter it feeds and the standard's default unit.

    ``standard_unit`` is the unit printed in the standard; devices often report another one
    (site dust monitors send mg/m3 or ug/m3 where the table prints ng/m3), so the unit of a channel
    always comes from device configuration.
    """

    code: str
    parameter: Parameter
    name: str
    standard_unit: str
    legacy_code: str | None = None  # the HJ/T 212-2005 code older devices send


_A = Parameter
_AIR: tuple[FactorCode, ...] = (  # table B.2
    FactorCode("a00000", _A.FLUE_GAS_FLOW, "废气", "m3/s", "B02"),
    FactorCode("a01001", _A.TEMPERATURE, "温度", "degC"),
    FactorCode("a01002", _A.HUMIDITY, "湿度", "%"),
    FactorCode("a01006", _A.AIR_PRESSURE, "气压", "kPa"),
    FactorCode("a01007", _A.WIND_SPEED, "风速", "m/s"),
    FactorCode("a01008", _A.WIND_DIRECTION, "风向", "degree"),
    FactorCode("a01011", _A.FLUE_GAS_VELOCITY, "烟气流速", "m/s", "S02"),
    FactorCode("a01012", _A.FLUE_GAS_TEMPERATURE, "烟气温度", "degC", "S03"),
    FactorCode("a01013", _A.FLUE_GAS_PRESSURE, "烟气压力", "kPa", "S08"),
    FactorCode("a01014", _A.FLUE_GAS_HUMIDITY, "烟气湿度", "%", "S05"),
    FactorCode("a19001", _A.OXYGEN, "氧气含量", "%", "S01"),
    FactorCode("a34001", _A.TSP, "总悬浮颗粒物", "ng/m3"),
    FactorCode("a34002", _A.PM10, "可吸入颗粒物", "ng/m3"),
    FactorCode("a34004", _A.PM2_5, "细微颗粒物", "ng/m3"),
    FactorCode("a34005", _A.PM1, "亚微米颗粒物", "ng/m3"),
    FactorCode("a34011", _A.DUST_FALL, "降尘", "t/(km2*month)"),
    FactorCode("a34013", _A.SMOKE_DUST, "烟尘", "mg/m3", "01"),
    FactorCode("a34017", _A.CARBON_BLACK_DUST, "炭黑尘", "mg/m3"),
    FactorCode("a21026", _A.SO2, "二氧化硫", "mg/m3", "02"),
    FactorCode("a21002", _A.NOX, "氮氧化物", "mg/m3", "03"),
    FactorCode("a21003", _A.NO, "一氧化氮", "mg/m3"),
    FactorCode("a21004", _A.NO2, "二氧化氮", "mg/m3"),
    FactorCode("a21005", _A.CO, "一氧化碳", "mg/m3", "04"),
    FactorCode("a21028", _A.H2S, "硫化氢", "mg/m3", "05"),
    FactorCode("a21001", _A.NH3, "氨", "ng/m3", "10"),
    FactorCode("a21022", _A.CL2, "氯气", "mg/m3", "11"),
    FactorCode("a21024", _A.HCL, "氯化氢", "mg/m3", "08"),
    FactorCode("a21017", _A.CYANIDE, "氰化物", "mg/m3", "07"),
    FactorCode("a21018", _A.FLUORIDE, "氟化物", "mg/m3", "06"),
    FactorCode("a05001", _A.CO2, "二氧化碳", "mg/m3", "30"),
    FactorCode("a05002", _A.CH4, "甲烷", "ng/m3"),
    FactorCode("a24087", _A.HYDROCARBONS, "碳氢化合物", "mg/m3", "25"),
    FactorCode("a24088", _A.NMHC, "非甲烷总烃", "mg/m3"),
    FactorCode("a25002", _A.BENZENE, "苯", "mg/m3"),
    FactorCode("a25003", _A.TOLUENE, "甲苯", "mg/m3", "17"),
    FactorCode("a25005", _A.XYLENE, "二甲苯", "mg/m3", "18"),
    FactorCode("a31001", _A.FORMALDEHYDE, "甲醛", "mg/m3", "19"),
    FactorCode("a99051", _A.CS2, "二硫化碳", "mg/m3", "12"),
    FactorCode("a24042", _A.N_HEXANE, "正己烷", "mg/m3"),
    FactorCode("a24017", _A.DICHLOROETHANE_1_2, "1,2-二氯乙烷", "mg/m3"),
    FactorCode("a24004", _A.CHLOROFORM, "三氯甲烷", "mg/m3"),
    FactorCode("a24049", _A.TRICHLOROETHYLENE, "三氯乙烯", "mg/m3"),
    FactorCode("a20043", _A.LEAD_COMPOUNDS, "铅及其化合物", "mg/m3", "32"),
    FactorCode("a20044", _A.LEAD, "铅", "ng/m3"),
    FactorCode("a20057", _A.MERCURY_COMPOUNDS, "汞及其化合物", "mg/m3", "31"),
    FactorCode("a20058", _A.MERCURY, "汞", "ng/m3"),
    FactorCode("a34038", _A.ASPHALT_FUME, "沥青烟", "mg/m3", "09"),
    FactorCode("a34039", _A.SULFURIC_ACID_MIST, "硫酸雾", "mg/m3", "14"),
    FactorCode("a34040", _A.CHROMIC_ACID_MIST, "铬酸雾", "mg/m3", "15"),
)
_NOISE: tuple[FactorCode, ...] = (  # table B.3 (factors GB 3096-2008 requires), all dB, N3.1
    FactorCode("LA", _A.NOISE_LA, "A-weighted sound level", "dB"),
    FactorCode("L5", _A.NOISE_L5, "percentile level L5", "dB"),
    FactorCode("L10", _A.NOISE_L10, "percentile level L10", "dB"),
    FactorCode("L50", _A.NOISE_L50, "percentile level L50", "dB"),
    FactorCode("L90", _A.NOISE_L90, "percentile level L90", "dB"),
    FactorCode("L95", _A.NOISE_L95, "percentile level L95", "dB"),
    FactorCode("Leq", _A.NOISE_LEQ, "equivalent continuous level", "dB"),
    FactorCode("Ldn", _A.NOISE_LDN, "day-night equivalent level", "dB"),
    FactorCode("Ld", _A.NOISE_LD, "daytime equivalent level", "dB"),
    FactorCode("Ln", _A.NOISE_LN, "night-time equivalent level", "dB"),
    FactorCode("LMx", _A.NOISE_LMAX, "maximum instantaneous level", "dB"),
    FactorCode("LMn", _A.NOISE_LMIN, "minimum instantaneous level", "dB"),
)

# HJ 212-2017 appendix B code -> factor; look up what a packet's ``a34001-Rtd`` measures.
FACTOR_CODES: Mapping[str, FactorCode] = {f.code: f for f in _AIR + _NOISE}

# HJ/T 212-2005 code -> current code, for devices that still send the old codes.
LEGACY_FACTOR_CODES: Mapping[str, str] = {f.legacy_code: f.code for f in _AIR if f.legacy_code is not None}


def parameter_for_code(code: str) -> Parameter | None:
    """Return the channel parameter an HJ 212 factor code (current or HJ/T 212-2005) feeds."""
    factor = FACTOR_CODES.get(code) or FACTOR_CODES.get(LEGACY_FACTOR_CODES.get(code, ""))
    return None if factor is None else factor.parameter


@dataclass(frozen=True, slots=True)
class PacketValue:
    """One numeric value of a packet; the caller matches ``(mn, code)`` to a configured channel."""

    mn: str
    cn: str
    code: str
    parameter: Parameter | None  # None for codes outside FACTOR_CODES (process, vendor codes)
    suffix: str  # table 4 field: Rtd, Avg, Min, Max, Cou ...
    value: Decimal
    data_flag: str | None
    measured_at: datetime | None  # the factor's SampleTime, else the packet's DataTime


def extract_values(packet: Packet) -> tuple[PacketValue, ...]:
    """Flatten every numeric factor value of a packet, with its parameter, flag and time."""
    return tuple(
        PacketValue(
            mn=packet.mn,
            cn=packet.cn,
            code=factor.code,
            parameter=parameter_for_code(factor.code),
            suffix=suffix,
            value=value,
            data_flag=factor.flag,
            measured_at=factor.sample_time or packet.cp.data_time,
        )
        for factor in packet.cp.factors
        for suffix, value in factor.numbers
    )
