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
