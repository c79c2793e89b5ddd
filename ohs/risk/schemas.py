import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class ShortfallOut(Schema):
    code: str
    title: str
    evidence: str
    clears_when: str
    effect: str
    subject: str = ""


class ProfileOut(Schema):
    id: int = Field(..., alias="employer_id", description="the employer's id")
    county_code: str = Field(..., alias="county_id")
    scheme_id: str
    risk_class: str
    matrix_class: str
    grade: str
    management_grade: str
    exposure_level: str
    is_downgraded: bool
    shortfalls: list[ShortfallOut]
    released: list[dict[str, Any]]
    reasons: list[str]
    unknown_inputs: list[str]
    rule_version: str
    config_version: str
    computed_at: dt.datetime


class ProfileDetailOut(ProfileOut):
    inputs: dict[str, Any]


class ProfileFilter(Schema):
    risk_class: str | None = Field(None, description="甲 | 乙 | 丙")
    county: str | None = None


class PushIn(Schema):
    shortfall_code: str
    evidence: str = Field("", description="which shortfall of this code (its evidence text); default the first open")
    instructions: str = ""
    working_days: int | None = Field(None, description="working days to rectify (default from configuration)")


class RectificationOut(Schema):
    id: int
    employer_id: int
    shortfall_code: str
    shortfall_title: str
    evidence: str
    clears_when: str
    instructions: str
    deadline: dt.date
    deadline_basis: str
    status: str
    actions_taken: str
    return_reason: str
    is_overdue: bool
    escalated_at: dt.datetime | None
    files: list[str]

    @staticmethod
    def resolve_files(obj: Any) -> list[str]:
        return [f.name for f in obj.files.all()]


class ReturnIn(Schema):
    reason: str


class ConfigIn(Schema):
    data: dict[str, Any]
    activate: bool = True


class ConfigOut(Schema):
    id: int
    version: str
    is_active: bool
    created_at: dt.datetime
    data: dict[str, Any]


class SelfInspectionProblem(Schema):
    problem: str
    is_minor: bool = False
    correct_by: dt.date | None = None
    corrected_on: dt.date | None = None
    correction: str = ""


class SelfInspectionIn(Schema):
    performed_on: dt.date
    score: Decimal = Field(..., ge=0, le=100)
    problems: dict[str, SelfInspectionProblem] = Field(default_factory=dict, description="item code -> problem")


class SelfInspectionOut(Schema):
    id: int
    employer_id: int
    performed_on: dt.date
    score: Decimal
