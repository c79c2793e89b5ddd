"""Case-file review (案卷评查) scoring items and the automatic pre-checks of a penalty file.

Structure from 《浙江省一般程序行政处罚案卷评查标准(试行)》 (reference/case_review.md §1):
主体 10 and 事实 10 points are confirmed; a fatal defect deducts 100 points (automatic
fail). The points of the later categories, of each item below and the grade thresholds
are UNCONFIRMED defaults (configuration). Document list: 卫生行政执法文书规范 (卫生部令
第34号). Seed 000 item 16 and seed 001 item 7 ask for regular review of penalty files.
The pre-checks find only what the data shows; reviewers still read the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ohs.enforcement.rules.deadlines import (
    DeadlineCalendar,
    DeadlineKind,
    compute_deadline,
)
from ohs.enforcement.rules.violations import FineRange

RULE_VERSION = "enforcement.case_review/1"
FULL_SCORE_POINTS = 100
FATAL_DEDUCTION_POINTS = 100  # 评查标准(试行): 致命缺陷扣 100 分


class ReviewCategory(StrEnum):
    """Review categories in the order of the standard."""

    SUBJECT = "主体"
    FACTS = "事实"
    LAW = "法律适用"
    PROCEDURE = "程序"
    DISCRETION = "裁量"
    DOCUMENTS = "文书与归档"


@dataclass(frozen=True)
class CategoryWeight:
    """Points a category carries."""

    category: ReviewCategory
    max_points: int
    is_confirmed: bool


REVIEW_CATEGORIES = (
    CategoryWeight(ReviewCategory.SUBJECT, 10, True),
    CategoryWeight(ReviewCategory.FACTS, 10, True),
    CategoryWeight(ReviewCategory.LAW, 15, False),
    CategoryWeight(ReviewCategory.PROCEDURE, 30, False),
    CategoryWeight(ReviewCategory.DISCRETION, 15, False),
    CategoryWeight(ReviewCategory.DOCUMENTS, 20, False),
)


class CaseDocument(StrEnum):
    """Documents of a general-procedure penalty file."""

    FILING_REPORT = "立案报告"
    INSPECTION_RECORD = "现场检查笔录"
    INQUIRY_RECORD = "询问笔录"
    INVESTIGATION_REPORT = "案件调查终结报告"
    COLLEGIAL_RECORD = "合议记录"
    LEGAL_REVIEW_OPINION = "法制审核意见"
    COLLECTIVE_DISCUSSION_RECORD = "集体讨论记录"
    PRE_DECISION_NOTICE = "行政处罚事先告知书"
    HEARING_NOTICE = "听证告知书"
    HEARING_RECORD = "听证笔录"
    DECISION = "行政处罚决定书"
    SERVICE_RECEIPT = "送达回执"
    CLOSING_REPORT = "结案报告"


ALWAYS_REQUIRED = frozenset(
    {
        CaseDocument.FILING_REPORT,
        CaseDocument.INVESTIGATION_REPORT,
        CaseDocument.COLLEGIAL_RECORD,
        CaseDocument.PRE_DECISION_NOTICE,
        CaseDocument.DECISION,
        CaseDocument.SERVICE_RECEIPT,
    }
)
EVIDENCE_RECORDS = frozenset({CaseDocument.INSPECTION_RECORD, CaseDocument.INQUIRY_RECORD})


@dataclass(frozen=True)
class ReviewItem:
    """A scoring item: what is deducted for which defect, and why."""

    code: str
    category: ReviewCategory
    title_zh: str
    deduction_points: int
    is_fatal: bool
    basis: str
    is_confirmed: bool


_STD = "浙江省一般程序行政处罚案卷评查标准(试行)"
_APL = "行政处罚法"
_C = ReviewCategory
_FATAL = FATAL_DEDUCTION_POINTS


def _fatal(code: str, category: ReviewCategory, title_zh: str, basis: str, confirmed: bool) -> ReviewItem:
    return ReviewItem(code, category, title_zh, _FATAL, True, basis, confirmed)


def _minor(code: str, category: ReviewCategory, title_zh: str, points: int, basis: str) -> ReviewItem:
    return ReviewItem(code, category, title_zh, points, False, basis, False)


_ITEMS = (
    _fatal("SUBJECT_NO_AUTHORITY", _C.SUBJECT, "执法主体无处罚权或超越职权", _STD, True),
    _fatal("SUBJECT_UNCREDENTIALED", _C.SUBJECT, "执法人员未取得执法证件", f"{_STD}；{_APL}第四十二条", True),
    _fatal("SUBJECT_WRONG_PARTY", _C.SUBJECT, "处罚对象错误", _STD, True),
    ReviewItem("SUBJECT_PARTY_STATUS", _C.SUBJECT, "当事人身份、主体资格认定不当", 10, False, _STD, True),
    _minor("DOC_MISSING", _C.DOCUMENTS, "缺少必备文书", 5, "卫生部令第34号"),
    _minor("EVIDENCE_MISSING", _C.FACTS, "无现场检查笔录或询问笔录", 10, f"{_APL}第四十条"),
    _minor("PROC_NO_NOTICE", _C.PROCEDURE, "未事先告知即作出决定", 20, f"{_APL}第四十四条、第六十二条"),
    _minor("PROC_NO_LEGAL_REVIEW", _C.PROCEDURE, "应当法制审核而未审核", 20, f"{_APL}第五十八条"),
    _minor("PROC_NO_COLLECTIVE_DISCUSSION", _C.PROCEDURE, "应当集体讨论而未讨论", 10, f"{_APL}第五十七条"),
    _minor("PROC_DECISION_LATE", _C.PROCEDURE, "立案后逾期作出决定且无批准延期", 10, f"{_APL}第六十条"),
    _minor("PROC_SERVICE_LATE", _C.PROCEDURE, "决定书未在七日内送达", 5, f"{_APL}第六十一条、第八十五条"),
    _minor("PROC_HEARING_PERIOD", _C.PROCEDURE, "听证申请期限届满前作出决定", 10, f"{_APL}第六十四条"),
    _fatal("LAW_FINE_OUT_OF_RANGE", _C.LAW, "罚款超出法定幅度", f"{_APL}第七十六条第二项", False),
    _minor("DISC_FINE_OUT_OF_TIER", _C.DISCRETION, "罚款超出裁量阶次且未说明理由", 10, "浙卫发〔2024〕27号"),
)
REVIEW_ITEMS: Mapping[str, ReviewItem] = {item.code: item for item in _ITEMS}
_DOCUMENT_ITEM = {
    CaseDocument.PRE_DECISION_NOTICE: "PROC_NO_NOTICE",
    CaseDocument.COLLECTIVE_DISCUSSION_RECORD: "PROC_NO_COLLECTIVE_DISCUSSION",
}


@dataclass(frozen=True)
class ApprovedExtension:
    """An approved extension of the decision period."""

    approved_on: date
    extension_days: int
    approved_by: str


@dataclass(frozen=True)
class CaseSummary:
    """What the pre-checks need to know about one penalty file."""

    case_ref: str
    documents: frozenset[CaseDocument]
    filed_on: date
    decided_on: date | None = None
    served_on: date | None = None
    is_served_on_announcement: bool = False
    extensions: tuple[ApprovedExtension, ...] = ()
    fine_yuan: Decimal | None = None
    legal_range: FineRange | None = None
    tier_range: FineRange | None = None
    has_departure_reason: bool = False
    is_mitigated_below_minimum: bool = False
    is_legal_review_required: bool = False
    is_legal_review_done: bool = False
    is_collective_discussion_required: bool = False
    is_hearing_right_notified: bool = False
    notice_served_on: date | None = None
    is_hearing_requested: bool = False
    is_closed: bool = False
    has_credentialed_officers: bool = True


@dataclass(frozen=True)
class ReviewFinding:
    """A defect found: the item, the points deducted and the evidence."""

    item_code: str
    title_zh: str
    deducted_points: int
    is_fatal: bool
    evidence: str


class Grade(StrEnum):
    """Review grades."""

    EXCELLENT = "优秀"
    GOOD = "良好"
    QUALIFIED = "合格"
    FAIL = "不合格"


@dataclass(frozen=True)
class GradeThresholds:
    """Lowest score of each grade (common practice, unconfirmed)."""

    excellent_points: int = 90
    good_points: int = 80
    pass_points: int = 60
    is_confirmed: bool = False


@dataclass(frozen=True)
class CaseReviewResult:
    """Findings, deducted points, score and grade of the pre-check."""

    case_ref: str
    findings: tuple[ReviewFinding, ...]
    deducted_points: int
    score_points: int
    grade: Grade
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


def _finding(items: Mapping[str, ReviewItem], code: str, evidence: str) -> ReviewFinding:
    item = items[code]
    return ReviewFinding(code, item.title_zh, item.deduction_points, item.is_fatal, evidence)


def required_documents(summary: CaseSummary) -> frozenset[CaseDocument]:
    """The documents this file must contain, given its circumstances."""
    conditional = {
        CaseDocument.LEGAL_REVIEW_OPINION: summary.is_legal_review_done,
        CaseDocument.COLLECTIVE_DISCUSSION_RECORD: summary.is_collective_discussion_required,
        CaseDocument.HEARING_NOTICE: summary.is_hearing_right_notified,
        CaseDocument.HEARING_RECORD: summary.is_hearing_requested,
        CaseDocument.CLOSING_REPORT: summary.is_closed,
    }
    return ALWAYS_REQUIRED | {doc for doc, needed in conditional.items() if needed}


def _document_findings(s: CaseSummary, items: Mapping[str, ReviewItem]) -> list[ReviewFinding]:
    missing = sorted(required_documents(s) - s.documents)
    found = [_finding(items, _DOCUMENT_ITEM.get(d, "DOC_MISSING"), f"缺少{d}") for d in missing]
    if not s.documents & EVIDENCE_RECORDS:
        found.append(_finding(items, "EVIDENCE_MISSING", "卷内无现场检查笔录或询问笔录"))
    return found


def _decision_due_on(s: CaseSummary, calendar: DeadlineCalendar) -> tuple[date, list[str]]:
    due_on = compute_deadline(DeadlineKind.DECISION_AFTER_FILING, s.filed_on, calendar).due_on
    notes = []
    for ext in sorted(s.extensions, key=lambda e: e.approved_on):
        if ext.approved_on > due_on:
            notes.append(f"{ext.approved_on} 的延期批准晚于期限 {due_on}，不计")
            continue
        due_on = calendar.add_calendar_days(due_on, ext.extension_days, roll_to_workday=False)
        notes.append(f"{ext.approved_by} 于 {ext.approved_on} 批准延期 {ext.extension_days} 日")
    return due_on, notes


def _deadline_findings(
    s: CaseSummary,
    calendar: DeadlineCalendar,
    today: date,
    items: Mapping[str, ReviewItem],
) -> list[ReviewFinding]:
    found = []
    due_on, notes = _decision_due_on(s, calendar)
    decided = s.decided_on or today
    if decided > due_on:
        when = f"于 {s.decided_on} 作出决定" if s.decided_on else f"截至 {today} 未作出决定"
        evidence = "；".join([f"立案 {s.filed_on}，期限 {due_on}，{when}", *notes])
        found.append(_finding(items, "PROC_DECISION_LATE", evidence))
    if s.decided_on and not s.is_served_on_announcement:
        service_due = compute_deadline(DeadlineKind.DECISION_SERVICE, s.decided_on, calendar)
        served = s.served_on or today
        if served > service_due.due_on:
            evidence = f"决定 {s.decided_on}，送达期限 {service_due.due_on}，送达 {s.served_on or '未送达'}"
            found.append(_finding(items, "PROC_SERVICE_LATE", evidence))
    return found


def _hearing_findings(
    s: CaseSummary, calendar: DeadlineCalendar, items: Mapping[str, ReviewItem]
) -> list[ReviewFinding]:
    if not (s.is_hearing_right_notified and s.notice_served_on and s.decided_on):
        return []
    period = compute_deadline(DeadlineKind.HEARING_REQUEST, s.notice_served_on, calendar)
    if s.is_hearing_requested or s.decided_on > period.due_on:
        return []
    evidence = f"告知 {s.notice_served_on}，听证申请期至 {period.due_on}，决定 {s.decided_on}"
    return [_finding(items, "PROC_HEARING_PERIOD", evidence)]


def _fine_findings(s: CaseSummary, items: Mapping[str, ReviewItem]) -> list[ReviewFinding]:
    fine, legal, tier = s.fine_yuan, s.legal_range, s.tier_range
    if fine is None:
        return []
    if legal is not None and not legal.contains(fine):
        below_allowed = fine < legal.fine_min_yuan and s.is_mitigated_below_minimum
        if fine > legal.fine_max_yuan or not below_allowed:
            evidence = f"罚款 {fine} 元，法定幅度 {legal.fine_min_yuan}–{legal.fine_max_yuan} 元"
            return [_finding(items, "LAW_FINE_OUT_OF_RANGE", evidence)]
    if tier is not None and not tier.contains(fine) and not s.has_departure_reason:
        evidence = f"罚款 {fine} 元，裁量阶次 {tier.fine_min_yuan}–{tier.fine_max_yuan} 元"
        return [_finding(items, "DISC_FINE_OUT_OF_TIER", evidence)]
    return []


def _subject_findings(s: CaseSummary, items: Mapping[str, ReviewItem]) -> list[ReviewFinding]:
    found = []
    if not s.has_credentialed_officers:
        found.append(_finding(items, "SUBJECT_UNCREDENTIALED", "承办人员无执法证件"))
    if s.is_legal_review_required and not s.is_legal_review_done:
        found.append(_finding(items, "PROC_NO_LEGAL_REVIEW", "属应当法制审核情形，卷内未见审核"))
    return found


def grade_score(score_points: int, has_fatal: bool, thresholds: GradeThresholds) -> Grade:
    """Grade from the score; any fatal defect fails."""
    if has_fatal or score_points < thresholds.pass_points:
        return Grade.FAIL
    if score_points >= thresholds.excellent_points:
        return Grade.EXCELLENT
    return Grade.GOOD if score_points >= thresholds.good_points else Grade.QUALIFIED


def precheck_case(
    summary: CaseSummary,
    calendar: DeadlineCalendar,
    today: date,
    items: Mapping[str, ReviewItem] = REVIEW_ITEMS,
    thresholds: GradeThresholds = GradeThresholds(),
) -> CaseReviewResult:
    """Automatic pre-checks: documents, deadlines, hearing period, fine, legal review."""
    findings = (
        *_subject_findings(summary, items),
        *_document_findings(summary, items),
        *_deadline_findings(summary, calendar, today, items),
        *_hearing_findings(summary, calendar, items),
        *_fine_findings(summary, items),
    )
    deducted = min(sum(f.deducted_points for f in findings), FULL_SCORE_POINTS)
    score = FULL_SCORE_POINTS - deducted
    grade = grade_score(score, any(f.is_fatal for f in findings), thresholds)
    reasons = [f"自动预审发现 {len(findings)} 项问题，扣 {deducted} 分，得 {score} 分，{grade}"]
    if not thresholds.is_confirmed or not all(items[f.item_code].is_confirmed for f in findings):
        reasons.append("部分分值或等级线为默认配置，未经核实，以评查人员认定为准")
    return CaseReviewResult(summary.case_ref, findings, deducted, score, grade, tuple(reasons))
