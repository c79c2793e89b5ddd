import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class OfficerOut(Schema):
    name: str
    certificate_number: str


class ActionCodeOut(Schema):
    id: int
    code: str
    kind: str
    employer_id: int
    county_id: str
    body_name: str
    subject_type: str
    subject_id: str
    title: str
    legal_basis: str
    stage: str
    result: str
    issued_at: dt.datetime

    @staticmethod
    def resolve_body_name(obj: Any) -> str:
        return str(obj.body.name)


class PublicCodeOut(Schema):
    code: str
    enforcing_body: str
    officers: list[OfficerOut]
    legal_basis: str
    stage: str
    result: str


class CaseIn(Schema):
    employer_id: int
    article: str = Field(..., description="provision of reference/penalties_odpl.csv, e.g. ODPL-72(1)")
    findings: str = Field(..., min_length=1)


class StepIn(Schema):
    """The fields of one step (see GET /cases/{id} "steps"); dates as YYYY-MM-DD."""

    data: dict[str, Any] = Field(default_factory=dict)


class DocumentOut(Schema):
    kind: str
    title: str
    verification_code: str
    issued_at: dt.datetime


class CaseOut(Schema):
    id: int
    ref: str
    action_code: str
    employer_id: int
    county_id: str
    article: str
    findings: str
    status: str
    filed_on: dt.date | None
    decision_due_on: dt.date | None
    correction_deadline: dt.date | None
    corrected_on: dt.date | None
    proposed_tier: str
    proposed_fine_yuan: Decimal | None
    benchmark_version: str
    noticed_fine_yuan: Decimal | None
    notice_served_on: dt.date | None
    hearing_request_due_on: dt.date | None
    collegial_on: dt.date | None
    legal_review_required: bool
    legal_review_on: dt.date | None
    collective_required: bool
    collective_reasons: str
    collective_on: dt.date | None
    decided_on: dt.date | None
    fine_yuan: Decimal | None
    served_on: dt.date | None
    payment_due_on: dt.date | None
    paid_on: dt.date | None
    surcharge_yuan: Decimal | None
    no_penalty_item: str
    commitment_signed_on: dt.date | None
    closed_on: dt.date | None

    @staticmethod
    def resolve_action_code(obj: Any) -> str:
        return str(obj.action_code.code)


class CaseDetailOut(CaseOut):
    steps: list[str] = []
    documents: list[DocumentOut] = []


class DueOut(Schema):
    case_id: int
    ref: str
    what: str
    due_on: dt.date
    is_past: bool


class RefinementIn(Schema):
    article: str
    level: str = Field(..., description="从轻 | 一般 | 从重 | 严重")
    fine_min_yuan: Decimal
    fine_max_yuan: Decimal
    version: str
    condition: str = ""


class RefinementOut(Schema):
    id: int
    region_id: str
    article: str
    level: str
    fine_min_yuan: Decimal
    fine_max_yuan: Decimal
    version: str


class CampaignIn(Schema):
    name: str
    decided_from: dt.date
    decided_to: dt.date


class FindingOut(Schema):
    id: int
    item_code: str
    title: str
    deducted_points: int
    is_fatal: bool
    evidence: str
    source: str
    dispute: str


class ReviewOut(Schema):
    id: int
    case_id: int
    score_points: int
    grade: str
    comment: str
    findings: list[FindingOut]


class CampaignOut(Schema):
    id: int
    name: str
    region_id: str
    decided_from: dt.date
    decided_to: dt.date
    status: str


class CampaignDetailOut(CampaignOut):
    reviews: list[ReviewOut]


class ReviewFindingIn(Schema):
    item_code: str
    evidence: str


class DisputeIn(Schema):
    reason: str


class SettleIn(Schema):
    outcome: str = Field(..., description="upheld | withdrawn")
    record: str


class AuditIn(Schema):
    county_id: str
    findings: str
    follow_up_due_on: dt.date


class AuditOut(Schema):
    id: int
    county_id: str
    audited_on: dt.date
    findings: str
    follow_up_due_on: dt.date
    follow_up: str
    status: str


class FollowUpIn(Schema):
    follow_up: str


class CoverageOut(Schema):
    subject_type: str
    label: str
    acts: int
    coded: int
    percent: float


class TierIn(Schema):
    level: str = Field(..., description="从轻 | 一般 | 从重 | 严重")
    lower: Decimal = Field(..., ge=0, le=1, description="fraction of the statutory range")
    upper: Decimal = Field(..., ge=0, le=1)
    selecting: list[str] = Field(default_factory=list, description="circumstances that select the tier")


class BenchmarkIn(Schema):
    version: str
    effective_on: dt.date
    tiers: list[TierIn]
    source: str = ""


class BenchmarkOut(Schema):
    id: int
    version: str
    effective_on: dt.date
    tiers: list[dict[str, Any]]
    source: str


class NoPenaltyItemIn(Schema):
    item_id: str
    article: str
    description: str
    minor_circumstance: str
    max_harm: str = Field("危害后果轻微", description="没有造成危害后果 | 危害后果轻微")


class ExtensionIn(Schema):
    version: str
    items: list[NoPenaltyItemIn]
    is_collectively_discussed: bool


class NoPenaltyItemOut(Schema):
    item_id: str
    region_id: str
    list_version: str
    article: str
    description: str
    minor_circumstance: str
    max_harm: str
