import datetime as dt

from ninja import Schema


class DeviceOut(Schema):
    id: int
    code: str
    name: str
    county_id: str
    employer_id: int | None
    status: str
    last_seen_at: dt.datetime | None
    installed_on: dt.date
    calibrated_on: dt.date | None


class AlertOut(Schema):
    id: int
    device_id: int
    channel_id: int
    county_id: str
    rule_id: str
    severity: int
    status: str
    value: float
    limit: float
    message: str
    opened_at: dt.datetime
    resolved_at: dt.datetime | None
    employer_response: str


class AnswerIn(Schema):
    text: str


class TaskOut(Schema):
    id: int
    alert_id: int
    county_id: str
    status: str
    dispatched_at: dt.datetime
    due_at: dt.datetime
    action_code: str
    outcome: str
    outcome_note: str
    is_case_pending: bool
    handled_at: dt.datetime | None


class OutcomeIn(Schema):
    outcome: str
    note: str = ""


class RateOut(Schema):
    region_code: str
    dispatched: int
    handled: int
    handled_on_time: int
    overdue_open: int
    timeliness: float | None
    disposal: float | None


class DeadLetterOut(Schema):
    id: int
    received_at: dt.datetime
    transport: str
    source: str
    device_code: str
    reason: str
    field: str
    message: str
    payload: str
    status: str


class RejectedOut(Schema):
    device: str
    reason: str
    field: str
    message: str


class IngestOut(Schema):
    received: int
    stored: int
    duplicates: int
    rejected: list[RejectedOut]


class ChartPointSeries(Schema):
    channel: str
    quantity: str
    unit: str
    limit: float | None
    points: list[list[str | float]]


class ChartOut(Schema):
    device: str
    series: list[ChartPointSeries]


class OfflineRateOut(Schema):
    level: str  # device, entity (employer or owner) or region
    key: str
    installed_minutes: float
    offline_minutes: float
    offline_rate: float | None
    meets_target: bool | None
