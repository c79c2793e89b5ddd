"""Parse an HJ 212-2017 packet: CRC first (a packet with a wrong CRC is not executed, table 2),
then the data segment (table 3) and its data area CP (tables 4 and 8).

Every failure is a ``PacketError`` naming the field and the reason. Linear in the segment length:
one decode, one split of the header, one regex scan of the CP body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from decimal import Decimal

from ohs.monitoring.rules.hj212_crc import compute_crc, format_crc
from ohs.monitoring.rules.hj212_frame import (
    Frame,
    FramingError,
    FramingReason,
    decode_stream,
)
from ohs.monitoring.rules.hj212_packet import (
    CODE_SEPARATOR,
    CP_CLOSE,
    CP_MAX_CHARS,
    CP_OPEN,
    DATA_TIME,
    FIELD_SEPARATOR,
    FLAG_MAX,
    FLAG_SUFFIX,
    HEADER_FIELDS,
    NUMERIC_SUFFIXES,
    PROTOCOL_VERSION_2017,
    SAMPLE_TIME_SUFFIX,
    STATION_TZ,
    VALUE_SEPARATOR,
    DataArea,
    FactorValues,
    Packet,
    PacketError,
    PacketErrorReason,
    PacketFlag,
)

_QN = re.compile(r"\d{17}")  # table 3: YYYYMMDDhhmmsszzz
_TIME = re.compile(r"\d{14}")  # table 4: N14 YYYYMMDDhhmmss
_ST = re.compile(r"[0-9A-Z]{2}")  # table 5: 2 characters, A0-Z9 reserved for extension
_CN = re.compile(r"\d{4}")  # table 9: 4 digits
_PW = re.compile(r"[!-:<-~]{1,6}")  # table 3: 6 characters; printable ASCII but the separator
_MN_2017 = re.compile(r"[0-9A-Fa-f]{24}")  # table 3: 24 hex characters (EPC-96)
_MN_2005 = re.compile(r"[0-9A-Za-z]{1,24}")  # HJ/T 212-2005 devices send shorter ids
_FLAG = re.compile(r"\d{1,3}")
_PART = re.compile(r"\d{1,4}")  # table 3: PNUM max 9 and PNO max 8 characters with the name
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")  # N type (e.g. N14.2): decimal point, no exponent
_SEPARATORS = FIELD_SEPARATOR + VALUE_SEPARATOR
# name=value up to ',' or ';'. Log text (i11001) sits between "//" and may hold separators.
_TOKEN = re.compile(r"([^=;,]+)=(//.*?//(?=[;,]|\Z)|[^;,]*)(?:[;,]|\Z)", re.DOTALL)


class _Reject(Exception):
    """Raised inside the parser; turned into a ``PacketError`` at the boundary."""

    def __init__(
        self,
        reason: PacketErrorReason,
        field: str,
        message: str,
        *,
        expected: str | None = None,
        got: str | None = None,
    ) -> None:
        super().__init__(message)
        self.error = PacketError(reason, field, message, b"", expected, got)


def parse_frame(frame: Frame) -> Packet | PacketError:
    """Check a framed packet's CRC, then parse its data segment."""
    try:
        return _parse(frame.segment, frame.crc_text)
    except _Reject as rejection:
        error = rejection.error
        return PacketError(error.reason, error.field, error.message, frame.raw, error.expected, error.got)


def parse_packet(raw: bytes) -> Packet | PacketError | FramingError:
    """Frame and parse one whole packet as received, CR LF included."""
    items = decode_stream(raw)
    if not items:
        return FramingError(FramingReason.TRUNCATED, "no bytes", raw)
    for item in items:
        if isinstance(item, FramingError):
            return item
    first = items[0]
    if len(items) > 1 or not isinstance(first, Frame):
        raise ValueError(f"parse_packet takes one packet, got {len(items)}; use StreamDecoder")
    return parse_frame(first)


def _parse(segment: bytes, crc_text: str) -> Packet:
    """Parse a data segment whose frame is valid."""
    expected = format_crc(compute_crc(segment))
    if crc_text.upper() != expected:  # some devices send lower-case hex (hj212.md §2)
        raise _Reject(
            PacketErrorReason.CRC_MISMATCH,
            "CRC",
            f"CRC mismatch: expected {expected}, got {crc_text}",
            expected=expected,
            got=crc_text,
        )
    try:
        text = segment.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Reject(PacketErrorReason.NOT_UTF8, "segment", f"segment byte {error.start} is not UTF-8") from None
    header, body = _split_data_area(text)
    return _build_packet(_header_fields(header), _parse_data_area(body))


