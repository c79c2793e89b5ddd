"""HJ 212-2017 answers the platform owes (§6.5), code tables (appendix B, tables 5-9) and Flag bits."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.monitoring.rules.hj212 import (
    COMMANDS,
    FACTOR_CODES,
    LEGACY_FACTOR_CODES,
    STATION_TZ,
    SYSTEM_CODES,
    ExeRtn,
    Packet,
    PacketFlag,
    QnRtn,
    build_execution_result,
    encode_frame,
    encode_packet,
    extract_values,
    format_time,
    make_qn,
    parameter_for_code,
    parse_packet,
    plan_replies,
)
from ohs.monitoring.rules.hj212_codes import DataFlag, Parameter

VECTORS = Path(__file__).resolve().parents[3] / "reference" / "hj212_vectors.txt"
RAW = [line.encode() + b"\r\n" for line in VECTORS.read_text(encoding="utf-8").splitlines() if line.startswith("##")]
NOW = datetime(2024, 3, 15, 10, 30, 5, 123456, tzinfo=STATION_TZ)
STATION = "QN=20240315103000123;ST=39;PW=123456;MN=3301061234567890ABCDEF01"


def _packet(raw: bytes) -> Packet:
    packet = parse_packet(raw)
    assert isinstance(packet, Packet), packet
    return packet


def _station_packet(cn: str, flag: int) -> Packet:
    return _packet(encode_frame(f"{STATION};CN={cn};Flag={flag};CP=&&&&".encode()))


V1, V2, V3, V4, V5, V6 = (_packet(raw) for raw in RAW[:6])


def test_plan_replies_when_upload_asks_for_answer_sends_9014_with_same_qn() -> None:
    plan = plan_replies(V2, now=NOW)
    (ack,) = plan.replies
    assert (ack.qn, ack.st, ack.cn, ack.flag.value, ack.pw, ack.mn) == (V2.qn, "91", "9014", 4, V2.pw, V2.mn)
    assert ack.cp.factors == () and ack.cp.fields == ()
    assert plan.reasons == ("data_acknowledged",)


def test_plan_replies_when_split_upload_acknowledges_each_packet_by_its_own_qn() -> None:
    (ack,) = plan_replies(V5, now=NOW).replies
    assert (ack.cn, ack.qn) == ("9014", "20240315110000001")


@pytest.mark.parametrize(
    ("packet", "reason"), [(V4, "no_answer_requested"), (V6, "no_answer_requested"), (V3, "reply_needs_no_answer")]
)
def test_plan_replies_when_no_answer_due_sends_nothing(packet: Packet, reason: str) -> None:
    assert plan_replies(packet, now=NOW).replies == ()
    assert plan_replies(packet, now=NOW).reasons == (reason,)


def test_plan_replies_when_station_asks_time_calibration_answers_and_sets_clock() -> None:
    answer, set_time = plan_replies(_station_packet("1013", 5), now=NOW).replies
    assert (answer.cn, answer.qn, answer.st) == ("9013", "20240315103000123", "91")
    assert (set_time.cn, set_time.st, set_time.flag.value) == ("1012", "39", 5)
    assert set_time.qn == "20240315103005123"
    assert set_time.cp.field("SystemTime") == "20240315103005"


def test_plan_replies_when_time_calibration_wants_no_answer_still_sets_clock() -> None:
    (set_time,) = plan_replies(_station_packet("1013", 4), now=NOW).replies
    assert set_time.cn == "1012"


def test_plan_replies_when_station_sends_platform_only_request_refuses() -> None:
    (answer,) = plan_replies(V1, now=NOW).replies
    assert (answer.cn, answer.cp.field("QnRtn")) == ("9011", str(QnRtn.REFUSED.value))


def test_plan_replies_when_cn_unknown_answers_wrong_cn() -> None:
    plan = plan_replies(_station_packet("4000", 5), now=NOW)
    (answer,) = plan.replies
    assert (answer.cn, answer.cp.field("QnRtn"), plan.reasons) == ("9011", "8", ("unknown_cn",))


@pytest.mark.parametrize("raw", RAW[:6])
def test_every_planned_reply_encodes_and_parses_back(raw: bytes) -> None:
    for reply in plan_replies(_packet(raw), now=NOW).replies:
        assert parse_packet(encode_packet(reply)) == reply


def test_make_qn_uses_station_time_to_the_millisecond() -> None:
    assert make_qn(NOW) == "20240315103005123"
    assert make_qn(datetime(2024, 3, 15, 2, 30, 5, 9000, tzinfo=UTC)) == "20240315103005009"


def test_build_execution_result_carries_exertn() -> None:
    result = build_execution_result(V1, ExeRtn.NO_DATA)
    assert (result.cn, result.qn, result.cp.field("ExeRtn")) == ("9012", V1.qn, "100")


def test_format_time_converts_to_station_time() -> None:
    assert format_time(datetime(2024, 3, 14, 16, 0, tzinfo=UTC)) == "20240315000000"


def test_extract_values_maps_codes_to_parameters_with_flag_and_time() -> None:
    values = {v.code: v for v in extract_values(V2)}
    assert len(values) == 8
    tsp = values["a34001"]
    assert (tsp.parameter, tsp.suffix, tsp.value, tsp.data_flag) == (Parameter.TSP, "Rtd", Decimal("0.215"), "N")
    assert tsp.measured_at == datetime(2024, 3, 15, 10, 30, tzinfo=STATION_TZ)
    assert (tsp.mn, tsp.cn) == (V2.mn, "2011")
    assert values["LA"].parameter is Parameter.NOISE_LA
    assert values["a01001"].parameter is Parameter.TEMPERATURE
    assert values["a01008"].value == Decimal(135)


def test_extract_values_of_hour_data_gives_min_avg_max() -> None:
    values = [(v.code, v.suffix, v.data_flag) for v in extract_values(V5)]
    assert values[:3] == [("a34002", "Min", "T"), ("a34002", "Avg", "T"), ("a34002", "Max", "T")]


def test_extract_values_when_sample_time_given_prefers_it() -> None:
    raw = encode_frame(
        f"{STATION};CN=2011;Flag=4;CP=&&DataTime=20240315103000;"
        "a21026-Rtd=3.2,a21026-SampleTime=20240315102958;x99999-Rtd=1&&".encode()
    )
    so2, unknown = extract_values(_packet(raw))
    assert so2.measured_at == datetime(2024, 3, 15, 10, 29, 58, tzinfo=STATION_TZ)
    assert (so2.parameter, unknown.parameter) == (Parameter.SO2, None)


def test_factor_codes_cover_every_parameter_exactly_once() -> None:
    parameters = [factor.parameter for factor in FACTOR_CODES.values()]
    assert sorted(parameters) == sorted(Parameter)


def test_factor_codes_follow_appendix_b_code_shapes() -> None:
    noise = {"LA", "L5", "L10", "L50", "L90", "L95", "Leq", "Ldn", "Ld", "Ln", "LMx", "LMn"}
    for code, factor in FACTOR_CODES.items():
        assert factor.code == code
        assert code in noise or re.fullmatch(r"a\d{5}", code), code


def test_parameter_for_code_accepts_current_and_hjt_212_2005_codes() -> None:
    assert parameter_for_code("a34001") is Parameter.TSP
    assert parameter_for_code("01") is Parameter.SMOKE_DUST  # old code of a34013
    assert parameter_for_code("S01") is Parameter.OXYGEN
    assert parameter_for_code("zz") is None
    assert len(LEGACY_FACTOR_CODES) == len({f.legacy_code for f in FACTOR_CODES.values() if f.legacy_code})


def test_code_tables_match_the_standard() -> None:
    assert all(re.fullmatch(r"\d{4}", cn) and command.cn == cn for cn, command in COMMANDS.items())
    assert {"9011", "9012", "9013", "9014", "2011", "2051", "2061", "2031"} <= set(COMMANDS)
    assert SYSTEM_CODES["91"] == "system interaction" and SYSTEM_CODES["39"] == "construction-site dust source"
    assert [int(c) for c in QnRtn] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 100]
    assert [int(c) for c in ExeRtn] == [1, 2, 3, 4, 5, 6, 100]
    assert "".join(DataFlag) == "NFMSDCTB"


@pytest.mark.parametrize(
    ("value", "version", "has_parts", "answer"),
    [
        (4, 1, False, False),
        (5, 1, False, True),
        (6, 1, True, False),
        (7, 1, True, True),
        (0, 0, False, False),
        (1, 0, False, True),
    ],
)
def test_packet_flag_decodes_the_standards_examples(value: int, version: int, has_parts: bool, answer: bool) -> None:
    flag = PacketFlag.decode(value)
    assert (flag.version, flag.has_parts, flag.is_answer_requested) == (version, has_parts, answer)
    assert PacketFlag.compose(version=version, has_parts=has_parts, is_answer_requested=answer) == flag


@given(st.integers(0, 255))
def test_packet_flag_compose_inverts_decode(value: int) -> None:
    flag = PacketFlag.decode(value)
    assert (
        PacketFlag.compose(
            version=flag.version, has_parts=flag.has_parts, is_answer_requested=flag.is_answer_requested
        ).value
        == value
    )


def test_packet_flag_when_bits_disagree_raises() -> None:
    with pytest.raises(ValueError, match="bits"):
        PacketFlag(5, 1, True, True)
    with pytest.raises(ValueError, match=r"0\.\.255"):
        PacketFlag.decode(256)
