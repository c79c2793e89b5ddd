"""HJ 212-2017 packet as data: the data segment (table 3), Flag bits (table 3 Flag), the data area CP
(tables 4 and 8), and rendering back to bytes. ``hj212_parse.parse_frame`` is the inverse of
``encode_packet``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from enum import StrEnum

from ohs.monitoring.rules.hj212_frame import encode_frame

RULE_VERSION = "hj212-2017/1"

# Station clocks send local time without an offset; China keeps one zone and no daylight saving.
STATION_TZ = timezone(timedelta(hours=8), "UTC+08:00")

PROTOCOL_VERSION_2005 = 0  # table 3 Flag: version bits 000000 = HJ/T 212-2005
PROTOCOL_VERSION_2017 = 1  # table 3 Flag: version bits 000001 = HJ 212-2017
FLAG_BIT_ANSWER = 0b01  # table 3 Flag bit A: the receiver must answer
FLAG_BIT_PARTS = 0b10  # table 3 Flag bit D: PNUM and PNO are present
FLAG_VERSION_SHIFT = 2  # table 3 Flag: bits 7..2 hold the version
FLAG_MAX = 0xFF  # table 3: Flag is an integer 0-255

FIELD_SEPARATOR = ";"  # table 3 fields and CP items
VALUE_SEPARATOR = ","  # values of one CP item
CODE_SEPARATOR = "-"  # "a34001-Rtd": factor code, then a table 4 field name
CP_OPEN = "CP=&&"  # table 3: CP=&&data area&&
CP_CLOSE = "&&"
CP_MAX_CHARS = 950  # table 3: CP, counting name, '=' and value
DATA_TIME = "DataTime"  # table 4
FLAG_SUFFIX = "Flag"  # table 4: data flag, one character (table 8)
SAMPLE_TIME_SUFFIX = "SampleTime"  # table 4: N14 sampling time of one factor
# Table 4 fields of numeric (N) type; any other suffix (EFlag, Info, SN, vendor extensions) stays text.
NUMERIC_SUFFIXES = frozenset(
    {"Rtd", "Min", "Avg", "Max", "Cou", "ZsRtd", "ZsMin", "ZsAvg", "ZsMax", "Data", "DayData", "NightData", "RS", "RT"}
)
HEADER_FIELDS = ("QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO")  # table 3, in order


class PacketErrorReason(StrEnum):
    """Stable codes for why a framed packet was rejected."""

    CRC_MISMATCH = "crc_mismatch"
    NOT_UTF8 = "not_utf8"
    MISSING_FIELD = "missing_field"
    UNKNOWN_FIELD = "unknown_field"
    DUPLICATE_FIELD = "duplicate_field"
    BAD_FORMAT = "bad_format"  # structure: separators, '=', the CP wrapper
    BAD_VALUE = "bad_value"  # a value that does not fit its field's type


@dataclass(frozen=True, slots=True)
class PacketError:
    """A rejected packet: reason, the field at fault, and the raw bytes for the dead-letter store."""

    reason: PacketErrorReason
    field: str
    message: str
    raw: bytes
    expected: str | None = None
    got: str | None = None
    rule_version: str = RULE_VERSION


@dataclass(frozen=True, slots=True)
class PacketFlag:
    """Flag field with its bits decoded (table 3): ``V5..V0 D A``, most significant bit first."""

    value: int
    version: int
    has_parts: bool
    is_answer_requested: bool

    def __post_init__(self) -> None:
        if not 0 <= self.value <= FLAG_MAX:
            raise ValueError(f"Flag={self.value} is outside 0..{FLAG_MAX}")
        if (self.version, self.has_parts, self.is_answer_requested) != _flag_bits(self.value):
            raise ValueError(f"Flag={self.value} does not carry these bits")

    @classmethod
    def decode(cls, value: int) -> PacketFlag:
        """Split a Flag value into version, D and A."""
        return cls(value, *_flag_bits(value))

    @classmethod
    def compose(
        cls, *, version: int = PROTOCOL_VERSION_2017, has_parts: bool = False, is_answer_requested: bool = False
    ) -> PacketFlag:
        """Build a Flag from its parts."""
        value = (version << FLAG_VERSION_SHIFT) | (FLAG_BIT_PARTS * has_parts) | (FLAG_BIT_ANSWER * is_answer_requested)
        return cls.decode(value)


@dataclass(frozen=True, slots=True)
class FactorValues:
    """Every value a packet gives for one factor code, e.g. ``a34001-Rtd=0.215,a34001-Flag=N``."""

    code: str
    numbers: tuple[tuple[str, Decimal], ...] = ()  # (suffix, value) in packet order: Rtd, Avg, ...
    flag: str | None = None  # data flag, table 8
    sample_time: datetime | None = None
    texts: tuple[tuple[str, str], ...] = ()  # non-numeric suffixes: EFlag, Info, SN, vendor extensions

    def value(self, suffix: str) -> Decimal | None:
        """The number sent under ``code-suffix`` (e.g. ``value("Rtd")``), or None."""
        return next((number for name, number in self.numbers if name == suffix), None)

    def text(self, suffix: str) -> str | None:
        """The text sent under ``code-suffix`` (e.g. ``text("EFlag")``), or None."""
        return next((text for name, text in self.texts if name == suffix), None)


@dataclass(frozen=True, slots=True)
class DataArea:
    """The CP data area: DataTime, other plain fields (QnRtn, RtdInterval ...) and factor values."""

    data_time: datetime | None = None
    fields: tuple[tuple[str, str], ...] = ()
    factors: tuple[FactorValues, ...] = ()

    def field(self, name: str) -> str | None:
        """The plain field ``name`` (e.g. ``RtdInterval``) as text, or None."""
        return next((value for key, value in self.fields if key == name), None)

    def factor(self, code: str) -> FactorValues | None:
        """The values of factor ``code`` (e.g. ``a34001``), or None."""
        return next((factor for factor in self.factors if factor.code == code), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Packet:
    """One parsed data segment (table 3). QN is None only for HJ/T 212-2005 devices that omit it."""

    qn: str | None
    st: str
    cn: str
    pw: str
    mn: str
    flag: PacketFlag
    pnum: int | None = None
    pno: int | None = None
    cp: DataArea = DataArea()
    rule_version: str = RULE_VERSION


def _flag_bits(value: int) -> tuple[int, bool, bool]:
    """Version, D and A of a Flag value (table 3)."""
    return value >> FLAG_VERSION_SHIFT, bool(value & FLAG_BIT_PARTS), bool(value & FLAG_BIT_ANSWER)


def encode_packet(packet: Packet) -> bytes:
    """Render a packet and frame it with length and CRC, ready to send."""
    return encode_frame(render_segment(packet).encode("utf-8"))


def render_segment(packet: Packet) -> str:
    """Render the data segment in table 3 order."""
    parts = [] if packet.qn is None else [f"QN={packet.qn}"]
    parts += [f"ST={packet.st}", f"CN={packet.cn}", f"PW={packet.pw}", f"MN={packet.mn}", f"Flag={packet.flag.value}"]
    if packet.pnum is not None:
        parts.append(f"PNUM={packet.pnum}")
    if packet.pno is not None:
        parts.append(f"PNO={packet.pno}")
    parts.append(CP_OPEN + render_data_area(packet.cp) + CP_CLOSE)
    return FIELD_SEPARATOR.join(parts)


def render_data_area(cp: DataArea) -> str:
    """Render the CP data area: DataTime, plain fields, then one item per factor."""
    items = [] if cp.data_time is None else [f"{DATA_TIME}={format_time(cp.data_time)}"]
    items += [f"{name}={value}" for name, value in cp.fields]
    items += [_render_factor(factor) for factor in cp.factors]
    return FIELD_SEPARATOR.join(items)


def format_time(moment: datetime) -> str:
    """Render a time as N14 station time; a naive time is taken as station time already."""
    local = moment.astimezone(STATION_TZ) if moment.tzinfo is not None else moment
    return f"{local.year:04d}{local.month:02d}{local.day:02d}{local.hour:02d}{local.minute:02d}{local.second:02d}"


def _render_factor(factor: FactorValues) -> str:
    """Render one factor's values as a single CP item."""
    prefix = factor.code + CODE_SEPARATOR
    values = [f"{prefix}{suffix}={number:f}" for suffix, number in factor.numbers]
    if factor.flag is not None:
        values.append(f"{prefix}{FLAG_SUFFIX}={factor.flag}")
    if factor.sample_time is not None:
        values.append(f"{prefix}{SAMPLE_TIME_SUFFIX}={format_time(factor.sample_time)}")
    values += [f"{prefix}{suffix}={text}" for suffix, text in factor.texts]
    return VALUE_SEPARATOR.join(values)
