"""GBZ 188 schedule: employment events, rechecks, post-exit follow-up and reference gaps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ohs.exams.rules.conclusions import Conclusion
from ohs.exams.rules.protocol import choose_period, compute_schedule
from ohs.exams.rules.protocol_types import (
    DueExam,
    EmploymentEvent,
    EventKind,
    ExamRecord,
    ExamType,
    GapKind,
    HazardExposure,
    Schedule,
    WorkerSurveillance,
)
from ohs.exams.rules.provenance import Confidence
from ohs.exams.tests.test_rules_protocol import (
    BENZENE,
    COAL,
    CONFIG,
    NOISE,
    RULES,
    SILICA,
)

START = date(2024, 3, 1)
ASBESTOS = "石棉"


def exam(
    on: date,
    kind: ExamType,
    *hazards: str,
    conclusion: Conclusion = Conclusion.NO_ABNORMALITY,
) -> ExamRecord:
    """An exam covering the given hazards."""
    return ExamRecord(on, kind, frozenset(hazards), conclusion)


def event(kind: EventKind, on: date, *hazards: str) -> EmploymentEvent:
    """An employment event; no hazards means all of the worker's hazards."""
    return EmploymentEvent(kind, on, frozenset(hazards))


def schedule_for(
    exposures: tuple[HazardExposure, ...],
    events: tuple[EmploymentEvent, ...] = (),
    exams: tuple[ExamRecord, ...] = (),
    today: date = date(2024, 6, 1),
) -> Schedule:
    """The schedule for a worker under the 2014 rules."""
    return compute_schedule(WorkerSurveillance(exposures, events, exams), RULES, CONFIG, today)


def of_type(schedule: Schedule, kind: ExamType) -> list[DueExam]:
    """Due exams of one type."""
    return [d for d in schedule.due if d.exam_type is kind]


def test_pre_employment_due_on_start_and_overdue_after() -> None:
    start = event(EventKind.START_ON_POST, START, BENZENE)
    planned = schedule_for((HazardExposure(BENZENE),), (start,), today=date(2024, 2, 20))
    (pre,) = of_type(planned, ExamType.PRE)
    assert (pre.due_on, pre.is_overdue) == (START, False)
    assert "blood disorders (low WBC/neutrophils/platelets)" in pre.contraindications
    late = schedule_for((HazardExposure(BENZENE),), (start,), today=date(2024, 3, 2))
    assert of_type(late, ExamType.PRE)[0].is_overdue


def test_pre_employment_done_then_periodic_counts_from_it() -> None:
    start = event(EventKind.START_ON_POST, START, BENZENE)
    done = exam(date(2024, 2, 25), ExamType.PRE, BENZENE)
    schedule = schedule_for((HazardExposure(BENZENE),), (start,), (done,))
    assert of_type(schedule, ExamType.PRE) == []
    assert [d.due_on for d in of_type(schedule, ExamType.PERIODIC)] == [date(2025, 2, 25)]


def test_pre_employment_from_an_earlier_stint_does_not_count() -> None:
    events = (
        event(EventKind.START_ON_POST, date(2020, 1, 1), BENZENE),
        event(EventKind.LEAVE_POST, date(2021, 1, 1), BENZENE),
        event(EventKind.START_ON_POST, START, BENZENE),
    )
    old = exam(date(2019, 12, 20), ExamType.PRE, BENZENE)
    schedule = schedule_for((HazardExposure(BENZENE),), events, (old,))
    assert [d.due_on for d in of_type(schedule, ExamType.PRE)] == [START]


def test_exit_exam_due_on_leaving_date() -> None:
    events = (
        event(EventKind.START_ON_POST, START),
        event(EventKind.LEAVE_POST, date(2024, 9, 30)),
    )
    exams = (exam(date(2024, 2, 20), ExamType.PRE, NOISE),)
    schedule = schedule_for((HazardExposure(NOISE, lex_8h_dba=Decimal(90)),), events, exams)
    assert [(d.exam_type, d.due_on) for d in schedule.due] == [(ExamType.EXIT, date(2024, 9, 30))]


