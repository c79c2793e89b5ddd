"""Per-hazard exam obligations: pre-employment, periodic, exit, post-exit, emergency, recheck.

Each function reads one hazard's rule, exposure facts, events and exams and returns the
exam it requires (or a `DataGap` where the reference is silent). protocol.py merges them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ohs.exams.rules.conclusions import Conclusion
from ohs.exams.rules.protocol_periods import (
    add_months,
    choose_follow_up_months,
    choose_period,
)
from ohs.exams.rules.protocol_types import (
    DataGap,
    EmploymentEvent,
    EventKind,
    ExamRecord,
    ExamType,
    GapKind,
    HazardExposure,
    HazardRule,
    ScheduleConfig,
    WorkerSurveillance,
)
from ohs.exams.rules.provenance import Confidence, reason_text, weakest_confidence


@dataclass(frozen=True)
class HazardItem:
    """One exam one hazard requires, before merging across hazards."""

    exam_type: ExamType
    due_on: date
    is_recheck: bool
    hazard: str
    period_months: int | None
    confidence: Confidence
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class HazardContext:
    """One hazard's rule and facts, with the current stint on the post worked out."""

    rule: HazardRule
    exposure: HazardExposure
    config: ScheduleConfig
    today: date
    events: tuple[EmploymentEvent, ...]
    exams: tuple[ExamRecord, ...]
    started_on: date | None
    left_on: date | None
    stint_exams: tuple[ExamRecord, ...]

    def gap(self, exam_type: ExamType | None, kind: GapKind, reason: str) -> DataGap:
        """A gap for this hazard in this edition."""
        return DataGap(self.rule.hazard, exam_type, kind, self.rule.edition, reason)

    def item(
        self,
        exam_type: ExamType,
        due_on: date,
        reasons: Iterable[str],
        *,
        is_recheck: bool = False,
        period_months: int | None = None,
        confidence: Confidence | None = None,
    ) -> HazardItem:
        """An item for this hazard; confidence defaults to the rule's."""
        shown = confidence if confidence is not None else self.rule.confidence
        return HazardItem(
            exam_type,
            due_on,
            is_recheck,
            self.rule.hazard,
            period_months,
            shown,
            tuple(reasons),
        )


def _stint_dates(
    events: tuple[EmploymentEvent, ...],
) -> tuple[date | None, date | None, date | None]:
    """Latest start on the post, the leaving after it, and the leaving before it."""
    starts = [e.occurred_on for e in events if e.kind is EventKind.START_ON_POST]
    leaves = [e.occurred_on for e in events if e.kind is EventKind.LEAVE_POST]
    started_on = max(starts, default=None)
    if started_on is None:
        return None, max(leaves, default=None), None
    left_on = min((d for d in leaves if d >= started_on), default=None)
    return started_on, left_on, max((d for d in leaves if d < started_on), default=None)


def build_context(
    rule: HazardRule,
    exposure: HazardExposure,
    worker: WorkerSurveillance,
    config: ScheduleConfig,
    today: date,
) -> HazardContext:
    """Collect the hazard's events and exams and find the current stint on the post."""
    events = tuple(
        sorted(
            (e for e in worker.events if e.concerns(rule.hazard)),
            key=lambda e: e.occurred_on,
        )
    )
    exams = tuple(
        sorted(
            (x for x in worker.exams if rule.hazard in x.hazards),
            key=lambda x: x.examined_on,
        )
    )
    started_on, left_on, previous_leave = _stint_dates(events)
    stint = tuple(x for x in exams if previous_leave is None or x.examined_on > previous_leave)
    return HazardContext(rule, exposure, config, today, events, exams, started_on, left_on, stint)


def _pre_item(ctx: HazardContext) -> HazardItem | None:
    if ExamType.PRE not in ctx.rule.exam_types or ctx.started_on is None or ctx.left_on is not None:
        return None
    if any(x.exam_type is ExamType.PRE for x in ctx.stint_exams):
        return None
    reason = reason_text(
        "上岗前检查：%(h)s，应在%(on)s上岗前完成",
        h=ctx.rule.hazard,
        on=ctx.started_on.isoformat(),
    )
    return ctx.item(ExamType.PRE, ctx.started_on, (reason,))


def _periodic_due_on(ctx: HazardContext, period_months: int, reasons: list[str]) -> date:
    anchors = [x.examined_on for x in ctx.stint_exams if x.exam_type in (ExamType.PRE, ExamType.PERIODIC)]
    anchor = max(anchors, default=ctx.started_on)
    if anchor is None:
        reasons.append("无上岗日期和检查记录，应尽快安排")
        return ctx.today
    reasons.append(reason_text("上次检查或上岗日期：%(on)s", on=anchor.isoformat()))
    return add_months(anchor, period_months)


def _periodic_item(ctx: HazardContext) -> tuple[HazardItem | None, DataGap | None]:
    has_left = ctx.left_on is not None and ctx.left_on <= ctx.today
    if ExamType.PERIODIC not in ctx.rule.exam_types or has_left:
        return None, None
    choice = choose_period(ctx.rule.periodic, ctx.exposure)
    if choice.period_months is None:
        return None, ctx.gap(
            ExamType.PERIODIC,
            choice.gap or GapKind.NO_BAND_FOR_EXPOSURE,
            reason_text("%(h)s：%(why)s", h=ctx.rule.hazard, why=choice.reason),
        )
    reasons = [reason_text("在岗期间检查：%(h)s，%(why)s", h=ctx.rule.hazard, why=choice.reason)]
    if ctx.rule.periodic.is_before_hot_season:
        reasons.append("参考资料要求每年高温季节前完成")
    due_on = _periodic_due_on(ctx, choice.period_months, reasons)
    if ctx.left_on is not None and due_on >= ctx.left_on:
        # Falls due after the planned leaving date: the exit exam covers it.
        return None, None
    return ctx.item(ExamType.PERIODIC, due_on, reasons, period_months=choice.period_months), None