def _split_data_area(text: str) -> tuple[str, str]:
    """Split the segment into the header fields and the CP body between the outer ``&&``."""
    at = text.find(FIELD_SEPARATOR + CP_OPEN)
    start = at + len(FIELD_SEPARATOR) if at >= 0 else (0 if text.startswith(CP_OPEN) else -1)
    if start < 0:
        raise _Reject(PacketErrorReason.MISSING_FIELD, "CP", "no 'CP=&&' data area")
    body_start = start + len(CP_OPEN)
    if len(text) - body_start < len(CP_CLOSE) or not text.endswith(CP_CLOSE):
        raise _Reject(PacketErrorReason.BAD_FORMAT, "CP", "CP data area does not end with '&&'")
    if len(text) - start > CP_MAX_CHARS:
        raise _Reject(
            PacketErrorReason.BAD_VALUE, "CP", f"CP is {len(text) - start} characters, at most {CP_MAX_CHARS}"
        )
    return text[: max(at, 0)], text[body_start : len(text) - len(CP_CLOSE)]


def _header_fields(header: str) -> dict[str, str]:
    """Split ``QN=...;ST=...`` into a dict, refusing unknown and repeated names."""
    fields: dict[str, str] = {}
    for part in header.split(FIELD_SEPARATOR) if header else ():
        name, equals, value = part.partition("=")
        if not equals:
            raise _Reject(PacketErrorReason.BAD_FORMAT, "segment", f"segment field {part!r} has no '='")
        if name not in HEADER_FIELDS:
            raise _Reject(PacketErrorReason.UNKNOWN_FIELD, name, f"{name!r} is not a field of HJ 212-2017 table 3")
        if name in fields:
            raise _Reject(PacketErrorReason.DUPLICATE_FIELD, name, f"{name} appears twice")
        fields[name] = value
    return fields


def _build_packet(fields: Mapping[str, str], cp: DataArea) -> Packet:
    """Check each header field against table 3 and assemble the packet."""
    flag_value = int(_matching(fields, "Flag", _FLAG, "an integer 0-255"))
    if flag_value > FLAG_MAX:
        raise _Reject(PacketErrorReason.BAD_VALUE, "Flag", f"Flag={flag_value} is above {FLAG_MAX}")
    flag = PacketFlag.decode(flag_value)
    qn = fields.get("QN")
    if qn is not None or flag.version >= PROTOCOL_VERSION_2017:
        _parse_qn(_matching(fields, "QN", _QN, "17 digits YYYYMMDDhhmmsszzz"))
    mn_pattern = _MN_2017 if flag.version >= PROTOCOL_VERSION_2017 else _MN_2005
    pnum, pno = _parts(fields, flag)
    return Packet(
        qn=qn,
        st=_matching(fields, "ST", _ST, "2 characters 0-9 or A-Z"),
        cn=_matching(fields, "CN", _CN, "4 digits"),
        pw=_matching(fields, "PW", _PW, "1-6 printable characters"),
        mn=_matching(fields, "MN", mn_pattern, "a device id (24 hex characters since HJ 212-2017)"),
        flag=flag,
        pnum=pnum,
        pno=pno,
        cp=cp,
    )


def _matching(fields: Mapping[str, str], name: str, pattern: re.Pattern[str], description: str) -> str:
    """The required field ``name``, which must match ``pattern`` in full."""
    value = fields.get(name)
    if value is None:
        raise _Reject(PacketErrorReason.MISSING_FIELD, name, f"{name} is missing")
    if pattern.fullmatch(value) is None:
        raise _Reject(PacketErrorReason.BAD_VALUE, name, f"{name}={value!r} is not {description}")
    return value


def _parts(fields: Mapping[str, str], flag: PacketFlag) -> tuple[int | None, int | None]:
    """PNUM and PNO: present exactly when Flag bit D is set, with 1 <= PNO <= PNUM."""
    if not flag.has_parts:
        for name in ("PNUM", "PNO"):
            if name in fields:
                raise _Reject(PacketErrorReason.BAD_FORMAT, name, f"{name} is present but Flag bit D is 0")
        return None, None
    pnum = int(_matching(fields, "PNUM", _PART, "1-4 digits"))
    pno = int(_matching(fields, "PNO", _PART, "1-4 digits"))
    if not 1 <= pno <= pnum:
        raise _Reject(PacketErrorReason.BAD_VALUE, "PNO", f"PNO={pno} is not within 1..PNUM={pnum}")
    return pnum, pno


