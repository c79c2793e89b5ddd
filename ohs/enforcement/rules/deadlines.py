"""Statutory time limits of the penalty procedure and the late-payment surcharge.

Sources (reference/case_review.md §3, law texts): 行政处罚法 (2021, "APL"), 行政复议法
(2023, in force 2024-01-01), 行政诉讼法 (2017), 行政强制法 (2011). Day counting: the
start day is not counted; APL Art.85 makes its 2/3/5/7-day limits working days,
行政强制法 Art.69 its limits of up to 10 days; 行政复议法 Art.88 and 行政诉讼法 Art.101
apply 民事诉讼法 Art.85 (a period whose last day is a rest day ends on the next working
day). Party-facing periods roll past rest days; the agency's own limits do not, so the
platform warns early rather than late.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from typing import Protocol

RULE_VERSION = "enforcement.deadlines/1"
# 行政处罚法 Art.72(1)(一): 到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款
LATE_PAYMENT_DAILY_RATE = Decimal("0.03")
# 行政处罚法 Art.72(1)(一): 加处罚款的数额不得超出罚款的数额; 行政强制法 Art.45(2)
LATE_PAYMENT_CAP_RATIO_OF_FINE = Decimal(1)
FEN = Decimal("0.01")


class DeadlineCalendar(Protocol):
    """The working-day calendar service (ohs.core), injected so rules stay pure."""

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after ``day`` (the start day is not counted)."""
        ...

    def add_calendar_days(self, day: date, n: int, *, roll_to_workday: bool = True) -> date:
        """``day`` + n days, rolled to the next working day when asked."""
        ...

    def add_months(self, day: date, months: int, *, roll_to_workday: bool = True) -> date:
        """Same day ``months`` later (clamped to month end), rolled when asked."""
        ...


class PeriodUnit(StrEnum):
    """How a period is counted."""

    CALENDAR_DAYS = "日（自然日）"
    WORKING_DAYS = "工作日"
    MONTHS = "月"


class Bound(StrEnum):
    """Whether the computed day is the last day allowed or the first day allowed."""

    LATEST = "最迟"
    EARLIEST = "最早"


class DeadlineKind(StrEnum):
    """The statutory time limits the platform tracks."""

    DECISION_AFTER_FILING = "decision_after_filing"
    EVIDENCE_PRESERVATION_DECISION = "evidence_preservation_decision"
    DECISION_SERVICE = "decision_service"
    HEARING_REQUEST = "hearing_request"
    HEARING_AFTER_NOTICE = "hearing_after_notice"
    FINE_PAYMENT = "fine_payment"
    WITHDRAW_PUBLICATION = "withdraw_publication"
    CASH_TO_AGENCY = "cash_to_agency"
    CASH_TO_BANK = "cash_to_bank"
    RECONSIDERATION_APPLICATION = "reconsideration_application"
    RECONSIDERATION_DECISION = "reconsideration_decision"
    RECONSIDERATION_DECISION_SIMPLE = "reconsideration_decision_simple"
    LITIGATION_DIRECT = "litigation_direct"
    LITIGATION_AFTER_RECONSIDERATION = "litigation_after_reconsideration"
    COURT_ENFORCEMENT_APPLICATION = "court_enforcement_application"
    COURT_APPLICATION_AFTER_REMINDER = "court_application_after_reminder"
    LIMITATION_GENERAL = "limitation_general"
    LIMITATION_LIFE_HEALTH = "limitation_life_health"


@dataclass(frozen=True)
class DeadlineRule:
    """One row of the time-limit table, with its legal basis."""

    kind: DeadlineKind
    amount: int
    unit: PeriodUnit
    start_event_zh: str
    basis: str
    rolls_past_rest_day: bool = False
    bound: Bound = Bound.LATEST
    is_extendable: bool = False
    extension_cap_days: int | None = None
    note: str = ""


