"""The five exam conclusions of GBZ 188-2014 4.8 and the follow-up each requires.

Labels: reference/surveillance_notes.md "Five exam conclusion categories" [S]. Follow-up:
suspected cases are told to the worker, notified to the employer and reported to the local
health authority, and the employer arranges diagnosis (ODPL Art. 50 and 55, summarised in
reference/occupational_disease_diagnosis.md "Reporting duties"); a contraindication means
moving the worker off the post (surveillance_notes.md, conclusion 4).

Reporting time limit: surveillance_notes.md states no figure, and the reference elsewhere
only says "in time" (ODPL Art. 50). The limit is therefore a required `ReportingLimit`
that carries its own source and confidence; no number is assumed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Final, Protocol

from ohs.exams.rules.provenance import Confidence, Edition, reason_text

CONCLUSIONS_RULE_VERSION: Final = "conclusions/1 (GBZ 188-2014 4.8)"


class Conclusion(StrEnum):
    """GBZ 188-2014 4.8 conclusion categories."""

    NO_ABNORMALITY = "no_abnormality"
    RECHECK = "recheck"
    SUSPECTED_DISEASE = "suspected_disease"
    CONTRAINDICATION = "contraindication"
    OTHER_FINDING = "other_finding"

    @property
    def label_zh(self) -> str:
        """The standard's Chinese label (职业禁忌证 with 证, as the standard spells it)."""
        return CONCLUSION_LABELS_ZH[self]

    @property
    def is_final(self) -> bool:
        """复查 is not a final conclusion; the other four are (surveillance_notes.md)."""
        return self is not Conclusion.RECHECK


CONCLUSION_LABELS_ZH: Final[Mapping[Conclusion, str]] = MappingProxyType(
    {
        Conclusion.NO_ABNORMALITY: "目前未见异常",
        Conclusion.RECHECK: "复查",
        Conclusion.SUSPECTED_DISEASE: "疑似职业病",
        Conclusion.CONTRAINDICATION: "职业禁忌证",
        Conclusion.OTHER_FINDING: "其他疾病或异常",
    }
)

# Spellings met in imported data; 职业禁忌症 is a common misspelling (surveillance_notes.md).
_LABEL_ALIASES: Final[Mapping[str, Conclusion]] = MappingProxyType({"职业禁忌症": Conclusion.CONTRAINDICATION})


def conclusion_from_label(label: str) -> Conclusion:
    """The conclusion for a Chinese label, accepting the known misspelling 职业禁忌症."""
    cleaned = label.strip()
    for conclusion, text in CONCLUSION_LABELS_ZH.items():
        if text == cleaned:
            return conclusion
    if cleaned in _LABEL_ALIASES:
        return _LABEL_ALIASES[cleaned]
    raise ValueError(f"unknown exam conclusion label: {label!r}")


class FollowUpAction(StrEnum):
    """Things that must happen after a conclusion."""

    SCHEDULE_RECHECK = "schedule_recheck"
    NOTIFY_WORKER = "notify_worker"
    NOTIFY_EMPLOYER = "notify_employer"
    REPORT_TO_COUNTY_REGULATOR = "report_to_county_regulator"
    REFER_FOR_DIAGNOSIS = "refer_for_diagnosis"
    NOTICE_TO_LEAVE_HAZARD_POST = "notice_to_leave_hazard_post"
    CONFIRM_POST_CHANGE = "confirm_post_change"


class DeadlineBasis(StrEnum):
    """Which configured figure sets a step's due date."""

    RECHECK_INTERVAL = "recheck_interval"
    REPORTING_LIMIT = "reporting_limit"
    NONE = "none"


@dataclass(frozen=True)
class FollowUpStep:
    """One follow-up step as data: what, the label shown, and what sets its deadline."""

    action: FollowUpAction
    label_zh: str
    deadline: DeadlineBasis
    is_tracked_until_confirmed: bool = False