def test_exit_exam_satisfied_by_periodic_within_window_from_notes() -> None:
    leave = date(2024, 9, 30)
    events = (event(EventKind.START_ON_POST, START), event(EventKind.LEAVE_POST, leave))
    recent = exam(date(2024, 7, 10), ExamType.PERIODIC, NOISE)  # 82 days before leaving
    schedule = schedule_for((HazardExposure(NOISE),), events, (recent,), today=date(2024, 10, 5))
    assert of_type(schedule, ExamType.EXIT) == []
    too_old = exam(date(2024, 6, 1), ExamType.PERIODIC, NOISE)  # 121 days before
    schedule = schedule_for((HazardExposure(NOISE),), events, (too_old,), today=date(2024, 10, 5))
    (exit_exam,) = of_type(schedule, ExamType.EXIT)
    assert exit_exam.is_overdue


def test_exit_not_listed_for_dichloroethane_gives_no_exit_exam() -> None:
    hazard = "1,2-二氯乙烷"
    events = (
        event(EventKind.START_ON_POST, START),
        event(EventKind.LEAVE_POST, date(2024, 5, 1)),
    )
    schedule = schedule_for((HazardExposure(hazard),), events, (exam(START, ExamType.PRE, hazard),))
    assert schedule.due == () and schedule.gaps == ()


def test_emergency_exam_after_incident_until_done() -> None:
    incident = event(EventKind.EXPOSURE_INCIDENT, date(2024, 5, 10), "氯气")
    exposure = (HazardExposure("氯气"),)
    schedule = schedule_for(exposure, (incident,), today=date(2024, 5, 10))
    (emergency,) = of_type(schedule, ExamType.EMERGENCY)
    assert emergency.due_on == date(2024, 5, 11)
    assert "acute chlorine poisoning" in emergency.target_diseases
    done = exam(date(2024, 5, 11), ExamType.EMERGENCY, "氯气")
    assert of_type(schedule_for(exposure, (incident,), (done,)), ExamType.EMERGENCY) == []


def test_incident_for_hazard_without_emergency_exam_is_a_gap() -> None:
    incident = event(EventKind.EXPOSURE_INCIDENT, date(2024, 5, 10), NOISE)
    schedule = schedule_for((HazardExposure(NOISE, lex_8h_dba=Decimal(86)),), (incident,))
    assert of_type(schedule, ExamType.EMERGENCY) == []
    assert [g.kind for g in schedule.gaps] == [GapKind.EXAM_TYPE_NOT_LISTED]


def test_recheck_conclusion_schedules_recheck_at_configured_interval() -> None:
    flagged = exam(date(2024, 5, 2), ExamType.PERIODIC, BENZENE, conclusion=Conclusion.RECHECK)
    schedule = schedule_for((HazardExposure(BENZENE),), exams=(flagged,))
    (recheck,) = [d for d in schedule.due if d.is_recheck]
    assert (recheck.exam_type, recheck.due_on) == (ExamType.PERIODIC, date(2024, 6, 1))
    cleared = exam(date(2024, 5, 28), ExamType.PERIODIC, BENZENE)
    schedule = schedule_for((HazardExposure(BENZENE),), exams=(flagged, cleared))
    assert [d for d in schedule.due if d.is_recheck] == []


def test_silica_post_exit_follow_up_every_three_years_within_duration() -> None:
    leave = date(2020, 6, 30)
    events = (
        event(EventKind.START_ON_POST, date(2012, 1, 1)),
        event(EventKind.LEAVE_POST, leave),
    )
    exams = (exam(date(2020, 6, 20), ExamType.EXIT, SILICA),)
    short = HazardExposure(SILICA, exposure_years=Decimal("8.5"))
    (follow_up,) = of_type(schedule_for((short,), events, exams), ExamType.POST_EXIT)
    assert (follow_up.due_on, follow_up.period_months) == (date(2023, 6, 20), 36)
    assert follow_up.confidence is Confidence.C and follow_up.rests_on_unconfirmed
    # <=10 exposure years: followed 10 years after leaving, so nothing after mid-2030.
    last = exam(date(2029, 6, 1), ExamType.POST_EXIT, SILICA)
    assert of_type(schedule_for((short,), events, (*exams, last)), ExamType.POST_EXIT) == []
    long = HazardExposure(SILICA, exposure_years=Decimal(12))
    assert of_type(schedule_for((long,), events, (*exams, last)), ExamType.POST_EXIT)


def test_coal_post_exit_without_period_is_a_gap() -> None:
    events = (
        event(EventKind.START_ON_POST, date(2012, 1, 1)),
        event(EventKind.LEAVE_POST, START),
    )
    exams = (exam(date(2024, 2, 20), ExamType.EXIT, COAL),)
    schedule = schedule_for((HazardExposure(COAL, work_grade=2),), events, exams)
    assert [(g.exam_type, g.kind) for g in schedule.gaps] == [(ExamType.POST_EXIT, GapKind.PERIOD_NOT_IN_REFERENCE)]