_K, _C, _W, _M = (
    DeadlineKind,
    PeriodUnit.CALENDAR_DAYS,
    PeriodUnit.WORKING_DAYS,
    PeriodUnit.MONTHS,
)
_APL_WD = "行政处罚法第八十五条（工作日）"
_ROLL = "民事诉讼法第八十五条（届满日为休假日的顺延）"
_RULES = (
    DeadlineRule(_K.DECISION_AFTER_FILING, 90, _C, "立案之日", "行政处罚法第六十条",
                 is_extendable=True,
                 note="法律、法规、规章另有规定的从其规定；卫生系统延期程序未经核实"),
    DeadlineRule(_K.EVIDENCE_PRESERVATION_DECISION, 7, _W, "先行登记保存之日",
                 f"行政处罚法第五十六条；{_APL_WD}"),
    DeadlineRule(_K.DECISION_SERVICE, 7, _W, "作出决定之日（当事人不在场）",
                 f"行政处罚法第六十一条；{_APL_WD}"),
    DeadlineRule(_K.HEARING_REQUEST, 5, _W, "告知听证权利之日",
                 f"行政处罚法第六十四条第一项；{_APL_WD}"),
    DeadlineRule(_K.HEARING_AFTER_NOTICE, 7, _W, "通知听证时间、地点之日",
                 f"行政处罚法第六十四条第二项；{_APL_WD}", bound=Bound.EARLIEST),
    DeadlineRule(_K.FINE_PAYMENT, 15, _C, "收到行政处罚决定书之日", "行政处罚法第六十七条",
                 rolls_past_rest_day=True, note=f"顺延参照{_ROLL}，适用于本条未经核实"),
    DeadlineRule(_K.WITHDRAW_PUBLICATION, 3, _W, "决定被变更、撤销、确认违法或无效之日",
                 f"行政处罚法第四十八条；{_APL_WD}"),
    DeadlineRule(_K.CASH_TO_AGENCY, 2, _W, "当场收缴罚款之日（水上为抵岸之日）",
                 f"行政处罚法第七十一条；{_APL_WD}"),
    DeadlineRule(_K.CASH_TO_BANK, 2, _W, "行政机关收到罚款之日",
                 f"行政处罚法第七十一条；{_APL_WD}"),
    DeadlineRule(_K.RECONSIDERATION_APPLICATION, 60, _C, "知道或者应当知道该行政行为之日",
                 f"行政复议法第二十条；第八十八条；{_ROLL}", rolls_past_rest_day=True),
    DeadlineRule(_K.RECONSIDERATION_DECISION, 60, _C, "受理申请之日",
                 f"行政复议法第六十二条第一款；{_ROLL}", rolls_past_rest_day=True,
                 is_extendable=True, extension_cap_days=30),
    DeadlineRule(_K.RECONSIDERATION_DECISION_SIMPLE, 30, _C, "受理申请之日（简易程序）",
                 f"行政复议法第六十二条第二款；{_ROLL}", rolls_past_rest_day=True),
    DeadlineRule(_K.LITIGATION_DIRECT, 6, _M, "知道或者应当知道作出行政行为之日",
                 f"行政诉讼法第四十六条；第一百零一条；{_ROLL}", rolls_past_rest_day=True),
    DeadlineRule(_K.LITIGATION_AFTER_RECONSIDERATION, 15, _C, "收到复议决定书之日",
                 f"行政诉讼法第四十五条；第一百零一条；{_ROLL}", rolls_past_rest_day=True),
    DeadlineRule(_K.COURT_ENFORCEMENT_APPLICATION, 3, _M, "复议、诉讼期限届满之日",
                 "行政强制法第五十三条"),
    DeadlineRule(_K.COURT_APPLICATION_AFTER_REMINDER, 10, _W, "催告书送达之日",
                 "行政强制法第五十四条；第六十九条（工作日）", bound=Bound.EARLIEST),
    DeadlineRule(_K.LIMITATION_GENERAL, 24, _M, "违法行为发生或终了之日",
                 "行政处罚法第三十六条第一款（二年）"),
    DeadlineRule(_K.LIMITATION_LIFE_HEALTH, 60, _M, "违法行为发生或终了之日",
                 "行政处罚法第三十六条第一款（涉及生命健康安全且有危害后果，五年）"),
)  # fmt: skip
DEADLINE_TABLE: Mapping[DeadlineKind, DeadlineRule] = {rule.kind: rule for rule in _RULES}


