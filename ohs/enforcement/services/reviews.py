"""Case-file review campaigns (案卷评查): automatic pre-checks from the case data, reviewers'
scores and comments, disputes settled by a legal discussion, published results; city audits
of counties (执法稽查) with their follow-up."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.documents import IssuedDocument
from ohs.enforcement.calendar import limit_calendar
from ohs.enforcement.choices import AuditStatus, DisputeOutcome, EvidenceKind, FindingSource, ReviewStatus
from ohs.enforcement.documents import ADVANCE_NOTICE, DECISION, FILING_APPROVAL, SERVICE_RECEIPT
from ohs.enforcement.models import Case, CaseReview, EnforcementAudit, ReviewCampaign, ReviewFinding
from ohs.enforcement.reference import violation_for
from ohs.enforcement.rules.case_review import (
    FULL_SCORE_POINTS,
    REVIEW_ITEMS,
    ApprovedExtension,
    CaseDocument,
    CaseSummary,
    GradeThresholds,
    grade_score,
    precheck_case,
)
from ohs.enforcement.rules.violations import FineRange
from ohs.enforcement.services._common import require_text, today
from ohs.geo.models import Region
from ohs.orgs.choices import Role

_DOCUMENT_OF_KIND = {
    FILING_APPROVAL: CaseDocument.FILING_REPORT,
    ADVANCE_NOTICE: CaseDocument.PRE_DECISION_NOTICE,
    DECISION: CaseDocument.DECISION,
    SERVICE_RECEIPT: CaseDocument.SERVICE_RECEIPT,
}
_DOCUMENT_OF_EVIDENCE = {
    EvidenceKind.INSPECTION_RECORD: CaseDocument.INSPECTION_RECORD,
    EvidenceKind.INQUIRY_RECORD: CaseDocument.INQUIRY_RECORD,
}
_REVIEWING_LEVELS = ("province", "city")


def _documents(case: Case, issued: set[str], evidence: set[str]) -> frozenset[CaseDocument]:
    docs = {_DOCUMENT_OF_KIND[k] for k in issued if k in _DOCUMENT_OF_KIND}
    docs |= {_DOCUMENT_OF_EVIDENCE[EvidenceKind(k)] for k in evidence if k in _DOCUMENT_OF_EVIDENCE}
    present = {
        CaseDocument.INVESTIGATION_REPORT: bool(case.proposal_reasons),  # the investigation's conclusion
        CaseDocument.COLLEGIAL_RECORD: case.collegial_on is not None,
        CaseDocument.LEGAL_REVIEW_OPINION: case.legal_review_on is not None,
        CaseDocument.COLLECTIVE_DISCUSSION_RECORD: case.collective_on is not None,
        CaseDocument.HEARING_NOTICE: case.hearing_request_due_on is not None and ADVANCE_NOTICE in issued,
        CaseDocument.HEARING_RECORD: case.hearing_held_on is not None,
        CaseDocument.CLOSING_REPORT: case.closed_on is not None,
    }
    return frozenset(docs | {d for d, ok in present.items() if ok})


def case_summary(case: Case) -> CaseSummary:
    """What the data of one case shows, for the pre-checks."""
    issued = set(
        IssuedDocument.objects.filter(subject_type="enforcement.case", subject_id=str(case.pk)).values_list(
            "kind", flat=True
        )
    )
    evidence = set(case.evidence.values_list("kind", flat=True))
    legal = violation_for(case.article).legal_range if case.article else None
    tier = (
        FineRange(case.tier_min_yuan, case.tier_max_yuan)
        if case.tier_min_yuan is not None and case.tier_max_yuan is not None
        else None
    )
    extensions = (
        (ApprovedExtension(case.extension_approved_on, case.extension_days, case.extension_approved_by),)
        if case.extension_days and case.extension_approved_on
        else ()
    )
    return CaseSummary(
        case_ref=case.ref,
        documents=_documents(case, issued, evidence),
        filed_on=case.filed_on or case.created_at.date(),
        decided_on=case.decided_on,
        served_on=case.served_on,
        extensions=extensions,
        fine_yuan=case.fine_yuan,
        legal_range=legal,
        tier_range=tier,
        has_departure_reason=bool(case.departure_reason),
        is_legal_review_required=case.legal_review_required,
        is_legal_review_done=case.legal_review_on is not None,
        is_collective_discussion_required=case.collective_required,
        is_hearing_right_notified=case.hearing_request_due_on is not None,
        notice_served_on=case.notice_served_on,
        is_hearing_requested=case.hearing_requested_on is not None,
        is_closed=case.closed_on is not None,
        has_credentialed_officers=all(o.certificate_number for o in case.officers.all()),
    )


def _rescore(review: CaseReview) -> None:
    counted = [f for f in ReviewFinding.objects.filter(review=review) if f.counts]  # not a stale prefetch
    deducted = min(sum(f.deducted_points for f in counted), FULL_SCORE_POINTS)
    review.score_points = FULL_SCORE_POINTS - deducted
    review.grade = grade_score(review.score_points, any(f.is_fatal for f in counted), GradeThresholds())
    review.save(update_fields=["score_points", "grade"])


def start_campaign(*, actor: Actor, name: str, decided_from: dt.date, decided_to: dt.date) -> ReviewCampaign:
    """A province or a city reviews the penalty files decided in a period in its area; the
    pre-checks fill in what the data shows."""
    region = Region.objects.filter(pk=actor.region_code).first()
    if (
        actor.role != Role.REGULATOR
        or actor.organisation_id is None
        or region is None
        or region.level not in _REVIEWING_LEVELS
    ):
        raise DomainError(ErrorCode.FORBIDDEN, _("review campaigns are run by the province or a city"), field="region")
    if decided_to < decided_from:
        raise DomainError(ErrorCode.INVALID, _("the period ends before it starts"), field="decided_to")
    span = region.span
    cases = Case.objects.filter(
        county_id__gte=span.lo,
        county_id__lt=span.hi,
        decided_on__range=(decided_from, decided_to),
        no_penalty_item="",
    ).prefetch_related("officers")
    with transaction.atomic():
        campaign = ReviewCampaign.objects.create(
            name=require_text(name, "name", _("the name")),
            region=region,
            organiser_id=actor.organisation_id,
            decided_from=decided_from,
            decided_to=decided_to,
        )
        audit.record_created(actor, campaign)
        for case in cases:
            _precheck(campaign, case)
        emit("enforcement.campaign.started", {"id": campaign.pk, "region": region.pk})
    return campaign


def _precheck(campaign: ReviewCampaign, case: Case) -> CaseReview:
    result = precheck_case(case_summary(case), limit_calendar(), today())
    review = CaseReview.objects.create(
        campaign=campaign, case=case, score_points=result.score_points, grade=result.grade
    )
    ReviewFinding.objects.bulk_create(
        ReviewFinding(
            review=review,
            item_code=f.item_code,
            title=f.title_zh,
            deducted_points=f.deducted_points,
            is_fatal=f.is_fatal,
            evidence=f.evidence,
            source=FindingSource.PRECHECK,
        )
        for f in result.findings
    )
    return review


def _open(review: CaseReview) -> None:
    if review.campaign.status != ReviewStatus.OPEN:
        raise DomainError(ErrorCode.CONFLICT, _("the campaign's results are published"), field="status")


def add_reviewer_finding(*, actor: Actor, review: CaseReview, item_code: str, evidence: str) -> ReviewFinding:
    _open(review)
    item = REVIEW_ITEMS.get(item_code)
    if item is None:
        raise DomainError(
            ErrorCode.INVALID, _("unknown scoring item %(item_code)s") % {"item_code": item_code}, field="item_code"
        )
    with transaction.atomic():
        finding = ReviewFinding.objects.create(
            review=review,
            item_code=item.code,
            title=item.title_zh,
            deducted_points=item.deduction_points,
            is_fatal=item.is_fatal,
            evidence=require_text(evidence, "evidence", _("what the reviewer found")),
            source=FindingSource.REVIEWER,
        )
        review.reviewer_label = actor.label
        review.save(update_fields=["reviewer_label"])
        _rescore(review)
        audit.record_created(actor, finding)
        emit("enforcement.review.scored", {"id": review.pk, "score": review.score_points})
    return finding


def comment_review(*, actor: Actor, review: CaseReview, comment: str) -> CaseReview:
    _open(review)
    before = audit.snapshot(review, ["comment", "reviewer_label"])
    with transaction.atomic():
        review.comment = require_text(comment, "comment", _("the comment"))
        review.reviewer_label = actor.label
        review.save(update_fields=["comment", "reviewer_label"])
        audit.record_updated(actor, review, before)
    return review


def dispute_finding(*, actor: Actor, finding: ReviewFinding, reason: str) -> ReviewFinding:
    """The reviewed body disputes an item; it goes to a legal discussion."""
    _open(finding.review)
    if finding.dispute:
        raise DomainError(ErrorCode.CONFLICT, _("this item is already disputed"), field="reason")
    before = audit.snapshot(finding, ["dispute", "dispute_reason"])
    with transaction.atomic():
        finding.dispute = DisputeOutcome.PENDING
        finding.dispute_reason = require_text(reason, "reason", _("why the item is disputed"))
        finding.save(update_fields=["dispute", "dispute_reason"])
        audit.record_updated(actor, finding, before)
        emit("enforcement.finding.disputed", {"id": finding.pk})
    return finding


def settle_dispute(*, actor: Actor, finding: ReviewFinding, outcome: str, record: str) -> ReviewFinding:
    """The legal discussion's outcome corrects the score."""
    if finding.dispute != DisputeOutcome.PENDING:
        raise DomainError(ErrorCode.CONFLICT, _("this item is not awaiting a legal discussion"), field="outcome")
    if outcome not in (DisputeOutcome.UPHELD, DisputeOutcome.WITHDRAWN):
        raise DomainError(ErrorCode.INVALID, _("unknown outcome %(outcome)s") % {"outcome": outcome}, field="outcome")
    before = audit.snapshot(finding, ["dispute", "discussion_record"])
    with transaction.atomic():
        finding.dispute = outcome
        finding.discussion_record = require_text(record, "record", _("the discussion record"))
        finding.save(update_fields=["dispute", "discussion_record"])
        _rescore(finding.review)
        audit.record_updated(actor, finding, before)
        emit("enforcement.finding.settled", {"id": finding.pk, "outcome": outcome})
    return finding


