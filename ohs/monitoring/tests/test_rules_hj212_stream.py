"""HJ 212-2017 framing of a TCP stream, and encode/decode properties over arbitrary packets."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from ohs.monitoring.rules.hj212 import (
    STATION_TZ,
    DataArea,
    FactorValues,
    Frame,
    FramingError,
    Packet,
    PacketFlag,
    StreamDecoder,
    decode_stream,
    encode_packet,
    format_time,
    parse_frame,
    parse_packet,
    render_segment,
)
from ohs.monitoring.rules.hj212_frame import MAX_REJECTED_BYTES
from ohs.monitoring.rules.hj212_packet import CP_MAX_CHARS, CP_OPEN, NUMERIC_SUFFIXES

VECTORS = Path(__file__).resolve().parents[3] / "reference" / "hj212_vectors.txt"
RAW = [line.encode() + b"\r\n" for line in VECTORS.read_text(encoding="utf-8").splitlines() if line.startswith("##")]
V1, V2, V3, V4, V5, V6, X1 = RAW
VALID = RAW[:6]

_times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31, 23, 59, 59))
station_times = _times.map(lambda d: d.replace(microsecond=0, tzinfo=STATION_TZ))
qns = _times.map(lambda d: f"{format_time(d)}{d.microsecond // 1000:03d}")
numbers = st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False)
DIGITS = "0123456789"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALNUM = DIGITS + UPPER + UPPER.lower()
PRINTABLE_BUT_SEMICOLON = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) != ";")
words = st.text(ALNUM, min_size=1, max_size=6)


def _has_values(factor: FactorValues) -> bool:
    return bool(factor.numbers or factor.flag or factor.sample_time or factor.texts)


factors = st.builds(
    FactorValues,
    code=st.sampled_from(["a34001", "a01001", "a21026", "LA", "Leq", "SB1", "SB12", "e10101", "i12001"]),
    numbers=st.lists(
        st.tuples(st.sampled_from(sorted(NUMERIC_SUFFIXES)), numbers), max_size=4, unique_by=lambda pair: pair[0]
    ).map(tuple),
    flag=st.none() | st.sampled_from("NFMSDCTB"),
    sample_time=st.none() | station_times,
    texts=st.lists(
        st.tuples(st.sampled_from(["EFlag", "SN", "Info"]), words), max_size=2, unique_by=lambda pair: pair[0]
    ).map(tuple),
).filter(_has_values)
plain_fields = st.lists(
    st.tuples(
        st.sampled_from(["RtdInterval", "QnRtn", "ExeRtn", "PolId", "NewPW", "OverTime", "Ctime"]),
        st.text(ALNUM + ".", max_size=12),
    ),
    max_size=3,
    unique_by=lambda pair: pair[0],
).map(tuple)
data_areas = st.builds(
    DataArea,
    data_time=st.none() | station_times,
    fields=plain_fields,
    factors=st.lists(factors, max_size=4, unique_by=lambda f: f.code).map(tuple),
)


@st.composite
def packets(draw: st.DrawFn) -> Packet:
    """Arbitrary valid packets, HJ/T 212-2005 (version 0) and HJ 212-2017 alike."""
    version = draw(st.integers(0, 63))
    flag = PacketFlag.compose(version=version, has_parts=draw(st.booleans()), is_answer_requested=draw(st.booleans()))
    qn: str | None
    if version >= 1:
        mn, qn = draw(st.text("0123456789ABCDEFabcdef", min_size=24, max_size=24)), draw(qns)
    else:
        mn, qn = draw(st.text(ALNUM, min_size=1, max_size=24)), draw(st.none() | qns)
    pnum = draw(st.integers(1, 9999)) if flag.has_parts else None
    packet = Packet(
        qn=qn,
        st=draw(st.text(DIGITS + UPPER, min_size=2, max_size=2)),
        cn=draw(st.text(DIGITS, min_size=4, max_size=4)),
        pw=draw(st.text(PRINTABLE_BUT_SEMICOLON, min_size=1, max_size=6)),
        mn=mn,
        flag=flag,
        pnum=pnum,
        pno=None if pnum is None else draw(st.integers(1, pnum)),
        cp=draw(data_areas),
    )
    segment = render_segment(packet)
    assume(len(segment.encode()) <= 1024 and len(segment) - segment.index(CP_OPEN) <= CP_MAX_CHARS)
    return packet


@given(packets())
def test_encode_then_parse_gives_the_same_packet(packet: Packet) -> None:
    assert parse_packet(encode_packet(packet)) == packet


def _feed_in_chunks(stream: bytes, cuts: list[int]) -> tuple[tuple[Frame | FramingError, ...], int]:
    decoder = StreamDecoder()
    items: list[Frame | FramingError] = []
    previous = 0
    for cut in [*sorted({c % (len(stream) + 1) for c in cuts}), len(stream)]:
        items += decoder.feed(stream[previous:cut])
        previous = cut
    items += decoder.finish()
    return tuple(items), decoder.pending_bytes


pieces = st.one_of(
    st.sampled_from(RAW),
    packets().map(encode_packet),
    st.binary(max_size=40),
    st.sampled_from(RAW).flatmap(lambda raw: st.integers(1, len(raw) - 1).map(lambda n: raw[:n])),
    st.sampled_from([b"#", b"##", b"##01", b"##9999", b"\r\n", b"##0003abc1234\r\n"]),
)


@given(st.lists(pieces, max_size=6).map(b"".join), st.lists(st.integers(0, 10_000), max_size=12))
def test_stream_decoder_gives_same_items_whatever_the_chunk_boundaries(stream: bytes, cuts: list[int]) -> None:
    whole = decode_stream(stream)
    chunked, pending = _feed_in_chunks(stream, cuts)
    assert chunked == whole
    assert pending == 0
    assert b"".join(item.raw for item in whole) == stream  # nothing lost, nothing doubled


def _without_hash(data: bytes) -> bytes:
    return data.replace(b"#", b"")


@given(
    st.lists(st.tuples(st.binary(max_size=30).map(_without_hash), st.sampled_from(VALID)), max_size=5),
    st.binary(max_size=30).map(_without_hash),
)
def test_stream_decoder_when_garbage_between_packets_recovers_every_packet(
    pairs: list[tuple[bytes, bytes]], tail: bytes
) -> None:
    stream = b"".join(garbage + raw for garbage, raw in pairs) + tail
    items = decode_stream(stream)
    assert [i.raw for i in items if isinstance(i, Frame)] == [raw for _, raw in pairs]
    assert all(i.reason == "garbage" for i in items if isinstance(i, FramingError))


@given(st.sampled_from(VALID) | packets().map(encode_packet), st.data())
def test_any_single_byte_corruption_is_detected(raw: bytes, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(raw) - 1))
    new = data.draw(st.integers(0, 255).filter(lambda b: b != raw[at]))
    crc_at = len(raw) - 6
    assume(not (crc_at <= at < crc_at + 4 and chr(new).upper() == chr(raw[at]).upper()))  # same hex digit
    corrupted = raw[:at] + bytes([new]) + raw[at + 1 :]
    for item in decode_stream(corrupted):
        assert not (isinstance(item, Frame) and isinstance(parse_frame(item), Packet))


def _reasons(stream: bytes) -> list[str]:
    return ["frame" if isinstance(item, Frame) else item.reason for item in decode_stream(stream)]


def test_decode_stream_when_garbage_between_packets_reports_it_with_its_bytes() -> None:
    items = decode_stream(b"xyz" + V1 + b"\x00\xff" + V3)
    assert [type(i).__name__ for i in items] == ["FramingError", "Frame", "FramingError", "Frame"]
    assert (items[0].raw, items[2].raw) == (b"xyz", b"\x00\xff")


def test_stream_decoder_when_packet_split_waits_for_the_rest() -> None:
    decoder = StreamDecoder()
    assert decoder.feed(V2[:100]) == ()
    assert decoder.pending_bytes == 100
    assert decoder.feed(V2[100:] + V3[:3]) == (Frame(V2),)
    assert decoder.feed(V3[3:]) == (Frame(V3),)
    assert decoder.finish() == ()


def test_decode_stream_when_length_too_short_reports_mismatch_and_resyncs() -> None:
    assert _reasons(V1.replace(b"##0101", b"##0100") + V3) == ["length_mismatch", "frame"]


def test_decode_stream_when_length_too_long_reports_mismatch_and_resyncs() -> None:
    assert _reasons(V1.replace(b"##0101", b"##0102") + V3) == ["length_mismatch", "frame"]


def test_decode_stream_when_cr_lf_missing_reports_missing_trailer() -> None:
    assert _reasons(V1[:-2] + V3) == ["missing_trailer", "frame"]
    assert _reasons(V1[:-1] + V3) == ["missing_trailer", "frame"]


def test_decode_stream_when_declared_length_over_1024_reports_oversize() -> None:
    assert _reasons(b"##1025" + b"x" * 20 + V3) == ["oversize", "frame"]


def test_decode_stream_when_length_not_digits_reports_bad_length_field() -> None:
    assert _reasons(b"##01a1QN=1" + V3) == ["bad_length_field", "frame"]


def test_decode_stream_when_crc_not_hex_reports_bad_crc_field() -> None:
    assert _reasons(V1.replace(b"1C80\r\n", b"1C8G\r\n") + V3) == ["bad_crc_field", "frame"]


def test_decode_stream_when_stream_ends_mid_packet_reports_truncated() -> None:
    assert _reasons(V3 + V2[:200]) == ["frame", "truncated"]
    assert _reasons(V3 + b"##01") == ["frame", "truncated"]


def test_decode_stream_when_packet_cut_by_the_next_reports_truncated() -> None:
    assert _reasons(V2[:200] + V3) == ["truncated", "frame"]


def test_decode_stream_when_extra_hash_before_packet_keeps_the_packet() -> None:
    assert _reasons(b"#" + V1) == ["garbage", "frame"]


def test_stream_decoder_when_endless_garbage_stays_bounded() -> None:
    decoder = StreamDecoder()
    items = decoder.feed(b"x" * 5000)
    assert [len(i.raw) for i in items] == [MAX_REJECTED_BYTES] * 4
    assert decoder.pending_bytes <= MAX_REJECTED_BYTES


def test_frame_exposes_segment_crc_and_declared_length() -> None:
    frame = Frame(V1)
    assert (frame.declared_length, len(frame.segment), frame.crc_text) == (101, 101, "1C80")


def test_parse_frame_of_v5_gives_decimal_values_in_packet_order() -> None:
    packet = parse_frame(Frame(V5))
    assert isinstance(packet, Packet)
    factor = packet.cp.factor("a34002")
    assert factor is not None
    assert [s for s, _ in factor.numbers] == ["Min", "Avg", "Max"]
    assert factor.value("Max") == Decimal("0.302")
    assert factor.flag == "T"
