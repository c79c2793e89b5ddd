import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class ProjectIn(Schema):
    employer_uscc: str = Field(..., description="the commissioning employer's unified social credit code")
    contract_number: str = Field(..., min_length=1, max_length=64)
    contract_signed_on: dt.date
    purpose: str = Field("periodic", description="periodic | routine | evaluation")
    edition: str = Field(
        "GBZ 2.1-2019", description="GBZ 2.1 edition used for judgement: GBZ 2.1-2019 | GBZ 2.1-2007 (old reports)"
    )


class EditionIn(Schema):
    edition: str = Field(..., description="GBZ 2.1-2019 | GBZ 2.1-2007; only before sampling starts")


class ProjectOut(Schema):
    id: int
    code: str
    employer_id: int
    employer_name: str = Field(..., alias="employer.name")
    institution_id: int
    county_code: str = Field(..., alias="county_id")
    purpose: str
    contract_number: str
    contract_signed_on: dt.date
    status: str
    catalogue_version: int
    edition: str
    samples_planned: int
    samples_taken: int
    created_at: dt.datetime
    issued_at: dt.datetime | None
    approved_signatory_id: int | None = Field(None, description="the register entry the approval was checked against")
    report_code: str | None = None


class SurveyPostIn(Schema):
    post_id: int
    exposed_workers: int = Field(..., ge=0)
    shift_hours: Decimal
    days_per_week: Decimal
    work_schedule: str = ""
    controls: str = ""


class PlanItemIn(Schema):
    sample_kind: str = Field("", description="twa | short | dust_total | dust_respirable | noise")
    samples_planned: int = Field(0, ge=0)
    duration_minutes: int = Field(0, ge=0)
    exposure_hours: Decimal
    method_standard: str = ""
    equipment_note: str = ""
    free_silica_percent: Decimal | None = None
    justification: str = Field("", description="why this declared hazard is not sampled")


class NewPlanItemIn(PlanItemIn):
    survey_post_id: int
    agent_id: int


class PlanItemOut(Schema):
    id: int
    survey_post_id: int
    post_id: int = Field(..., alias="survey_post.post_id")
    agent_id: int
    agent_name: str = Field(..., alias="agent.name_zh")
    sample_kind: str
    samples_planned: int
    duration_minutes: int
    exposure_hours: Decimal
    method_standard: str
    justification: str


class SurveyDoneIn(Schema):
    process_description: str


class SampleStartIn(Schema):
    plan_item_id: int
    equipment_id: int
    location: str
    flow_before_l_per_min: Decimal | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    started_at: dt.datetime | None = Field(None, description="refused: the server's clock is the sampling time")


class SampleFinishIn(Schema):
    flow_after_l_per_min: Decimal | None = None
    ended_at: dt.datetime | None = Field(None, description="refused: the server's clock is the sampling time")


class ResultIn(Schema):
    concentration_mg_per_m3: Decimal = Field(..., description="for noise samples: L_Aeq in dB(A)")
    mass_ug: Decimal | None = None
    volume_l: Decimal | None = Field(None, description="air volume at 20 °C, 101.3 kPa")
    lod_mg_per_m3: Decimal | None = None


class SampleCorrectionIn(Schema):
    location: str


class SampleOut(Schema):
    id: int
    code: str
    project_id: int
    plan_item_id: int
    status: str
    sampler_label: str
    equipment_id: int
    location: str
    flow_before_l_per_min: Decimal | None
    flow_after_l_per_min: Decimal | None
    started_at: dt.datetime
    ended_at: dt.datetime | None
    value: Decimal | None
    mass_ug: Decimal | None
    volume_l: Decimal | None
    lod: Decimal | None
    is_below_lod: bool
    reproduced_value: Decimal | None


class EquipmentIn(Schema):
    name: str
    serial_number: str
    calibrated_until: dt.date


class EquipmentOut(Schema):
    id: int
    name: str
    serial_number: str
    calibrated_until: dt.date


class ReviseIn(Schema):
    reason: str


class ExceedanceOut(Schema):
    id: int
    project_id: int
    project_code: str = Field(..., alias="project.code")
    employer_name: str = Field(..., alias="project.employer.name")
    county_code: str = Field(..., alias="project.county_id")
    post: str = Field(..., alias="plan_item.survey_post.post.name")
    agent: str = Field(..., alias="plan_item.agent.name_zh")
    metric: str
    measured_value: float
    limit_value: float
    unit: str
    ratio_to_limit: float | None
    limit_edition: str
    judgement_edition: str


class IdOut(Schema):
    id: int


class CountOut(Schema):
    count: int


class SignatoryIn(Schema):
    user_id: int = Field(..., description="a person (login) of your institution; not yourself")
    name: str = Field("", max_length=64, description="as printed on reports; the account's name when empty")
    basis: str = Field(..., max_length=200, description="what grants the authorisation, e.g. the CMA certificate")
    certificate_number: str = Field(..., max_length=64)
    valid_from: dt.date
    valid_until: dt.date
    scope_all: bool = Field(False, description="every measurement item")
    categories: list[str] = Field(
        default_factory=list,
        description="hazard categories: dust | chemical | physical | biological | radiation | other",
    )
    agent_ids: list[int] = Field(default_factory=list, description="single hazards of the catalogue")


class RevokeIn(Schema):
    reason: str


class SignatoryOut(Schema):
    id: int
    institution_id: int
    institution_name: str = Field(..., alias="institution.name")
    user_id: int
    username: str = Field(..., alias="user.username")
    name: str
    basis: str
    certificate_number: str
    scope_all: bool
    scope_categories: list[str]
    scope_agent_ids: list[int]
    valid_from: dt.date
    valid_until: dt.date
    status: str = Field(..., description="active | revoked")
    standing: str = Field(..., description="today: valid | not_yet_valid | expired | revoked")
    revoked_at: dt.datetime | None
    revoked_reason: str

    @staticmethod
    def resolve_scope_agent_ids(obj: Any) -> list[int]:
        return sorted(a.pk for a in obj.scope_agents.all())

    @staticmethod
    def resolve_standing(obj: Any) -> str:
        return str(obj.standing_today.value)
