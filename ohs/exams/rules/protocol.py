"""GBZ 188 occupational health surveillance schedule for one worker (pure).

Exam types and periods come from the edition's rule set, parsed from
reference/surveillance_gbz188.csv by `schedule_rules_from_rows`; windows and intervals the
reference leaves open come from `ScheduleConfig`. Where the reference has no value (an
edition without rows, a hazard without a stated period) the schedule reports a `DataGap`
instead of inventing one. Every due exam carries its edition, rule version, confidence and
reasons.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from ohs.exams.rules.protocol_hazard import HazardItem, build_context, hazard_items
from ohs.exams.rules.protocol_periods import PeriodChoice, add_months, choose_period
from ohs.exams.rules.protocol_rows import schedule_rules_from_rows
from ohs.exams.rules.protocol_types import (
    DataGap,
    DueExam,
    ExamType,
    GapKind,
    Schedule,
    ScheduleConfig,
    ScheduleRuleSet,
    WorkerSurveillance,
)
from ohs.exams.rules.provenance import Confidence, reason_text, weakest_confidence

__all__ = [
    "PeriodChoice",
    "add_months",
    "choose_period",
    "compute_schedule",
    "schedule_rules_from_rows",
]


def _merge_key(item: HazardItem) -> tuple[ExamType, bool, date | None]:
    # One periodic and one follow-up exam per worker covers every hazard (shortest period);
    # other types are tied to their event date.
    merged = item.exam_type in (ExamType.PERIODIC, ExamType.POST_EXIT) and not item.is_recheck
    return item.exam_type, item.is_recheck, None if merged else item.due_on


def _union(groups: Iterable[Sequence[str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for group in groups for value in group))


def _merge_reasons(
    group: list[HazardItem], due_on: date, confidence: Confidence, has_core_items: bool
) -> tuple[str, ...]:
    reasons = list(_union(i.reasons for i in group))
    hazard_count = len({i.hazard for i in group})
    if hazard_count > 1:
        template = "%(n)d个危害因素合并为一次检查，取最早应检日期%(on)s"
        reasons.append(reason_text(template, n=hazard_count, on=due_on.isoformat()))
    if not confidence.is_confirmed:
        template = "部分依据为%(c)s级参考值，未经标准原文核实，请核对"
        reasons.append(reason_text(template, c=confidence.value))
    if not has_core_items:
        reasons.append("参考资料未列核心检查项目")
    return tuple(reasons)


def _merge_group(group: list[HazardItem], rules: ScheduleRuleSet, today: date) -> DueExam:
    hazards = _union([[i.hazard] for i in group])
    target_diseases, contraindications, core_items = rules.exam_facts(hazards)
    due_on = min(i.due_on for i in group)
    confidence = weakest_confidence(i.confidence for i in group)
    return DueExam(
        exam_type=group[0].exam_type,
        due_on=due_on,
        is_overdue=today > due_on,
        is_recheck=group[0].is_recheck,
        hazards=hazards,
        period_months=min(
            (i.period_months for i in group if i.period_months is not None),
            default=None,
        ),
        target_diseases=target_diseases,
        contraindications=contraindications,
        core_items=core_items,
        confidence=confidence,
        edition=rules.edition,
        rule_version=rules.rule_version,
        reasons=_merge_reasons(group, due_on, confidence, bool(core_items)),
    )


def _merge(items: list[HazardItem], rules: ScheduleRuleSet, today: date) -> tuple[DueExam, ...]:
    groups: dict[tuple[ExamType, bool, date | None], list[HazardItem]] = {}
    for item in items:
        groups.setdefault(_merge_key(item), []).append(item)
    merged = (_merge_group(group, rules, today) for group in groups.values())
    return tuple(sorted(merged, key=lambda d: (d.due_on, d.exam_type.value, d.is_recheck)))


def _check_inputs(worker: WorkerSurveillance, config: ScheduleConfig) -> None:
    hazards = [e.hazard for e in worker.exposures]
    if len(set(hazards)) != len(hazards):
        raise ValueError("each hazard must appear once in a worker's exposures")
    if (
        min(
            config.recheck_interval_days,
            config.exit_exam_window_days,
            config.periodic_counts_as_exit_days,
            config.emergency_due_within_days,
        )
        < 0
    ):
        raise ValueError("schedule windows and intervals cannot be negative")


def _edition_missing(worker: WorkerSurveillance, rules: ScheduleRuleSet, today: date) -> Schedule:
    reason = reason_text(
        "参考资料中没有%(ed)s的数据，无法计算检查计划（不推测数值）",
        ed=rules.edition.value,
    )
    gaps = tuple(DataGap(e.hazard, None, GapKind.EDITION_DATA_MISSING, rules.edition, reason) for e in worker.exposures)
    return Schedule(rules.edition, rules.rule_version, today, (), gaps, True, (reason,))


def _collect(
    worker: WorkerSurveillance,
    rules: ScheduleRuleSet,
    config: ScheduleConfig,
    today: date,
) -> tuple[list[HazardItem], list[DataGap]]:
    items: list[HazardItem] = []
    gaps: list[DataGap] = []
    for exposure in worker.exposures:
        rule = rules.rule_for(exposure.hazard)
        if rule is None:
            reason = reason_text("%(h)s：参考资料未收录该危害因素", h=exposure.hazard)
            kind = GapKind.HAZARD_NOT_IN_REFERENCE
            gaps.append(DataGap(exposure.hazard, None, kind, rules.edition, reason))
            continue
        context = build_context(rule, exposure, worker, config, today)
        found_items, found_gaps = hazard_items(context)
        items += found_items
        gaps += found_gaps
    return items, gaps


def compute_schedule(
    worker: WorkerSurveillance,
    rules: ScheduleRuleSet,
    config: ScheduleConfig,
    today: date,
) -> Schedule:
    """The exams a worker needs as of `today` under one edition's rules, merged across hazards."""
    _check_inputs(worker, config)
    if rules.is_edition_data_missing:
        return _edition_missing(worker, rules, today)
    items, gaps = _collect(worker, rules, config, today)
    reason = reason_text("依据%(ed)s（%(v)s）", ed=rules.edition.value, v=rules.rule_version)
    due = _merge(items, rules, today)
    return Schedule(rules.edition, rules.rule_version, today, due, tuple(gaps), False, (reason,))
