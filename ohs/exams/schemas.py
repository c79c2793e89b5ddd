import datetime as dt

from ninja import Field, Schema


class InstitutionOut(Schema):
    id: int
    name: str
    region_code: str
    record_number: str
    hazard_categories: list[str]
    is_active: bool
    capacity_refreshed_at: dt.datetime | None
    is_stale: bool


class ScopeIn(Schema):
    hazard_categories: list[str] = Field(..., description="dust, chemical, physical, biological, radiation, other")


class SiteIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    address: str = ""
    county_code: str


class SiteOut(Schema):
    id: int
    institution_id: int
    name: str
    address: str
    county_code: str = Field(..., alias="county_id")


class CapacityIn(Schema):
    site_id: int
    exam_on: dt.date
    exam_category: str = Field(..., description="pre, periodic, exit or emergency")
    hazard_category: str
    capacity: int = Field(..., ge=0)


class CapacityPublishIn(Schema):
    entries: list[CapacityIn] = Field(default_factory=list, description="may be empty: confirms today's figures")


class CopyWeekIn(Schema):
    week_of: dt.date
    weeks: int = Field(1, ge=1)


class CapacityOut(Schema):
    site_id: int
    exam_on: dt.date
    exam_category: str
    hazard_category: str
    capacity: int
    booked: int
    remaining: int


class CountOut(Schema):
    count: int


class DueExamOut(Schema):
    exam_type: str
    due_on: dt.date
    is_overdue: bool
    is_recheck: bool
    is_booked: bool
    hazards: list[str]
    hazard_categories: list[str]
    target_diseases: list[str]
    core_items: list[str]
    confidence: str
    edition: str
    reasons: list[str]


class WorkerDueOut(Schema):
    worker_id: int
    worker_name: str
    post: str
    hazards: list[str]
    edition_in_force: str
    edition_applied: str
    due: list[DueExamOut]
    gaps: list[str]


class BookingIn(Schema):
    employer_id: int
    institution_id: int
    site_id: int
    exam_on: dt.date
    exam_category: str
    worker_ids: list[int]


class RescheduleIn(Schema):
    exam_on: dt.date
    site_id: int | None = None


class AppointmentOut(Schema):
    id: int
    worker_id: int
    hazards: list[str]
    hazard_categories: list[str]
    due_on: dt.date | None
    edition: str
    edition_in_force: str
    status: str


class BookingOut(Schema):
    id: int
    employer_id: int
    institution_id: int
    site_id: int
    exam_on: dt.date
    exam_category: str
    status: str
    appointments: list[AppointmentOut]


class ItemIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    value: str = ""
    abnormal: bool = False


class ResultIn(Schema):
    examined_on: dt.date
    conclusion: str = Field(
        ..., description="no_abnormality, recheck, suspected_disease, contraindication or other_finding"
    )
    advice: str
    findings: str = ""
    items: list[ItemIn] = Field(default_factory=list)
    suspected_disease: str = ""
    recheck_on: dt.date | None = None


class ResultOut(Schema):
    id: int
    appointment_id: int
    worker_id: int
    employer_id: int
    institution_id: int
    exam_category: str
    hazards: list[str]
    examined_on: dt.date
    conclusion: str
    advice: str
    findings: str
    suspected_disease: str
    recheck_on: dt.date | None
    edition: str
    report_due_on: dt.date
    reported_at: dt.datetime | None
    is_late: bool


class ReportOut(Schema):
    verification_code: str
    title: str


class FollowUpOut(Schema):
    id: int
    result_id: int
    worker_id: int
    employer_id: int
    action: str
    label: str
    due_on: dt.date | None
    status: str
    done_at: dt.datetime | None
    note: str


class ConfirmIn(Schema):
    note: str = Field(..., min_length=1, max_length=500)


class ReferralOut(Schema):
    id: int
    result_id: int
    worker_id: int
    employer_id: int
    suspected_disease: str
    status: str
    created_at: dt.datetime
