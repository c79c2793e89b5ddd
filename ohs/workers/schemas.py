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


class RowErrorOut(Schema):
    row: int
    column: str
    message: str


class RosterImportOut(Schema):
    id: int
    employer_id: int
    file_name: str
    status: str
    row_count: int
    error_count: int
    errors: list[RowErrorOut]
    created_count: int
    hired_count: int


class EmploymentIn(Schema):
    employer_id: int
    post_id: int | None = None
    started_on: dt.date


class EmploymentEndIn(Schema):
    ended_on: dt.date
    reason: str = Field(..., min_length=1, max_length=100)


class EmploymentOut(Schema):
    id: int
    worker_id: int
    employer_id: int
    post_id: int | None
    started_on: dt.date
    ended_on: dt.date | None
    end_reason: str


class WorkerUpdate(Schema):
    name: str = Field(..., min_length=1, max_length=64)
    phone: str = ""
