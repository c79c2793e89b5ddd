"""What the platform must send back to a station (HJ 212-2017 §6.5, tables 7 and 9), and the
requests the platform itself issues.

- Upload with Flag bit A = 1: answer 9014 with the same QN, ST=91, Flag=4, empty CP.
- Notice with A = 1: answer 9013 the same way.
- A request only the platform may issue, or an unknown CN, with A = 1: answer 9011 with QnRtn 2
  (refused) or 8 (wrong CN); the exchange ends there, so no 9012 follows.
- 1013 (the station asks for time calibration): send 1012 with the platform's time, whatever A says.
- Replies (9011-9014) are never answered, and nothing is answered when A = 0.
A packet whose CRC is wrong gets no answer at all: its fields cannot be trusted, and a missing 9014
makes the station resend after its time-out (table 1), which is what a corrupted upload needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ohs.monitoring.rules.hj212_codes import (
    CN_DATA_ACK,
    CN_EXECUTION_RESULT,
    CN_NOTICE_ANSWER,
    CN_REQUEST_ANSWER,
    CN_SET_STATION_TIME,
    CN_TIME_CALIBRATION,
    COMMANDS,
    ST_SYSTEM_INTERACTION,
    CommandKind,
    ExeRtn,
    QnRtn,
)
from ohs.monitoring.rules.hj212_packet import (
    STATION_TZ,
    DataArea,
    Packet,
    PacketFlag,
    format_time,
)

RULE_VERSION = "hj212-2017.replies/1"
QN_RETURN_FIELD = "QnRtn"  # table 4: request return code of 9011
EXE_RETURN_FIELD = "ExeRtn"  # table 4: execution result of 9012
SYSTEM_TIME_FIELD = "SystemTime"  # table 4: station clock, set by 1012
_MICROSECONDS_PER_MILLISECOND = 1000


@dataclass(frozen=True, slots=True)
class ReplyPlan:
    """Packets to send back for one received packet, in order, and why."""

    replies: tuple[Packet, ...]
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


def make_qn(now: datetime) -> str:
    """A new QN: the station-time timestamp ``YYYYMMDDhhmmsszzz`` (table 3)."""
    local = now.astimezone(STATION_TZ) if now.tzinfo is not None else now
    return f"{format_time(local)}{local.microsecond // _MICROSECONDS_PER_MILLISECOND:03d}"


def build_reply(packet: Packet, cn: str, fields: tuple[tuple[str, str], ...] = ()) -> Packet:
    """A reply to ``packet``: same QN, PW and MN, ST=91, Flag without A (§6.5)."""
    return Packet(
        qn=packet.qn,
        st=ST_SYSTEM_INTERACTION,
        cn=cn,
        pw=packet.pw,
        mn=packet.mn,
        flag=PacketFlag.compose(version=packet.flag.version),
        cp=DataArea(fields=fields),
    )


def build_data_ack(packet: Packet) -> Packet:
    """Data acknowledgement 9014 for an upload, with an empty CP."""
    return build_reply(packet, CN_DATA_ACK)


def build_notice_answer(packet: Packet) -> Packet:
    """Notice answer 9013, with an empty CP."""
    return build_reply(packet, CN_NOTICE_ANSWER)


def build_request_answer(packet: Packet, qn_rtn: QnRtn) -> Packet:
    """Request answer 9011 carrying ``QnRtn`` (table 7)."""
    return build_reply(packet, CN_REQUEST_ANSWER, ((QN_RETURN_FIELD, str(int(qn_rtn))),))


def build_execution_result(packet: Packet, exe_rtn: ExeRtn) -> Packet:
    """Execution result 9012 carrying ``ExeRtn`` (table 6)."""
    return build_reply(packet, CN_EXECUTION_RESULT, ((EXE_RETURN_FIELD, str(int(exe_rtn))),))


def build_request(station: Packet, cn: str, *, now: datetime, fields: tuple[tuple[str, str], ...] = ()) -> Packet:
    """A platform request to the station that sent ``station``: new QN, its ST/PW/MN, answer wanted."""
    return Packet(
        qn=make_qn(now),
        st=station.st,
        cn=cn,
        pw=station.pw,
        mn=station.mn,
        flag=PacketFlag.compose(version=station.flag.version, is_answer_requested=True),
        cp=DataArea(fields=fields),
    )


def build_set_time_request(station: Packet, *, now: datetime) -> Packet:
    """Request 1012 setting the station clock to ``now`` in station time."""
    return build_request(station, CN_SET_STATION_TIME, now=now, fields=((SYSTEM_TIME_FIELD, format_time(now)),))


def plan_replies(packet: Packet, *, now: datetime) -> ReplyPlan:
    """Decide what the platform sends back for a packet received from a station."""
    command = COMMANDS.get(packet.cn)
    if command is not None and command.kind is CommandKind.REPLY:
        return ReplyPlan((), ("reply_needs_no_answer",))
    answer, reason = _answer(packet, command.kind if command is not None else None)
    replies = [] if answer is None else [answer]
    reasons = [reason]
    if packet.cn == CN_TIME_CALIBRATION:  # calibrate whatever bit A says: the station asked for it
        replies.append(build_set_time_request(packet, now=now))
        reasons.append("time_calibration_requested")
    return ReplyPlan(tuple(replies), tuple(reasons))


def _answer(packet: Packet, kind: CommandKind | None) -> tuple[Packet | None, str]:
    """The answer Flag bit A asks for, by command kind, and the reason code."""
    if not packet.flag.is_answer_requested:
        return None, "no_answer_requested"
    if kind is None:
        return build_request_answer(packet, QnRtn.WRONG_CN), "unknown_cn"
    if kind is CommandKind.UPLOAD:
        return build_data_ack(packet), "data_acknowledged"
    if kind is CommandKind.NOTICE:
        return build_notice_answer(packet), "notice_answered"
    return build_request_answer(packet, QnRtn.REFUSED), "request_refused_platform_only"
