"""HJ 212-2017 packets: every vector in reference/hj212_vectors.txt, CRC, parsing and encoding."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.monitoring.rules.hj212 import (
    STATION_TZ,
    DataArea,
    Frame,
    Packet,
    PacketError,
    PacketErrorReason,
    QnRtn,
    build_data_ack,
    compute_crc,
    decode_stream,
    encode_frame,
    encode_packet,
    format_crc,
    format_time,
    parse_frame,
    parse_packet,
    plan_replies,
)

VECTORS = Path(__file__).resolve().parents[3] / "reference" / "hj212_vectors.txt"
NOW = datetime(2024, 3, 15, 10, 30, 5, tzinfo=STATION_TZ)
FACTOR_SUFFIXES = "Rtd|Avg|Min|Max|Cou|Flag"


@dataclass(frozen=True)
class Vector:
    """One packet of the vector file with its title and expectation text."""

    name: str
    is_valid: bool
    title: str
    expect: str
    raw: bytes


def load_vectors() -> list[Vector]:
    """Read the vector file: comments then one packet line, CR LF appended as on the wire."""
    vectors: list[Vector] = []
    comments: list[str] = []
    for line in VECTORS.read_text(encoding="utf-8").splitlines():
        if line.startswith("##"):
            title_at = max(i for i, c in enumerate(comments) if re.match(r"[VX]\d+ (VALID|INVALID)", c))
            title = comments[title_at]
            expect = " ".join(c.strip() for c in comments[title_at + 1 :])
            assert expect.startswith("expect:"), title
            vectors.append(Vector(title.split()[0], " VALID" in title, title, expect, line.encode() + b"\r\n"))
            comments = []
        elif line.startswith("# "):
            comments.append(line[2:])
        else:
            assert not line.strip(), f"unexpected line {line!r}"
    return vectors


ALL_VECTORS = load_vectors()
BY_NAME = {v.name: v for v in ALL_VECTORS}


def test_vector_file_holds_six_valid_and_one_invalid_packet() -> None:
    assert [v.name for v in ALL_VECTORS] == ["V1", "V2", "V3", "V4", "V5", "V6", "X1"]
    assert [v.is_valid for v in ALL_VECTORS] == [True] * 6 + [False]


def _parsed(vector: Vector) -> tuple[Frame, Packet]:
    items = decode_stream(vector.raw)
    assert len(items) == 1
    assert isinstance(items[0], Frame)
    packet = parse_frame(items[0])
    assert isinstance(packet, Packet), packet
    return items[0], packet


def _check_flag_remark(text: str, packet: Packet) -> str:
    """Check "Flag=5 (version bits=1, D=0 no PNUM/PNO, A=1 ...)" and consume the remark."""
    match = re.search(r"Flag=(\d+) \(([^)]*)\)", text)
    if match is None:
        return text
    remark = match[2]
    assert packet.flag.value == int(match[1])
    assert packet.flag.version == int(re.search(r"version(?: bits)?=(\d+)", remark)[1])  # type: ignore[index]
    has_parts = re.search(r"D=(\d)", remark)[1] == "1"  # type: ignore[index]
    assert packet.flag.has_parts is has_parts
    assert (packet.pnum is not None) is has_parts
    assert packet.flag.is_answer_requested is (re.search(r"A=(\d)", remark)[1] == "1")  # type: ignore[index]
    answer = re.search(r"answer with CN=(\d+)", remark)
    if answer is not None:
        assert [reply.cn for reply in plan_replies(packet, now=NOW).replies] == [answer[1]]
    return text[: match.start(2) - 1] + text[match.end() :]


def _check_factors(text: str, packet: Packet) -> str:
    """Check "a34001 Rtd=0.215 Flag=N" groups; every factor of the packet must be described."""
    pattern = re.compile(rf"(?<![=\w])([A-Za-z][A-Za-z0-9]*)\s+((?:(?:{FACTOR_SUFFIXES})=[^\s;]+\s*)+)")
    described = []
    for match in pattern.finditer(text):
        factor = packet.cp.factor(match[1])
        assert factor is not None, match[1]
        described.append(match[1])
        for suffix, value in re.findall(r"(\w+)=([^\s;]+)", match[2]):
            if suffix == "Flag":
                assert factor.flag == value
            else:
                assert f"{factor.value(suffix):f}" == value, (match[1], suffix)
    assert described == [f.code for f in packet.cp.factors]
    return pattern.sub(" ", text)


def _check_fields(text: str, frame: Frame, packet: Packet) -> str:
    """Check header fields, length, CRC, DataTime and the plain CP fields."""
    if "CP empty" in text:
        assert packet.cp == DataArea()
        text = text.replace("CP empty", "")
    for name, value in re.findall(r"CP:\s*(\w+)=(\S+)", text):
        assert packet.cp.field(name) == value
    text = re.sub(r"CP:\s*\w+=\S+", " ", text)
    actual = {
        "length": str(frame.declared_length),
        "QN": packet.qn,
        "ST": packet.st,
        "CN": packet.cn,
        "PW": packet.pw,
        "MN": packet.mn,
        "Flag": str(packet.flag.value),
        "PNUM": str(packet.pnum),
        "PNO": str(packet.pno),
        "CRC": frame.crc_text,
        "DataTime": format_time(packet.cp.data_time) if packet.cp.data_time else None,
    }
    fields = re.compile(r"\b(length|QN|ST|CN|PW|MN|Flag|PNUM|PNO|CRC|DataTime)=(\S+)")
    for name, value in fields.findall(text):
        assert actual[name] == value, name
    assert frame.declared_length == len(frame.segment)
    assert format_crc(compute_crc(frame.segment)) == frame.crc_text
    return fields.sub(" ", text)


@pytest.mark.parametrize("vector", [v for v in ALL_VECTORS if v.is_valid], ids=lambda v: v.name)
def test_valid_vector_parses_as_its_comment_says(vector: Vector) -> None:
    frame, packet = _parsed(vector)
    text = _check_flag_remark(vector.expect.removeprefix("expect:"), packet)
    text = re.sub(r"\([^)]*\)", " ", text)  # remaining remarks are names and meanings: "(TSP)"
    text = _check_fields(_check_factors(text, packet), frame, packet)
    assert "=" not in text, f"expectation left unchecked: {text!r}"
    assert encode_packet(packet) == vector.raw


def test_invalid_vector_fails_as_its_comment_says() -> None:
    vector = BY_NAME["X1"]
    items = decode_stream(vector.raw)
    assert len(items) == 1
    frame = items[0]
    assert isinstance(frame, Frame)
    declared = re.search(r"framing and length \((\d+)\) are fine", vector.expect)
    assert declared is not None
    assert frame.declared_length == int(declared[1]) == len(frame.segment)
    assert "reject it as a CRC error" in vector.expect
    error = parse_frame(frame)
    assert isinstance(error, PacketError)
    assert (error.reason, error.field) == (PacketErrorReason.CRC_MISMATCH, "CRC")
    says = re.search(r"CRC field says (\w{4}); the correct value is (\w{4})", vector.title)
    assert says is not None
    assert (error.got, error.expected) == (says[1], says[2])
    assert error.raw == vector.raw
    assert "return code 9" in vector.expect and QnRtn.CRC_ERROR.value == 9
    assert "Same data segment as V2" in vector.title
    assert frame.segment == _parsed_frame_segment(BY_NAME["V2"])


def _parsed_frame_segment(vector: Vector) -> bytes:
    return _parsed(vector)[0].segment


def test_v3_is_the_platform_acknowledgement_of_v2() -> None:
    _, upload = _parsed(BY_NAME["V2"])
    _, ack = _parsed(BY_NAME["V3"])
    assert encode_packet(build_data_ack(upload)) == BY_NAME["V3"].raw
    assert plan_replies(upload, now=NOW).replies == (ack,)


def test_vector_line_without_its_cr_lf_is_missing_trailer() -> None:
    (item,) = decode_stream(BY_NAME["V1"].raw[:-2])
    assert not isinstance(item, Frame)
    assert item.reason == "missing_trailer"


@pytest.mark.parametrize(("text", "crc"), [(b"", 0xFFFF), (b"A", 0x7080), (b"123456789", 0x2F80)])
def test_compute_crc_check_values_from_appendix_a(text: bytes, crc: int) -> None:
    assert compute_crc(text) == crc


def test_compute_crc_is_not_modbus() -> None:
    segment = _parsed_frame_segment(BY_NAME["V1"])
    assert format_crc(compute_crc(segment)) == "1C80"  # the standard's example; MODBUS would give 0759
    assert compute_crc(segment) != 0x0759


@given(st.binary(min_size=1, max_size=64))
def test_compute_crc_low_byte_is_always_one_of_eight_values(data: bytes) -> None:
    assert compute_crc(data) & 0xFF in {0x00, 0x01, 0x40, 0x41, 0x80, 0x81, 0xC0, 0xC1}


def test_parse_packet_when_crc_lower_case_accepts() -> None:
    raw = BY_NAME["V1"].raw.replace(b"1C80\r\n", b"1c80\r\n")
    assert isinstance(parse_packet(raw), Packet)


def _segment(text: str) -> bytes:
    return encode_frame(text.encode())


HEAD = "QN=20240315103000123;ST=39;CN=2011;PW=123456;MN=3301061234567890ABCDEF01"


@pytest.mark.parametrize(
    ("segment", "reason", "field"),
    [
        ("ST=39;CN=2011;PW=123456;MN=3301061234567890ABCDEF01;Flag=5;CP=&&&&", "missing_field", "QN"),
        (f"{HEAD};Flag=5;CP=&&&&".replace("QN=20240315103000123", "QN=20241315103000123"), "bad_value", "QN"),
        (f"{HEAD};Flag=5;CP=&&&&".replace("ST=39", "ST=3"), "bad_value", "ST"),
        (f"{HEAD};Flag=5;CP=&&&&".replace("CN=2011", "CN=20x1"), "bad_value", "CN"),
        (f"{HEAD};Flag=5;CP=&&&&".replace("PW=123456", "PW=1234567"), "bad_value", "PW"),
        (f"{HEAD};Flag=5;CP=&&&&".replace("ABCDEF01", "ABCDEF0"), "bad_value", "MN"),
        (f"{HEAD};Flag=256;CP=&&&&", "bad_value", "Flag"),
        (f"{HEAD};CP=&&&&", "missing_field", "Flag"),
        (f"{HEAD};Flag=5;Foo=1;CP=&&&&", "unknown_field", "Foo"),
        (f"{HEAD};ST=39;Flag=5;CP=&&&&", "duplicate_field", "ST"),
        (f"{HEAD};Flag=5;PNUM=2;PNO=1;CP=&&&&", "bad_format", "PNUM"),
        (f"{HEAD};Flag=7;PNUM=2;CP=&&&&", "missing_field", "PNO"),
        (f"{HEAD};Flag=7;PNUM=2;PNO=3;CP=&&&&", "bad_value", "PNO"),
        (f"{HEAD};Flag=5", "missing_field", "CP"),
        (f"{HEAD};Flag=5;CP=&&DataTime=20240315103000", "bad_format", "CP"),
        (f"{HEAD};Flag=5;CP=&&DataTime=20240230103000&&", "bad_value", "DataTime"),
        (f"{HEAD};Flag=5;CP=&&a34001-Rtd=1e5&&", "bad_value", "a34001-Rtd"),
        (f"{HEAD};Flag=5;CP=&&a34001-Rtd=NaN&&", "bad_value", "a34001-Rtd"),
        (f"{HEAD};Flag=5;CP=&&a34001-Flag=NN&&", "bad_value", "a34001-Flag"),
        (f"{HEAD};Flag=5;CP=&&a34001-Rtd=1,a34001-Rtd=2&&", "duplicate_field", "a34001-Rtd"),
        (f"{HEAD};Flag=5;CP=&&a34001-SampleTime=2024&&", "bad_value", "a34001-SampleTime"),
        (f"{HEAD};Flag=5;CP=&&-Rtd=1&&", "bad_format", "-Rtd"),
        (f"{HEAD};Flag=5;CP=&&a34001Rtd&&", "bad_format", "CP"),
        (f"ST=32;CN=2011;PW=1;MN=1;Flag=0;CP=&&Info={'9' * 940}&&", "bad_value", "CP"),
    ],
)
def test_parse_packet_when_field_wrong_names_field_and_reason(segment: str, reason: str, field: str) -> None:
    error = parse_packet(_segment(segment))
    assert isinstance(error, PacketError)
    assert (error.reason, error.field) == (reason, field), error.message
    assert field in error.message


def test_parse_packet_when_not_utf8_rejects() -> None:
    error = parse_packet(encode_frame(f"{HEAD};Flag=5;CP=&&i11001-Info=//".encode() + b"\xff//&&"))
    assert isinstance(error, PacketError)
    assert (error.reason, error.field) == ("not_utf8", "segment")


def test_parse_packet_when_hjt_212_2005_device_accepts_without_qn_and_short_mn() -> None:
    packet = parse_packet(_segment("ST=32;CN=2011;PW=123456;MN=88888880000001;Flag=1;CP=&&a34013-Rtd=12&&"))
    assert isinstance(packet, Packet)
    assert (packet.qn, packet.flag.version, packet.mn) == (None, 0, "88888880000001")
    (reply,) = plan_replies(packet, now=NOW).replies
    assert (reply.cn, reply.flag.value, reply.qn) == ("9014", 0, None)


def test_parse_packet_when_log_text_holds_separators_keeps_it_whole() -> None:
    text = "//门限;超标,已报警 a=b//"
    packet = parse_packet(_segment(f"{HEAD};Flag=4;CP=&&DataTime=20240315103000;i11001-Info={text};LA-Rtd=60.1&&"))
    assert isinstance(packet, Packet)
    info = packet.cp.factor("i11001")
    assert info is not None and info.text("Info") == text
    assert packet.cp.factor("LA") is not None
    assert parse_packet(encode_packet(packet)) == packet


def test_parse_packet_when_items_split_oddly_groups_by_code_and_skips_empty_items() -> None:
    packet = parse_packet(_segment(f"{HEAD};Flag=4;CP=&&a34001-Rtd=1.5;a34001-Flag=N;;a34001-EFlag=X1;&&"))
    assert isinstance(packet, Packet)
    (factor,) = packet.cp.factors
    assert (factor.value("Rtd"), factor.flag, factor.text("EFlag")) == (Decimal("1.5"), "N", "X1")


def test_parse_packet_when_history_request_keeps_comma_separated_fields() -> None:
    packet = parse_packet(_segment(f"{HEAD};Flag=5;CP=&&BeginTime=20240301000000,EndTime=20240301235959&&"))
    assert isinstance(packet, Packet)
    assert (packet.cp.field("BeginTime"), packet.cp.field("EndTime")) == ("20240301000000", "20240301235959")


def test_parse_packet_when_sample_time_given_parses_it() -> None:
    packet = parse_packet(_segment(f"{HEAD};Flag=4;CP=&&a21026-Rtd=3.20,a21026-SampleTime=20240315102959&&"))
    assert isinstance(packet, Packet)
    factor = packet.cp.factor("a21026")
    assert factor is not None
    assert factor.sample_time == datetime(2024, 3, 15, 10, 29, 59, tzinfo=STATION_TZ)


def test_parse_packet_when_trailing_garbage_returns_framing_error() -> None:
    result = parse_packet(BY_NAME["V1"].raw + b"xx")
    assert not isinstance(result, (Packet, PacketError))
    assert result.reason == "garbage" and result.raw == b"xx"


def test_parse_packet_when_two_packets_raises() -> None:
    with pytest.raises(ValueError, match="one packet"):
        parse_packet(BY_NAME["V1"].raw * 2)


def test_encode_frame_when_segment_over_1024_bytes_raises() -> None:
    with pytest.raises(ValueError, match="1024"):
        encode_frame(b"x" * 1025)