_RECHECK = FollowUpStep(
    FollowUpAction.SCHEDULE_RECHECK,
    "按体检机构要求的时间安排复查",
    DeadlineBasis.RECHECK_INTERVAL,
)
_NOTIFY_WORKER = FollowUpStep(FollowUpAction.NOTIFY_WORKER, "告知劳动者本人", DeadlineBasis.REPORTING_LIMIT)
_NOTIFY_EMPLOYER = FollowUpStep(FollowUpAction.NOTIFY_EMPLOYER, "通知用人单位", DeadlineBasis.REPORTING_LIMIT)
_REPORT_COUNTY = FollowUpStep(
    FollowUpAction.REPORT_TO_COUNTY_REGULATOR,
    "向用人单位所在地县级卫生健康主管部门报告",
    DeadlineBasis.REPORTING_LIMIT,
)
_REFER = FollowUpStep(
    FollowUpAction.REFER_FOR_DIAGNOSIS,
    "用人单位安排劳动者到职业病诊断机构诊断",
    DeadlineBasis.NONE,
)
_LEAVE_POST_NOTICE = FollowUpStep(
    FollowUpAction.NOTICE_TO_LEAVE_HAZARD_POST,
    "书面告知用人单位将劳动者调离所禁忌的作业岗位",
    DeadlineBasis.REPORTING_LIMIT,
)
_CONFIRM_MOVE = FollowUpStep(
    FollowUpAction.CONFIRM_POST_CHANGE,
    "跟踪至用人单位确认已调离",
    DeadlineBasis.NONE,
    is_tracked_until_confirmed=True,
)

FOLLOW_UP_STEPS: Final[Mapping[Conclusion, tuple[FollowUpStep, ...]]] = MappingProxyType(
    {
        Conclusion.NO_ABNORMALITY: (),
        Conclusion.RECHECK: (_RECHECK,),
        Conclusion.SUSPECTED_DISEASE: (
            _NOTIFY_WORKER,
            _NOTIFY_EMPLOYER,
            _REPORT_COUNTY,
            _REFER,
        ),
        Conclusion.CONTRAINDICATION: (_LEAVE_POST_NOTICE, _CONFIRM_MOVE),
        Conclusion.OTHER_FINDING: (),
    }
)


class DayCount(StrEnum):
    """How a time limit counts days."""

    CALENDAR = "calendar"
    WORKING = "working"


@dataclass(frozen=True)
class ReportingLimit:
    """The institution's reporting time limit, with where the figure comes from."""

    days: int
    day_count: DayCount
    source: str
    confidence: Confidence


class WorkingDays(Protocol):
    """What deadline counting needs from a calendar (ohs.core.rules.workdays fits)."""

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after `day`."""
        ...

    def add_calendar_days(self, day: date, n: int, *, roll_to_workday: bool = True) -> date:
        """`day` + n days, rolled to the next working day when asked."""
        ...


def reporting_deadline_on(start_on: date, limit: ReportingLimit, calendar: WorkingDays) -> date:
    """Last day of a reporting limit counted from `start_on` (the start day is not counted)."""
    if limit.days < 0:
        raise ValueError("a reporting limit cannot be negative")
    if limit.day_count is DayCount.WORKING:
        return calendar.add_working_days(start_on, limit.days)
    return calendar.add_calendar_days(start_on, limit.days)


@dataclass(frozen=True)
class PlannedStep:
    """A follow-up step with its due date (None when the reference sets none)."""

    action: FollowUpAction
    label_zh: str
    due_on: date | None
    is_tracked_until_confirmed: bool


@dataclass(frozen=True)
class FollowUpPlan:
    """What must follow a conclusion, when, and on what authority."""

    conclusion: Conclusion
    concluded_on: date
    steps: tuple[PlannedStep, ...]
    edition: Edition
    rule_version: str
    rests_on_unconfirmed: bool
    reasons: tuple[str, ...]


def _step_due_on(
    step: FollowUpStep,
    concluded_on: date,
    recheck_interval_days: int,
    report_due_on: date,
) -> date | None:
    if step.deadline is DeadlineBasis.RECHECK_INTERVAL:
        return date.fromordinal(concluded_on.toordinal() + recheck_interval_days)
    if step.deadline is DeadlineBasis.REPORTING_LIMIT:
        return report_due_on
    return None


def uses_reporting_limit(conclusion: Conclusion) -> bool:
    """True when a step of this conclusion's follow-up runs against the reporting limit."""
    return any(s.deadline is DeadlineBasis.REPORTING_LIMIT for s in FOLLOW_UP_STEPS[conclusion])


