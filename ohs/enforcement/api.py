"""Enforcement API: action codes (and their public lookup), cases step by step, deadlines,
benchmark refinements, review campaigns and audits."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from ohs.core.api import require_perm
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.models.documents import IssuedDocument
from ohs.core.querysets import Action
from ohs.enforcement import queries
from ohs.enforcement.documents import DOCUMENT_TITLES
from ohs.enforcement.models import (
    ActionCode,
    Benchmark,
    Case,
    EnforcementAudit,
    NoPenaltyItem,
    ReviewCampaign,
    ReviewFinding,
)
from ohs.enforcement.rules.violations import PROVINCE_REGION_CODE
from ohs.enforcement.schemas import (
    ActionCodeOut,
    AuditIn,
    AuditOut,
    BenchmarkIn,
    BenchmarkOut,
    CampaignDetailOut,
    CampaignIn,
    CampaignOut,
    CaseDetailOut,
    CaseIn,
    CaseOut,
    CoverageOut,
    DisputeIn,
    DueOut,
    ExtensionIn,
    FollowUpIn,
    NoPenaltyItemOut,
    PublicCodeOut,
    RefinementIn,
    RefinementOut,
    ReviewFindingIn,
    SettleIn,
    StepIn,
)
from ohs.enforcement.services import benchmarks, cases, minor, reviews
from ohs.enforcement.services.benchmarks import benchmark_in_force
from ohs.enforcement.views.steps import STEP_BY_NAME, step_form
from ohs.geo.models import Region
from ohs.registry.models import Employer

router = Router(tags=["enforcement"])


@router.get("/codes", response=list[ActionCodeOut])
@paginate(PageNumberPagination)
def list_codes(request: HttpRequest, employer_id: int | None = None) -> QuerySet[ActionCode]:
    queryset = queries.list_codes_for(require_perm(request, "enforcement.view_actioncode"))
    if employer_id:
        queryset = queryset.filter(employer_id=employer_id)
    return queryset.order_by("-pk")


@router.get("/codes/{code_id}", response=ActionCodeOut)
def get_code(request: HttpRequest, code_id: int) -> ActionCode:
    return queries.get_code_for(require_perm(request, "enforcement.view_actioncode"), code_id)


@router.get("/public/{code}", response=PublicCodeOut, auth=None)
def public_code(request: HttpRequest, code: str) -> dict[str, Any]:
    """What a scan shows anyone (no login): body, officers, basis, stage, results."""
    row = get_object_or_404(ActionCode.objects.select_related("body"), code=code.strip().upper())
    officers = [
        {"name": o.full_name or o.username, "certificate_number": o.certificate_number} for o in row.officers.all()
    ]
    return {
        "code": row.code,
        "enforcing_body": row.body.name,
        "officers": officers,
        "legal_basis": row.legal_basis,
        "stage": row.stage,
        "result": row.result,
    }


@router.get("/coverage", response=list[CoverageOut])
def coverage(request: HttpRequest) -> list[dict[str, Any]]:
    actor = require_perm(request, "enforcement.view_actioncode")
    if not (actor.is_superuser or (actor.role == "regulator" and actor.region_code == PROVINCE_REGION_CODE)):
        raise PermissionDenied("the province sees the coverage")
    return [{**r.__dict__, "percent": r.percent} for r in queries.code_coverage()]


@router.get("/cases", response=list[CaseOut])
@paginate(PageNumberPagination)
def list_cases(request: HttpRequest, status: str | None = None, employer_id: int | None = None) -> QuerySet[Case]:
    queryset = queries.list_cases_for(require_perm(request, "enforcement.view_case"))
    if status:
        queryset = queryset.filter(status=status)
    if employer_id:
        queryset = queryset.filter(employer_id=employer_id)
    return queryset.order_by("-pk")


def _detail(case: Case) -> Case:
    documents = IssuedDocument.objects.filter(subject_type="enforcement.case", subject_id=str(case.pk))
    case.steps = [s.name for s in STEP_BY_NAME.values() if case.status in s.stages]  # type: ignore[attr-defined]
    case.documents = [  # type: ignore[attr-defined]
        {
            "kind": d.kind,
            "title": DOCUMENT_TITLES.get(d.kind, d.title),
            "verification_code": d.verification_code,
            "issued_at": d.issued_at,
        }
        for d in documents.order_by("issued_at")
    ]
    return case


@router.get("/cases/{case_id}", response=CaseDetailOut)
def get_case(request: HttpRequest, case_id: int) -> Case:
    return _detail(queries.get_case_for(require_perm(request, "enforcement.view_case"), case_id))


@router.post("/cases", response={201: CaseDetailOut})
def open_case(request: HttpRequest, payload: CaseIn) -> Status[Case]:
    actor = require_perm(request, "enforcement.add_case")
    employer = Employer.objects.for_actor(actor, Action.CHANGE).filter(pk=payload.employer_id).first()
    if employer is None:
        raise Http404
    case = cases.open_case(actor=actor, employer=employer, article=payload.article, findings=payload.findings)
    return Status(201, _detail(case))


@router.post("/cases/{case_id}/steps/{name}", response=CaseDetailOut)
def take_step(request: HttpRequest, case_id: int, name: str, payload: StepIn) -> Case:
    """Take one step of the case (the names of GET /cases/{id} "steps"), with its fields."""
    step = STEP_BY_NAME.get(name)
    if step is None:
        raise Http404
    if step.by_entity:
        actor = require_perm(request, "enforcement.sign_commitment")
        case = queries.get_case_for(actor, case_id)
    else:
        actor = require_perm(request, "enforcement.change_case")
        case = queries.get_case_for(actor, case_id, Action.CHANGE)
    form = step_form(step, case, {k: "" if v is None else v for k, v in payload.data.items()}, prefixed=False)
    if not form.is_valid():
        fields = {k: [str(e) for e in v] for k, v in form.errors.items()}
        raise DomainError(ErrorCode.INVALID, _("some fields are not valid"), fields=fields)
    step.run(actor, case, dict(form.cleaned_data))
    return _detail(queries.get_case_for(actor, case_id))


@router.get("/deadlines", response=list[DueOut])
def deadlines(request: HttpRequest) -> list[dict[str, Any]]:
    actor = require_perm(request, "enforcement.view_case")
    return [
        {"case_id": i.case.pk, "ref": i.case.ref, "what": str(i.what), "due_on": i.due_on, "is_past": i.is_past}
        for i in queries.deadlines_for(actor, timezone.localdate())
    ]


@router.post("/benchmarks/refinements", response={201: RefinementOut})
def add_refinement(request: HttpRequest, payload: RefinementIn) -> Status[Any]:
    actor = require_perm(request, "enforcement.add_benchmarkrefinement")
    region = Region.objects.filter(pk=actor.region_code).first()
    if region is None:
        raise PermissionDenied("only a city or county body refines")
    row = benchmarks.add_refinement(
        actor=actor, benchmark=benchmark_in_force(timezone.localdate()), region=region, **payload.dict()
    )
    return Status(201, row)


@router.get("/campaigns", response=list[CampaignOut])
@paginate(PageNumberPagination)
def list_campaigns(request: HttpRequest) -> QuerySet[ReviewCampaign]:
    return queries.list_campaigns_for(require_perm(request, "enforcement.view_reviewcampaign")).order_by("-pk")


def _campaign(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    actor = require_perm(request, "enforcement.view_reviewcampaign")
    campaign = queries.get_campaign_for(actor, campaign_id)
    out = CampaignOut.from_orm(campaign).dict()
    out["reviews"] = [
        {
            "id": r.pk,
            "case_id": r.case_id,
            "score_points": r.score_points,
            "grade": r.grade,
            "comment": r.comment,
            "findings": list(r.findings.all()),
        }
        for r in queries.reviews_of(actor, campaign)
    ]
    return out


@router.get("/campaigns/{campaign_id}", response=CampaignDetailOut)
def get_campaign(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    return _campaign(request, campaign_id)


@router.post("/campaigns", response={201: CampaignDetailOut})
def start_campaign(request: HttpRequest, payload: CampaignIn) -> Status[dict[str, Any]]:
    actor = require_perm(request, "enforcement.add_reviewcampaign")
    campaign = reviews.start_campaign(actor=actor, **payload.dict())
    return Status(201, _campaign(request, campaign.pk))


@router.post("/campaigns/{campaign_id}/publish", response=CampaignDetailOut)
def publish(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    actor = require_perm(request, "enforcement.change_reviewcampaign")
    reviews.publish_campaign(actor=actor, campaign=queries.get_campaign_for(actor, campaign_id))
    return _campaign(request, campaign_id)


def _finding(request: HttpRequest, perm: str, finding_id: int) -> tuple[Any, ReviewFinding]:
    actor = require_perm(request, perm)
    finding = ReviewFinding.objects.filter(pk=finding_id).select_related("review__campaign").first()
    if finding is None or not queries.list_campaigns_for(actor).filter(pk=finding.review.campaign_id).exists():
        raise Http404
    return actor, finding


@router.post("/reviews/{review_id}/findings", response={201: CampaignDetailOut})
def add_finding(request: HttpRequest, review_id: int, payload: ReviewFindingIn) -> Status[dict[str, Any]]:
    actor = require_perm(request, "enforcement.change_reviewcampaign")
    from ohs.enforcement.models import CaseReview

    review = CaseReview.objects.for_actor(actor).filter(pk=review_id).select_related("campaign").first()
    if review is None:
        raise Http404
    reviews.add_reviewer_finding(actor=actor, review=review, **payload.dict())
    return Status(201, _campaign(request, review.campaign_id))


@router.post("/findings/{finding_id}/dispute", response=CampaignDetailOut)
def dispute(request: HttpRequest, finding_id: int, payload: DisputeIn) -> dict[str, Any]:
    actor, finding = _finding(request, "enforcement.change_case", finding_id)
    reviews.dispute_finding(actor=actor, finding=finding, reason=payload.reason)
    return _campaign(request, finding.review.campaign_id)


@router.post("/findings/{finding_id}/settle", response=CampaignDetailOut)
def settle(request: HttpRequest, finding_id: int, payload: SettleIn) -> dict[str, Any]:
    actor, finding = _finding(request, "enforcement.change_reviewcampaign", finding_id)
    reviews.settle_dispute(actor=actor, finding=finding, outcome=payload.outcome, record=payload.record)
    return _campaign(request, finding.review.campaign_id)


@router.get("/audits", response=list[AuditOut])
@paginate(PageNumberPagination)
def list_audits(request: HttpRequest) -> QuerySet[EnforcementAudit]:
    return queries.list_audits_for(require_perm(request, "enforcement.view_enforcementaudit")).order_by("-pk")


@router.get("/audits/{audit_id}", response=AuditOut)
def get_audit(request: HttpRequest, audit_id: int) -> EnforcementAudit:
    actor = require_perm(request, "enforcement.view_enforcementaudit")
    return EnforcementAudit.objects.get_for(actor, pk=audit_id)


@router.post("/audits", response={201: AuditOut})
def start_audit(request: HttpRequest, payload: AuditIn) -> Status[EnforcementAudit]:
    actor = require_perm(request, "enforcement.add_enforcementaudit")
    county = Region.objects.filter(pk=payload.county_id).first()
    if county is None:
        raise DomainError(ErrorCode.INVALID, _("no such county"), field="county_id")
    row = reviews.start_audit(
        actor=actor, county=county, findings=payload.findings, follow_up_due_on=payload.follow_up_due_on
    )
    return Status(201, row)


@router.post("/audits/{audit_id}/follow-up", response=AuditOut)
def follow_up(request: HttpRequest, audit_id: int, payload: FollowUpIn) -> EnforcementAudit:
    actor = require_perm(request, "enforcement.change_enforcementaudit")
    row = EnforcementAudit.objects.get_for(actor, Action.CHANGE, pk=audit_id)
    return reviews.record_follow_up(actor=actor, audit_row=row, follow_up=payload.follow_up)


@router.get("/benchmarks/current", response=BenchmarkOut)
def current_benchmark(request: HttpRequest) -> Benchmark:
    require_perm(request, "enforcement.view_benchmark")
    return benchmark_in_force(timezone.localdate())


@router.post("/benchmarks", response={201: BenchmarkOut})
def publish_benchmark(request: HttpRequest, payload: BenchmarkIn) -> Status[Benchmark]:
    actor = require_perm(request, "enforcement.add_benchmarkrefinement")
    tiers = [{**t.dict(), "lower": str(t.lower), "upper": str(t.upper)} for t in payload.tiers]
    row = benchmarks.publish_benchmark(
        actor=actor, version=payload.version, effective_on=payload.effective_on, tiers=tiers, source=payload.source
    )
    return Status(201, row)


@router.get("/no-penalty/items", response=list[NoPenaltyItemOut])
def no_penalty_items(request: HttpRequest) -> QuerySet[NoPenaltyItem]:
    """The province's list and the extensions of the actor's city and county."""
    actor = require_perm(request, "enforcement.view_case")
    code = actor.region_code or ""
    chain = {PROVINCE_REGION_CODE, f"{code[:4]}00", code}
    return NoPenaltyItem.objects.filter(region_id__in=chain).order_by("region_id", "item_id")


@router.post("/no-penalty/extensions", response={201: list[NoPenaltyItemOut]})
def extend_no_penalty_list(request: HttpRequest, payload: ExtensionIn) -> Status[list[NoPenaltyItem]]:
    actor = require_perm(request, "enforcement.add_benchmarkrefinement")
    rows = minor.extend_list(
        actor=actor,
        items=[i.dict() for i in payload.items],
        version=payload.version,
        is_collectively_discussed=payload.is_collectively_discussed,
    )
    return Status(201, rows)