@dataclass(frozen=True)
class Deadline:
    """A computed limit: the last (or first) day allowed."""

    kind: DeadlineKind
    start_on: date
    due_on: date
    bound: Bound
    basis: str
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


def _check_extension(rule: DeadlineRule, extension_days: int) -> None:
    if extension_days < 0:
        raise ValueError("extension_days must not be negative")
    if extension_days and not rule.is_extendable:
        raise ValueError(f"{rule.kind} cannot be extended ({rule.basis})")
    cap = rule.extension_cap_days
    if cap is not None and extension_days > cap:
        raise ValueError(f"{rule.kind} extension is capped at {cap} days ({rule.basis})")


def _add(rule: DeadlineRule, start_on: date, calendar: DeadlineCalendar) -> date:
    roll = rule.rolls_past_rest_day
    if rule.unit is PeriodUnit.WORKING_DAYS:
        return calendar.add_working_days(start_on, rule.amount)
    if rule.unit is PeriodUnit.MONTHS:
        return calendar.add_months(start_on, rule.amount, roll_to_workday=roll)
    return calendar.add_calendar_days(start_on, rule.amount, roll_to_workday=roll)


def compute_deadline(
    kind: DeadlineKind,
    start_on: date,
    calendar: DeadlineCalendar,
    *,
    extension_days: int = 0,
) -> Deadline:
    """The due day of a statutory limit from its start event, with an approved extension."""
    rule = DEADLINE_TABLE[kind]
    _check_extension(rule, extension_days)
    due_on = _add(rule, start_on, calendar)
    if extension_days:
        due_on = calendar.add_calendar_days(due_on, extension_days, roll_to_workday=rule.rolls_past_rest_day)
    span = f"{rule.start_event_zh} {start_on.isoformat()} 起 {rule.amount} {rule.unit}"
    reasons = [f"{span}（{rule.basis}），{rule.bound} {due_on.isoformat()}"]
    if extension_days:
        reasons.append(f"经批准延长 {extension_days} 日")
    if rule.note:
        reasons.append(rule.note)
    return Deadline(kind, start_on, due_on, rule.bound, rule.basis, tuple(reasons))


@dataclass(frozen=True)
class LatePaymentSurcharge:
    """The surcharge (加处罚款) owed for paying a fine late."""

    fine_yuan: Decimal
    days_late: int
    surcharge_yuan: Decimal
    is_capped: bool
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


def late_payment_surcharge(
    fine_yuan: Decimal, due_on: date, paid_on: date, *, suspended_days: int = 0
) -> LatePaymentSurcharge:
    """3 % of the fine per day after ``due_on``, capped at the fine (行政处罚法 Art.72)."""
    if fine_yuan < 0 or suspended_days < 0:
        raise ValueError("fine_yuan and suspended_days must not be negative")
    # 行政处罚法 Art.73(3): days of reconsideration or litigation are not counted.
    days_late = max((paid_on - due_on).days - suspended_days, 0)
    uncapped = (fine_yuan * LATE_PAYMENT_DAILY_RATE * days_late).quantize(FEN, ROUND_DOWN)
    cap_yuan = fine_yuan * LATE_PAYMENT_CAP_RATIO_OF_FINE
    surcharge = min(uncapped, cap_yuan)
    late = f"罚款 {fine_yuan} 元，缴纳期限 {due_on.isoformat()}，逾期 {days_late} 日"
    rate = f"每日按 {LATE_PAYMENT_DAILY_RATE:%} 加处罚款（行政处罚法第七十二条）"
    reasons = [f"{late}，{rate}"]
    if uncapped > cap_yuan:
        reasons.append("加处罚款不得超出罚款数额（行政处罚法第七十二条；行政强制法第四十五条）")
    if suspended_days:
        reasons.append(f"复议、诉讼期间 {suspended_days} 日不计（行政处罚法第七十三条）")
    return LatePaymentSurcharge(fine_yuan, days_late, surcharge, uncapped > cap_yuan, tuple(reasons))