def test_asbestos_has_pre_employment_but_periodic_is_a_gap() -> None:
    start = event(EventKind.START_ON_POST, START, ASBESTOS)
    schedule = schedule_for((HazardExposure(ASBESTOS),), (start,))
    (pre,) = schedule.due
    assert pre.exam_type is ExamType.PRE and pre.confidence is Confidence.C
    assert [g.kind for g in schedule.gaps] == [GapKind.PERIOD_NOT_IN_REFERENCE]


def test_hazard_not_in_reference_is_a_gap() -> None:
    schedule = schedule_for((HazardExposure("噪声（脉冲）"),))
    assert [g.kind for g in schedule.gaps] == [GapKind.HAZARD_NOT_IN_REFERENCE]


def test_noise_below_80_dba_has_no_band_and_missing_level_uses_shortest() -> None:
    noise = RULES.rule_for(NOISE)
    assert noise is not None
    quiet = choose_period(noise.periodic, HazardExposure(NOISE, lex_8h_dba=Decimal("79.9")))
    assert (quiet.period_months, quiet.gap) == (None, GapKind.NO_BAND_FOR_EXPOSURE)
    unknown = choose_period(noise.periodic, HazardExposure(NOISE))
    assert unknown.period_months == 12 and "L_EX,8h" in unknown.reason
    edge = choose_period(noise.periodic, HazardExposure(NOISE, lex_8h_dba=Decimal(85)))
    assert edge.period_months == 12


def test_merged_periodic_noise_and_benzene_takes_benzene_year() -> None:
    exams = (exam(date(2024, 1, 5), ExamType.PERIODIC, NOISE, BENZENE),)
    exposures = (HazardExposure(NOISE, lex_8h_dba=Decimal(82)), HazardExposure(BENZENE))
    (periodic,) = schedule_for(exposures, exams=exams).due
    assert (periodic.due_on, periodic.period_months) == (date(2025, 1, 5), 12)
    assert periodic.hazards == (NOISE, BENZENE)
    assert "occupational noise-induced deafness" in periodic.target_diseases
    assert "chronic benzene poisoning" in periodic.target_diseases


def test_core_items_come_from_reference_rows() -> None:
    exposure = (HazardExposure("砷", work_grade=2),)
    (periodic,) = schedule_for(exposure, exams=(exam(date(2024, 1, 5), ExamType.PERIODIC, "砷"),)).due
    assert periodic.core_items == ("肝功能：每半年一次（据来源页面）",)


def test_heat_periodic_reason_says_before_hot_season() -> None:
    (periodic,) = schedule_for(
        (HazardExposure("高温"),),
        exams=(exam(date(2024, 5, 1), ExamType.PERIODIC, "高温"),),
    ).due
    assert periodic.confidence is Confidence.B
    assert any("高温季节前" in reason for reason in periodic.reasons)


def test_planned_leaving_keeps_periodic_due_before_it() -> None:
    events = (
        event(EventKind.START_ON_POST, START),
        event(EventKind.LEAVE_POST, date(2025, 9, 30)),
    )
    exams = (exam(date(2024, 2, 20), ExamType.PRE, BENZENE),)
    schedule = schedule_for((HazardExposure(BENZENE),), events, exams)
    assert [(d.exam_type, d.due_on) for d in schedule.due] == [
        (ExamType.PERIODIC, date(2025, 2, 20)),
        (ExamType.EXIT, date(2025, 9, 30)),
    ]


def test_work_grade_bands_missing_grade_uses_shorter_and_grade_0_is_a_gap() -> None:
    coal = RULES.rule_for(COAL)
    assert coal is not None
    unknown = choose_period(coal.periodic, HazardExposure(COAL))
    assert unknown.period_months == 24 and "作业分级" in unknown.reason
    grade_0 = choose_period(coal.periodic, HazardExposure(COAL, work_grade=0))
    assert grade_0.gap is GapKind.NO_BAND_FOR_EXPOSURE


def test_invalid_inputs_are_rejected() -> None:
    twice = (HazardExposure(BENZENE), HazardExposure(BENZENE))
    with pytest.raises(ValueError, match="once"):
        schedule_for(twice)
    with pytest.raises(ValueError, match="negative"):
        compute_schedule(
            WorkerSurveillance((HazardExposure(BENZENE),)),
            RULES,
            replace(CONFIG, recheck_interval_days=-1),
            date(2024, 6, 1),
        )
