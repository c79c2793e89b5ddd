"""HJ 212-2017 data transmission protocol for online monitors: one import for callers.

Split by concern: ``hj212_crc`` (appendix A check sum), ``hj212_frame`` (table 2 framing of a TCP
stream), ``hj212_packet`` (tables 3, 4 and 8 as dataclasses, and rendering), ``hj212_parse`` (parsing),
``hj212_codes`` (tables 5-9 and appendix B as data) and ``hj212_reply`` (the answers §6.5 requires).
Facts: reference/hj212.md.

Typical receive loop for one connection::

    decoder = StreamDecoder()
    for item in decoder.feed(chunk):          # and decoder.finish() when the peer closes
        if isinstance(item, FramingError):    # dead-letter item.raw with item.reason
            continue
        packet = parse_frame(item)            # Packet or PacketError (dead-letter error.raw)
        if isinstance(packet, Packet):
            plan = plan_replies(packet, now=now)   # send plan.replies via encode_packet
            values = extract_values(packet)        # match (mn, code) to channels
"""

from __future__ import annotations

from ohs.monitoring.rules.hj212_codes import (
    COMMANDS,
    FACTOR_CODES,
    LEGACY_FACTOR_CODES,
    SYSTEM_CODES,
    Command,
    CommandKind,
    ExeRtn,
    FactorCode,
    PacketValue,
    QnRtn,
    extract_values,
    parameter_for_code,
)
from ohs.monitoring.rules.hj212_crc import compute_crc, format_crc
from ohs.monitoring.rules.hj212_frame import (
    Frame,
    FrameItem,
    FramingError,
    FramingReason,
    StreamDecoder,
    decode_stream,
    encode_frame,
    split_frames,
)
from ohs.monitoring.rules.hj212_packet import (
    STATION_TZ,
    DataArea,
    FactorValues,
    Packet,
    PacketError,
    PacketErrorReason,
    PacketFlag,
    encode_packet,
    format_time,
    render_data_area,
    render_segment,
)
from ohs.monitoring.rules.hj212_parse import parse_frame, parse_packet
from ohs.monitoring.rules.hj212_reply import (
    ReplyPlan,
    build_data_ack,
    build_execution_result,
    build_notice_answer,
    build_reply,
    build_request,
    build_request_answer,
    build_set_time_request,
    make_qn,
    plan_replies,
)

__all__ = [
    "COMMANDS",
    "FACTOR_CODES",
    "LEGACY_FACTOR_CODES",
    "STATION_TZ",
    "SYSTEM_CODES",
    "Command",
    "CommandKind",
    "DataArea",
    "ExeRtn",
    "FactorCode",
    "FactorValues",
    "Frame",
    "FrameItem",
    "FramingError",
    "FramingReason",
    "Packet",
    "PacketError",
    "PacketErrorReason",
    "PacketFlag",
    "PacketValue",
    "QnRtn",
    "ReplyPlan",
    "StreamDecoder",
    "build_data_ack",
    "build_execution_result",
    "build_notice_answer",
    "build_reply",
    "build_request",
    "build_request_answer",
    "build_set_time_request",
    "compute_crc",
    "decode_stream",
    "encode_frame",
    "encode_packet",
    "extract_values",
    "format_crc",
    "format_time",
    "make_qn",
    "parameter_for_code",
    "parse_frame",
    "parse_packet",
    "plan_replies",
    "render_data_area",
    "render_segment",
    "split_frames",
]
