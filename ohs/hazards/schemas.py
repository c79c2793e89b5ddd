import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from ohs.hazards.loading import decimal_text
from ohs.hazards.models import Agent, LimitValue, RuleParameter


def _plain(value: Decimal | None) -> Decimal | None:
    """3 rather than the column's 3.000000."""
    return None if value is None else Decimal(decimal_text(value))


class LimitOut(Schema):
    id: int
    agent_id: int
    metric: str = Field(..., description="mac, pc_twa, pc_stel, pc_twa_total, pc_twa_respirable or a GBZ 2.2 metric")
    metric_label: str
    condition: str = Field(..., description="free-SiO2 tier, labour intensity class, fibre count ...")
    value: Decimal | None = Field(..., description="null when the standard gives an expression such as 400/t")
    value_text: str = Field(..., description="the figure as the standard prints it")
    unit: str
    edition: str = Field(..., description="e.g. GBZ 2.1-2019")
    clause: str
    confidence: str = Field(..., description="A read in the standard; B secondary sources; C unconfirmed")
    is_confirmed: bool = Field(..., description="false below confidence A: say so in any decision resting on it")
    source: str
    introduced_in: int = Field(..., alias="introduced_in_id", description="catalogue version that introduced it")
    superseded_in: int | None = Field(None, alias="superseded_in_id", description="version that replaced it")

    @staticmethod
    def resolve_value(obj: LimitValue) -> Decimal | None:
        return _plain(obj.value)


class AgentOut(Schema):
    id: int
    name_zh: str
    name_en: str
    name_initials: str
    cas: str
    category: str
    carcinogen_class: str
    has_skin_notation: bool
    is_sensitizer: bool
    notes: str
    introduced_in: int = Field(..., alias="introduced_in_id")
    lowest_confidence: str | None = Field(None, description="weakest confidence among the current limits")
    limits: list[LimitOut] = Field(..., description="the limits in force now")

    @staticmethod
    def resolve_limits(obj: Agent) -> list[LimitValue]:
        return list(getattr(obj, "current_limits", []))


class AgentAtVersionOut(AgentOut):
    version: int = Field(..., description="the catalogue version these limits are from")
    limits: list[LimitOut] = Field(..., description="the limits in force at that version")

    @staticmethod
    def resolve_limits(obj: Agent) -> list[LimitValue]:
        return list(getattr(obj, "limits_at_version", []))


class AgentFilter(Schema):
    q: str | None = Field(None, description="Chinese name, pinyin initials, English name or CAS number")
    category: str | None = Field(None, description="dust, chemical, physical, biological, radiation, other")
    confidence: str | None = Field(None, description="weakest confidence among the current limits: A, B or C")


class LimitFilter(Schema):
    version: int | None = Field(None, description="catalogue version; default the current one")
    agent: int | None = None
    metric: str | None = None


class FigureIn(Schema):
    value: Decimal = Field(..., ge=0)
    confidence: str = Field(..., description="A, B or C")
    source: str = Field(..., min_length=1)


class LimitCorrectionIn(FigureIn):
    reason: str = Field(..., description="why the value changes; kept in the version history")
    unit: str | None = Field(None, description="omit to keep the unit")
    edition: str | None = Field(None, description="omit to keep the edition")
    clause: str | None = Field(None, description="omit to keep the clause")


class NewLimitSpec(FigureIn):
    metric: str
    unit: str
    edition: str
    condition: str = ""
    clause: str = ""


class NewLimitIn(NewLimitSpec):
    reason: str


class AgentIn(Schema):
    name_zh: str = Field(..., max_length=64)
    category: str
    name_en: str = ""
    cas: str = Field("", description="CAS registry number, check digit verified")
    carcinogen_class: str = ""
    has_skin_notation: bool = False
    is_sensitizer: bool = False
    notes: str = ""
    reason: str
    limits: list[NewLimitSpec] = []


class VersionOut(Schema):
    number: int
    created_at: dt.datetime
    actor_label: str
    reason: str


class ParameterOut(Schema):
    id: int
    key: str
    name: str
    value: Decimal | None
    value_text: str
    unit: str
    condition: str
    edition: str
    clause: str
    confidence: str
    is_confirmed: bool
    source: str
    introduced_in: int = Field(..., alias="introduced_in_id")

    @staticmethod
    def resolve_value(obj: RuleParameter) -> Decimal | None:
        return _plain(obj.value)


class DiseaseOut(Schema):
    id: int
    edition: str
    category_number: str
    category_name: str
    subgroup: str
    name: str
    is_open_item: bool
    confidence: str