def _parse_qn(text: str) -> datetime:
    """QN as a time to the millisecond; it must be a real calendar time."""
    try:
        return _parse_time(text[:-3], "QN").replace(microsecond=int(text[-3:]) * 1000)
    except _Reject:
        raise _Reject(PacketErrorReason.BAD_VALUE, "QN", f"QN={text!r} is not a calendar time") from None


def _parse_time(text: str, name: str) -> datetime:
    """An N14 ``YYYYMMDDhhmmss`` station time."""
    if _TIME.fullmatch(text) is None:
        raise _Reject(PacketErrorReason.BAD_VALUE, name, f"{name}={text!r} is not 14 digits YYYYMMDDhhmmss")
    try:
        return datetime(
            int(text[0:4]),
            int(text[4:6]),
            int(text[6:8]),
            int(text[8:10]),
            int(text[10:12]),
            int(text[12:14]),
            tzinfo=STATION_TZ,
        )
    except ValueError:
        raise _Reject(PacketErrorReason.BAD_VALUE, name, f"{name}={text!r} is not a calendar time") from None


def _tokens(body: str) -> Iterator[tuple[str, str]]:
    """Yield ``(name, value)`` pairs of the CP body; empty items (a trailing ';') are skipped."""
    pos, size = 0, len(body)
    while pos < size:
        if body[pos] in _SEPARATORS:
            pos += 1
            continue
        match = _TOKEN.match(body, pos)
        if match is None:
            raise _Reject(PacketErrorReason.BAD_FORMAT, "CP", f"CP: expected name=value at {body[pos : pos + 20]!r}")
        yield match.group(1), match.group(2)
        pos = match.end()


def _parse_data_area(body: str) -> DataArea:
    """Group CP values by factor code; keep plain fields as text, DataTime as a time."""
    plain: dict[str, str] = {}
    factors: dict[str, _FactorBuilder] = {}
    for name, value in _tokens(body):
        code, dash, suffix = name.rpartition(CODE_SEPARATOR)
        if not dash:
            if name in plain:
                raise _Reject(PacketErrorReason.DUPLICATE_FIELD, name, f"{name} appears twice")
            plain[name] = value
        elif not code or not suffix:
            raise _Reject(PacketErrorReason.BAD_FORMAT, name, f"{name!r} is not code-field")
        else:
            builder = factors.get(code)
            if builder is None:
                builder = factors[code] = _FactorBuilder(code)
            builder.add(suffix, value, name)
    data_time = plain.pop(DATA_TIME, None)
    return DataArea(
        data_time=None if data_time is None else _parse_time(data_time, DATA_TIME),
        fields=tuple(plain.items()),
        factors=tuple(builder.build() for builder in factors.values()),
    )


class _FactorBuilder:
    """Collects one factor's values while the CP body is scanned."""

    __slots__ = ("code", "flag", "numbers", "sample_time", "seen", "texts")

    def __init__(self, code: str) -> None:
        self.code = code
        self.numbers: list[tuple[str, Decimal]] = []
        self.texts: list[tuple[str, str]] = []
        self.flag: str | None = None
        self.sample_time: datetime | None = None
        self.seen: set[str] = set()

    def add(self, suffix: str, value: str, name: str) -> None:
        """Add the value sent under ``name`` (= ``code-suffix``)."""
        if suffix in self.seen:
            raise _Reject(PacketErrorReason.DUPLICATE_FIELD, name, f"{name} appears twice")
        self.seen.add(suffix)
        if suffix in NUMERIC_SUFFIXES:
            if _NUMBER.fullmatch(value) is None:
                raise _Reject(PacketErrorReason.BAD_VALUE, name, f"{name}={value!r} is not a decimal number")
            self.numbers.append((suffix, Decimal(value)))
        elif suffix == FLAG_SUFFIX:
            if len(value) != 1:
                raise _Reject(PacketErrorReason.BAD_VALUE, name, f"{name}={value!r} is not one character")
            self.flag = value
        elif suffix == SAMPLE_TIME_SUFFIX:
            self.sample_time = _parse_time(value, name)
        else:
            self.texts.append((suffix, value))

    def build(self) -> FactorValues:
        """Freeze the collected values."""
        return FactorValues(self.code, tuple(self.numbers), self.flag, self.sample_time, tuple(self.texts))
