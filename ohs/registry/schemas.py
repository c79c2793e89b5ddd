import datetime as dt

from ninja import Field, Schema


class EmployerIn(Schema):
    uscc: str = Field(..., description="Unified social credit code (GB 32100-2015), 18 characters")
    name: str = Field(..., min_length=1, max_length=128)
    county_code: str = Field(..., description="GB/T 2260 code of the county-level region")
    legal_representative: str = ""
    industry_code: str = Field("", max_length=5, description="GB/T 4754-2017 code")
    economic_type: str = ""
    size_class: str = ""
    address: str = ""
    contact_name: str = ""
    contact_phone: str = ""


class EmployerOut(Schema):
    id: int
    uscc: str
    name: str
    county_code: str = Field(..., alias="county_id")
    legal_representative: str
    industry_code: str
    economic_type: str
    size_class: str
    address: str
    contact_name: str
    contact_phone: str
    status: str
    created_at: dt.datetime


class EmployerFilter(Schema):
    q: str | None = Field(None, description="name, pinyin initials or credit code")
    county: str | None = Field(None, description="county code")
    status: str | None = None


class DeclarationIn(Schema):
    employer_id: int
    event: str = Field(
        ...,
        description=(
            "registration | year_end | new_project_completed | process_change | entity_change | measurement_finding"
        ),
    )
    event_on: dt.date


class DeclarationItemIn(Schema):
    post_id: int
    agent_id: int
    exposed_workers: int = Field(..., ge=0)


class DeclarationItemOut(Schema):
    id: int
    post_id: int
    agent_id: int
    agent_name: str = Field(..., alias="agent.name_zh")
    exposed_workers: int


class DeclarationOut(Schema):
    id: int
    employer_id: int
    kind: str
    event: str
    event_on: dt.date
    due_on: dt.date
    due_is_provisional: bool
    due_basis: str
    status: str
    submitted_at: dt.datetime | None
    is_late: bool
    decided_at: dt.datetime | None
    return_reason: str
    items: list[DeclarationItemOut]
    receipt_code: str | None = None


class ReturnIn(Schema):
    reason: str = Field(..., min_length=1)


class WorkplaceIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    address: str = ""


class PostIn(Schema):
    workplace_id: int
    name: str = Field(..., min_length=1, max_length=100)
    shift_hours_per_day: float = 8
    days_per_week: float = 5


class IdOut(Schema):
    id: int


class PostOut(Schema):
    id: int
    workplace_id: int
    workplace_name: str = Field(..., alias="workplace.name")
    name: str
    shift_hours_per_day: float
    days_per_week: float
    is_active: bool


class ContactIn(Schema):
    role: str = Field(..., description="principal | manager")
    name: str = Field(..., min_length=1, max_length=64)
    title: str = ""
    phone: str = ""
    is_full_time: bool = False


class ContactOut(ContactIn):
    id: int
