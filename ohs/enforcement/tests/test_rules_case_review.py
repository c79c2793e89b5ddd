"""Case-file review pre-checks (reference/case_review.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.enforcement.rules.case_review import (
    ALWAYS_REQUIRED,
    FATAL_DEDUCTION_POINTS,
    FULL_SCORE_POINTS,
    REVIEW_CATEGORIES,
    REVIEW_ITEMS,
    ApprovedExtension,
    CaseDocument,
    CaseSummary,
    Grade,
    ReviewCategory,
    precheck_case,
)
from ohs.enforcement.rules.violations import FineRange
from ohs.enforcement.tests.test_rules_deadlines import FakeCalendar

CALENDAR = FakeCalendar()
TODAY = date(2025, 12, 31)
# ODPL Art.72: 50 000-200 000; 一般 tier 95 000-155 000 under the default benchmark.
GOOD_CASE = CaseSummary(
    case_ref="杭卫罚〔2025〕1号",
    documents=ALWAYS_REQUIRED | {CaseDocument.INSPECTION_RECORD, CaseDocument.CLOSING_REPORT},
    filed_on=date(2025, 3, 3),
    decided_on=date(2025, 5, 6),
    served_on=date(2025, 5, 8),
    fine_yuan=Decimal(125000),
    legal_range=FineRange(Decimal(50000), Decimal(200000)),
    tier_range=FineRange(Decimal(95000), Decimal(155000)),
    is_closed=True,
)


def _codes(summary: CaseSummary) -> set[str]:
    return {f.item_code for f in precheck_case(summary, CALENDAR, TODAY).findings}


def test_review_items_data_matches_the_standard() -> None:
    weights = {w.category: w for w in REVIEW_CATEGORIES}
    assert sum(w.max_points for w in REVIEW_CATEGORIES) == FULL_SCORE_POINTS
    assert weights[ReviewCategory.SUBJECT].is_confirmed
    assert weights[ReviewCategory.FACTS].is_confirmed
    fatal = [i for i in REVIEW_ITEMS.values() if i.is_fatal]
    assert fatal and all(i.deduction_points == FATAL_DEDUCTION_POINTS for i in fatal)


def test_precheck_case_complete_timely_file_scores_full() -> None:
    result = precheck_case(GOOD_CASE, CALENDAR, TODAY)
    assert (result.findings, result.score_points, result.grade) == (
        (),
        100,
        Grade.EXCELLENT,
    )
    assert result.rule_version


def test_precheck_case_missing_notice_and_receipt_found() -> None:
    documents = GOOD_CASE.documents - {
        CaseDocument.PRE_DECISION_NOTICE,
        CaseDocument.SERVICE_RECEIPT,
    }
    result = precheck_case(replace(GOOD_CASE, documents=documents), CALENDAR, TODAY)
    by_code = {f.item_code: f for f in result.findings}
    assert set(by_code) == {
        "PROC_NO_NOTICE",
        "DOC_MISSING",
    }  # APL Art.62; 卫生部令第34号
    assert "送达回执" in by_code["DOC_MISSING"].evidence


def test_precheck_case_without_evidence_records_found() -> None:
    documents = GOOD_CASE.documents - {CaseDocument.INSPECTION_RECORD}
    assert _codes(replace(GOOD_CASE, documents=documents)) == {"EVIDENCE_MISSING"}


def test_precheck_case_decision_after_90_days_found() -> None:
    # APL Art.60: filed 3 March 2025 -> decide by 1 June 2025.
    late = replace(GOOD_CASE, decided_on=date(2025, 6, 2), served_on=date(2025, 6, 3))
    result = precheck_case(late, CALENDAR, TODAY)
    assert [f.item_code for f in result.findings] == ["PROC_DECISION_LATE"]
    assert "2025-06-01" in result.findings[0].evidence


def test_precheck_case_decision_late_but_extension_approved_in_time_passes() -> None:
    extension = ApprovedExtension(date(2025, 5, 30), 30, "局负责人")
    late = replace(
        GOOD_CASE,
        decided_on=date(2025, 6, 2),
        served_on=date(2025, 6, 3),
        extensions=(extension,),
    )
    assert _codes(late) == set()


def test_precheck_case_extension_approved_after_deadline_does_not_count() -> None:
    extension = ApprovedExtension(date(2025, 6, 2), 30, "局负责人")
    late = replace(
        GOOD_CASE,
        decided_on=date(2025, 6, 10),
        served_on=date(2025, 6, 11),
        extensions=(extension,),
    )
    result = precheck_case(late, CALENDAR, TODAY)
    assert "不计" in result.findings[0].evidence


def test_precheck_case_undecided_past_deadline_found() -> None:
    open_case = replace(GOOD_CASE, decided_on=None, served_on=None, is_closed=False)
    assert "PROC_DECISION_LATE" in _codes(open_case)


def test_precheck_case_service_after_seven_working_days_found() -> None:
    # APL Art.61 + Art.85: decided Tuesday 6 May 2025 -> serve by Thursday 15 May.
    assert _codes(replace(GOOD_CASE, served_on=date(2025, 5, 16))) == {"PROC_SERVICE_LATE"}
    assert _codes(replace(GOOD_CASE, served_on=date(2025, 5, 15))) == set()


def test_precheck_case_decided_within_hearing_request_period_found() -> None:
    # APL Art.64: notice Monday 28 April -> request period to Monday 5 May.
    notified = replace(
        GOOD_CASE,
        documents=GOOD_CASE.documents | {CaseDocument.HEARING_NOTICE},
        is_hearing_right_notified=True,
        notice_served_on=date(2025, 4, 28),
        decided_on=date(2025, 5, 5),
    )
    assert _codes(notified) == {"PROC_HEARING_PERIOD"}
    assert _codes(replace(notified, decided_on=date(2025, 5, 6))) == set()


def test_precheck_case_fine_outside_tier_without_reason_found() -> None:
    outside = replace(GOOD_CASE, fine_yuan=Decimal(180000))
    assert _codes(outside) == {"DISC_FINE_OUT_OF_TIER"}
    assert _codes(replace(outside, has_departure_reason=True)) == set()


def test_precheck_case_fine_above_legal_max_is_fatal() -> None:
    result = precheck_case(replace(GOOD_CASE, fine_yuan=Decimal(250000)), CALENDAR, TODAY)
    assert [f.item_code for f in result.findings] == ["LAW_FINE_OUT_OF_RANGE"]
    assert (result.score_points, result.grade) == (0, Grade.FAIL)


def test_precheck_case_fine_below_minimum_allowed_only_when_mitigated() -> None:
    below = replace(GOOD_CASE, fine_yuan=Decimal(40000), has_departure_reason=True)
    assert _codes(below) == {"LAW_FINE_OUT_OF_RANGE"}
    assert _codes(replace(below, is_mitigated_below_minimum=True)) == set()


def test_precheck_case_legal_review_required_not_done_found() -> None:
    # APL Art.58.
    assert _codes(replace(GOOD_CASE, is_legal_review_required=True)) == {"PROC_NO_LEGAL_REVIEW"}
    done = replace(GOOD_CASE, is_legal_review_required=True, is_legal_review_done=True)
    assert _codes(done) == {"DOC_MISSING"}  # 法制审核意见 not in the file


def test_precheck_case_uncredentialed_officer_fails() -> None:
    result = precheck_case(replace(GOOD_CASE, has_credentialed_officers=False), CALENDAR, TODAY)
    assert result.grade is Grade.FAIL


@pytest.mark.parametrize(
    ("changes", "score", "grade"),
    [
        ({"fine_yuan": Decimal(180000)}, 90, Grade.EXCELLENT),
        (
            {"fine_yuan": Decimal(180000), "served_on": date(2025, 5, 16)},
            85,
            Grade.GOOD,
        ),
        (
            {"fine_yuan": Decimal(180000), "is_legal_review_required": True},
            70,
            Grade.QUALIFIED,
        ),
    ],
)
def test_precheck_case_grade_follows_default_thresholds(changes: dict[str, object], score: int, grade: Grade) -> None:
    result = precheck_case(replace(GOOD_CASE, **changes), CALENDAR, TODAY)  # type: ignore[arg-type]
    assert (result.score_points, result.grade) == (score, grade)
    assert any("未经核实" in r for r in result.reasons)


@given(
    missing=st.frozensets(st.sampled_from(sorted(ALWAYS_REQUIRED))),
    fine=st.decimals(min_value=0, max_value=400_000, places=0),
    late_days=st.integers(min_value=0, max_value=200),
)
def test_precheck_case_property_score_is_full_minus_deductions(
    missing: frozenset[CaseDocument], fine: Decimal, late_days: int
) -> None:
    summary = replace(
        GOOD_CASE,
        documents=GOOD_CASE.documents - missing,
        fine_yuan=fine,
        decided_on=date(2025, 5, 6) + timedelta(days=late_days),
        served_on=None,
        is_served_on_announcement=True,
    )
    result = precheck_case(summary, CALENDAR, TODAY)
    deducted = sum(f.deducted_points for f in result.findings)
    assert result.score_points == FULL_SCORE_POINTS - min(deducted, FULL_SCORE_POINTS)
    assert all(f.evidence for f in result.findings)
    has_fatal = any(f.is_fatal for f in result.findings)
    assert (result.grade is Grade.FAIL) == (has_fatal or result.score_points < 60)
