import datetime as dt

from ninja import Field, Schema


class WorkerIn(Schema):
    name: str = Field(..., min_length=1, max_length=64)
    id_number: str = Field(..., description="Resident ID number (GB 11643-1999), 18 characters")
    employer_id: int | None = None
    phone: str = ""


class WorkerOut(Schema):
    id: int
    name: str
    id_number_masked: str
    sex: str
    birth_date: dt.date
    current_employer_id: int | None
    county_code: str | None = Field(None, alias="county_id")


class WorkerFilter(Schema):
    q: str | None = Field(None, description="name, full ID number or its last digits")
    employer_id: int | None = None