def _exit_item(ctx: HazardContext) -> HazardItem | None:
    if ExamType.EXIT not in ctx.rule.exam_types or ctx.left_on is None:
        return None
    exit_from = ctx.left_on - timedelta(days=ctx.config.exit_exam_window_days)
    periodic_from = ctx.left_on - timedelta(days=ctx.config.periodic_counts_as_exit_days)
    for exam in ctx.stint_exams:
        if exam.exam_type is ExamType.EXIT and exam.examined_on >= exit_from:
            return None
        if exam.exam_type is ExamType.PERIODIC and periodic_from <= exam.examined_on <= ctx.left_on:
            return None
    reason = reason_text(
        "离岗时检查：%(h)s，离岗日期%(on)s，离岗前%(d)d日内完成",
        h=ctx.rule.hazard,
        on=ctx.left_on.isoformat(),
        d=ctx.config.exit_exam_window_days,
    )
    return ctx.item(ExamType.EXIT, ctx.left_on, (reason,))


def _post_exit_due_on(ctx: HazardContext, left_on: date, interval_months: int, follow_up_months: int) -> date | None:
    """Next follow-up after the last exit or follow-up exam; None once follow-up ends."""
    anchors = [x.examined_on for x in ctx.stint_exams if x.exam_type in (ExamType.EXIT, ExamType.POST_EXIT)]
    due_on = add_months(max(anchors, default=left_on), interval_months)
    return None if due_on > add_months(left_on, follow_up_months) else due_on


def _post_exit_item(ctx: HazardContext) -> tuple[HazardItem | None, DataGap | None]:
    if ExamType.POST_EXIT not in ctx.rule.exam_types or ctx.left_on is None:
        return None, None
    policy = ctx.rule.post_exit
    duration = None if policy is None else choose_follow_up_months(policy, ctx.exposure.exposure_years)
    if policy is None or duration is None:
        return None, ctx.gap(
            ExamType.POST_EXIT,
            GapKind.PERIOD_NOT_IN_REFERENCE,
            reason_text("%(h)s：参考资料未给出适用的离岗后随访周期", h=ctx.rule.hazard),
        )
    due_on = _post_exit_due_on(ctx, ctx.left_on, policy.interval_months, duration[0])
    if due_on is None:
        return None, None
    reasons = (
        reason_text(
            "离岗后随访：%(h)s，每%(m)d个月一次，%(span)s",
            h=ctx.rule.hazard,
            m=policy.interval_months,
            span=duration[1],
        ),
    )
    confidence = weakest_confidence((ctx.rule.confidence, policy.confidence))
    return ctx.item(
        ExamType.POST_EXIT,
        due_on,
        reasons,
        period_months=policy.interval_months,
        confidence=confidence,
    ), None


def _emergency_items(ctx: HazardContext) -> tuple[list[HazardItem], list[DataGap]]:
    incidents = [e for e in ctx.events if e.kind is EventKind.EXPOSURE_INCIDENT]
    if incidents and ExamType.EMERGENCY not in ctx.rule.exam_types:
        return [], [
            ctx.gap(
                ExamType.EMERGENCY,
                GapKind.EXAM_TYPE_NOT_LISTED,
                reason_text("%(h)s：参考资料未列应急检查", h=ctx.rule.hazard),
            )
        ]
    items = []
    for incident in incidents:
        if any(x.exam_type is ExamType.EMERGENCY and x.examined_on >= incident.occurred_on for x in ctx.exams):
            continue
        due_on = incident.occurred_on + timedelta(days=ctx.config.emergency_due_within_days)
        reason = reason_text(
            "应急检查：%(h)s，接触事件日期%(on)s",
            h=ctx.rule.hazard,
            on=incident.occurred_on.isoformat(),
        )
        items.append(ctx.item(ExamType.EMERGENCY, due_on, (reason,)))
    return items, []


def _recheck_item(ctx: HazardContext) -> HazardItem | None:
    latest = max(ctx.exams, key=lambda x: x.examined_on, default=None)
    if latest is None or latest.conclusion is not Conclusion.RECHECK:
        return None
    due_on = latest.examined_on + timedelta(days=ctx.config.recheck_interval_days)
    reason = reason_text(
        "复查：%(h)s，%(on)s检查结论为复查，间隔%(d)d日",
        h=ctx.rule.hazard,
        on=latest.examined_on.isoformat(),
        d=ctx.config.recheck_interval_days,
    )
    return ctx.item(latest.exam_type, due_on, (reason,), is_recheck=True)


def hazard_items(ctx: HazardContext) -> tuple[list[HazardItem], list[DataGap]]:
    """Every exam this hazard requires now, and the gaps the reference leaves."""
    periodic, periodic_gap = _periodic_item(ctx)
    post_exit, post_exit_gap = _post_exit_item(ctx)
    emergency, emergency_gaps = _emergency_items(ctx)
    singles = (_pre_item(ctx), periodic, _exit_item(ctx), post_exit, _recheck_item(ctx))
    items = [i for i in singles if i is not None] + emergency
    gaps = [g for g in (periodic_gap, post_exit_gap) if g is not None] + emergency_gaps
    return items, gaps