def publish_campaign(*, actor: Actor, campaign: ReviewCampaign) -> ReviewCampaign:
    if campaign.reviews.filter(findings__dispute=DisputeOutcome.PENDING).exists():
        raise DomainError(ErrorCode.CONFLICT, _("settle every disputed item first"), field="status")
    before = audit.snapshot(campaign, ["status", "published_at"])
    with transaction.atomic():
        campaign.status = ReviewStatus.PUBLISHED
        campaign.published_at = timezone.now()
        campaign.save(update_fields=["status", "published_at"])
        audit.record_updated(actor, campaign, before)
        emit("enforcement.campaign.published", {"id": campaign.pk})
    return campaign


def start_audit(*, actor: Actor, county: Region, findings: str, follow_up_due_on: dt.date) -> EnforcementAudit:
    """执法稽查: a city audits one of its counties."""
    if actor.role != Role.REGULATOR or actor.organisation_id is None or county.parent_id != actor.region_code:
        raise DomainError(ErrorCode.FORBIDDEN, _("a city audits its own counties"), field="county")
    if follow_up_due_on < today():
        raise DomainError(ErrorCode.INVALID, _("the follow-up date is in the past"), field="follow_up_due_on")
    with transaction.atomic():
        row = EnforcementAudit.objects.create(
            county=county,
            auditor_id=actor.organisation_id,
            audited_on=today(),
            findings=require_text(findings, "findings", _("the findings")),
            follow_up_due_on=follow_up_due_on,
        )
        audit.record_created(actor, row)
        emit("enforcement.audit.recorded", {"id": row.pk, "county": county.pk})
    return row


def record_follow_up(*, actor: Actor, audit_row: EnforcementAudit, follow_up: str) -> EnforcementAudit:
    before = audit.snapshot(audit_row, ["follow_up", "status"])
    with transaction.atomic():
        audit_row.follow_up = require_text(follow_up, "follow_up", _("the follow-up"))
        audit_row.status = AuditStatus.FOLLOWED_UP
        audit_row.save(update_fields=["follow_up", "status"])
        audit.record_updated(actor, audit_row, before)
        emit("enforcement.audit.followed_up", {"id": audit_row.pk})
    return audit_row
