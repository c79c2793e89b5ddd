import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class PlanIn(Schema):
    title: str
    level: str = Field(..., description="national | provincial | city")
    items: list[str] = Field(..., description="codes of reference/inspection_items.csv")
    period_start: dt.date
    period_end: dt.date
    class_ratios: dict[str, Decimal] = Field(
        default_factory=lambda: {"甲": Decimal("0.05"), "乙": Decimal("0.1"), "丙": Decimal("0.2")}
    )
    pool_regions: list[str] = Field(default_factory=list)
    pool_industries: list[str] = Field(default_factory=list)
    entity_types: list[str] = Field(default_factory=lambda: ["employer"])
    min_inspectors_per_task: int = 2
    is_stratified_by_region: bool = False


class PlanOut(Schema):
    id: int
    title: str
    level: str
    region_code: str = Field(..., alias="region_id")
    items: list[str]
    period_start: dt.date
    period_end: dt.date
    entity_types: list[str]
    pool_regions: list[str]
    pool_industries: list[str]
    class_ratios: dict[str, str]
    min_inspectors_per_task: int
    is_stratified_by_region: bool
    status: str
    seed: str
    inputs_digest: str
    rule_version: str
    config_version: str
    drawn_at: dt.datetime | None


class DrawIn(Schema):
    seed: str | None = Field(None, description="the published seed; a random one when empty")


class RateOut(Schema):
    indicator: str
    numerator: int
    denominator: int
    value: Decimal | None
    target: Decimal
    is_met: bool | None
    counted_until: dt.date
    reasons: list[str]


class PublicDrawOut(Schema):
    plan_id: int
    seed: str
    published_digest: str
    rerun_digest: str
    same_list: bool
    tasks: list[dict[str, Any]]


class InspectionIn(Schema):
    employer_id: int | None = None
    kind: str = Field(..., description="random | targeted | complaint")
    task_id: int | None = None
    complaint_id: int | None = None
    items: list[str] = Field(default_factory=list, description="defaults to the plan's items for a task")
    officer_ids: list[int] = Field(default_factory=list, description="defaults to the task's inspectors")


class InspectionOut(Schema):
    id: int
    kind: str
    employer_id: int
    county_code: str = Field(..., alias="county_id")
    task_id: int | None
    complaint_id: int | None
    items: list[str]
    action_code: str | None
    status: str
    started_at: dt.datetime
    summary: str
    signed_by: str
    refused_to_sign: bool
    completed_on: dt.date | None
    publish_due_on: dt.date | None
    published_on: dt.date | None
    case_ref: str
    findings: list[dict[str, Any]]

    @staticmethod
    def resolve_findings(obj: Any) -> list[dict[str, Any]]:
        return [{"item": f.item_code, "compliant": f.is_compliant, "note": f.note} for f in obj.findings.all()]


class FindingIn(Schema):
    item: str
    compliant: bool
    note: str = ""


class CompleteIn(Schema):
    summary: str = ""
    signed_by: str = ""
    refused_to_sign: bool = False


class ComplaintIn(Schema):
    county_code: str
    employer_id: int | None = None
    content: str
    channel: str = "12345"
    received_on: dt.date
    complainant: str = ""
    contact: str = ""


class ComplaintOut(Schema):
    id: int
    county_code: str = Field(..., alias="county_id")
    employer_id: int | None
    channel: str
    content: str
    received_on: dt.date
    due_on: dt.date
    status: str
    assigned_to_id: int | None
    handling: str
    answer: str
    answered_on: dt.date | None
    is_on_time: bool | None


class ComplaintStepIn(Schema):
    officer_id: int | None = None
    text: str = ""


class InspectorOut(Schema):
    id: int
    user_id: int
    county_code: str = Field(..., alias="county_id")
    status: str = Field(..., description="active | removed")
    is_active: bool
    former_employer_id: int | None
    open_task_count: int = Field(0, description="tasks drawn for the inspector whose result is not entered yet")
    conflict_employer_ids: list[int] = Field(..., description="employers of the conflicts still declared")

    @staticmethod
    def resolve_conflict_employer_ids(obj: Any) -> list[int]:
        return sorted(c.employer_id for c in obj.conflicts.all() if c.status == "declared")


class InspectorIn(Schema):
    user_id: int
    former_employer_id: int | None = None


class ConflictIn(Schema):
    employer_id: int
    relation: str = Field(..., description="relative | former_post | financial | dispute | other")
    reason: str
    since_on: dt.date


class ConflictOut(Schema):
    id: int
    inspector_id: int
    employer_id: int
    relation: str
    reason: str
    since_on: dt.date
    status: str = Field(..., description="declared | withdrawn")
    declared_at: dt.datetime
    withdrawn_at: dt.datetime | None