def _plan_reasons(conclusion: Conclusion, limit: ReportingLimit, edition: Edition) -> tuple[str, ...]:
    reasons = [reason_text("检查结论：%(label)s（GBZ 188-2014 4.8）", label=conclusion.label_zh)]
    if uses_reporting_limit(conclusion):
        reasons.append(
            reason_text(
                "报告时限%(days)d日（%(count)s），依据：%(source)s",
                days=limit.days,
                count=limit.day_count.value,
                source=limit.source,
            )
        )
        if not limit.confidence.is_confirmed:
            reasons.append(reason_text("报告时限依据为%(c)s级，未经原文核实", c=limit.confidence.value))
    if edition is Edition.GBZ188_2025 and conclusion is Conclusion.RECHECK:
        reasons.append("GBZ 188-2025 据报不再将复查列为结论（未核实），请核对")
    return tuple(reasons)


def plan_follow_up(
    conclusion: Conclusion,
    *,
    concluded_on: date,
    edition: Edition,
    recheck_interval_days: int,
    reporting_limit: ReportingLimit,
    calendar: WorkingDays,
) -> FollowUpPlan:
    """The follow-up steps a conclusion requires, each with its due date."""
    if recheck_interval_days < 0:
        raise ValueError("a recheck interval cannot be negative")
    report_due_on = reporting_deadline_on(concluded_on, reporting_limit, calendar)
    steps = tuple(
        PlannedStep(
            step.action,
            step.label_zh,
            _step_due_on(step, concluded_on, recheck_interval_days, report_due_on),
            step.is_tracked_until_confirmed,
        )
        for step in FOLLOW_UP_STEPS[conclusion]
    )
    uses_limit = uses_reporting_limit(conclusion)
    return FollowUpPlan(
        conclusion=conclusion,
        concluded_on=concluded_on,
        steps=steps,
        edition=edition,
        rule_version=CONCLUSIONS_RULE_VERSION,
        rests_on_unconfirmed=uses_limit and not reporting_limit.confidence.is_confirmed,
        reasons=_plan_reasons(conclusion, reporting_limit, edition),
    )


@dataclass(frozen=True)
class PostChangeTracking:
    """Whether a contraindication's move off the hazard post is still open."""

    is_required: bool
    is_open: bool
    days_open: int
    reasons: tuple[str, ...]


def track_post_change(plan: FollowUpPlan, *, confirmed_on: date | None, today: date) -> PostChangeTracking:
    """Track a plan's move off the hazard post until the employer confirms it."""
    if not any(step.is_tracked_until_confirmed for step in plan.steps):
        return PostChangeTracking(False, False, 0, ("该结论无需跟踪调岗",))
    end = confirmed_on if confirmed_on is not None else today
    days_open = max(0, (end - plan.concluded_on).days)
    if confirmed_on is not None:
        reason = reason_text("用人单位已于%(on)s确认调离", on=confirmed_on.isoformat())
        return PostChangeTracking(True, False, days_open, (reason,))
    reason = reason_text("尚未确认调离，已跟踪%(days)d日", days=days_open)
    return PostChangeTracking(True, True, days_open, (reason,))
