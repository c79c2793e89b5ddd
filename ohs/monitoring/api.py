"""Monitoring API: gateway ingest by device token; devices, alerts, verification tasks, rates, dead letters."""

import datetime as dt
import json
from dataclasses import asdict
from functools import cache
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer

from ohs.core.api import require_perm
from ohs.core.models.tokens import hash_token
from ohs.core.querysets import Action
from ohs.monitoring import queries
from ohs.monitoring.choices import Transport
from ohs.monitoring.ingest.evaluator import Evaluator
from ohs.monitoring.ingest.pipeline import Envelope, MalformedMessage, Pipeline, Refusal, parse_json_batch
from ohs.monitoring.models import Alert, DeadLetter, Device, DeviceCredential, VerificationTask
from ohs.monitoring.schemas import (
    AlertOut,
    AnswerIn,
    ChartOut,
    DeadLetterOut,
    DeviceOut,
    IngestOut,
    OfflineRateOut,
    OutcomeIn,
    RateOut,
    TaskOut,
)
from ohs.monitoring.services.alerts import answer_alert
from ohs.monitoring.services.deadletters import replay_dead_letter
from ohs.monitoring.services.tasks import record_outcome, start_verification

router = Router(tags=["monitoring"])
MAX_BODY_BYTES = 1_000_000  # a gateway batch of a few thousand readings


class DeviceTokenAuth(HttpBearer):
    """A device's or gateway's own token (``Authorization: Bearer ohsdev_...``), stored hashed."""

    def authenticate(self, request: HttpRequest, token: str) -> DeviceCredential | None:
        found = DeviceCredential.objects.filter(key_hash=hash_token(token), revoked_at__isnull=True).first()
        if found is not None:
            request.credential = found  # type: ignore[attr-defined]
        return found


@cache
def http_pipeline() -> Pipeline:
    """Web processes share evaluation state through the database (several processes serve HTTP)."""
    return Pipeline(evaluator=Evaluator(durable=True))


def _envelopes(body: bytes, source: str) -> list[Envelope | Refusal]:
    """One batch, or ``{"batches": [...]}`` from a gateway; an unreadable batch becomes a refusal."""
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise HttpError(400, f"body is not JSON: {exc}") from exc
    batches = data.get("batches") if isinstance(data, dict) and "batches" in data else [data]
    if not isinstance(batches, list):
        raise HttpError(400, "batches must be a list")
    result: list[Envelope | Refusal] = []
    for batch in batches:
        text = json.dumps(batch, ensure_ascii=False)
        try:
            result.append(parse_json_batch(text, transport=Transport.HTTP, source=source))
        except MalformedMessage as exc:
            result.append(Refusal(Transport.HTTP, source, text, exc.reason, exc.message, exc.field))
    return result


@router.post("/ingest", response=IngestOut, auth=DeviceTokenAuth())
def ingest(request: HttpRequest) -> dict[str, Any]:
    """Store a batch of readings: ``{"device", "readings": [{"channel", "value", "unit", "at", "flag"}]}``
    or ``{"batches": [...]}``. Refused readings are listed with their reason and kept as dead letters."""
    if len(request.body) > MAX_BODY_BYTES:
        raise HttpError(413, f"a batch is at most {MAX_BODY_BYTES} bytes")
    credential: DeviceCredential = request.credential  # type: ignore[attr-defined]
    source = f"token:{credential.prefix}"
    items = _envelopes(request.body, source)
    envelopes = [e for e in items if isinstance(e, Envelope)]
    devices = {d.code: d for d in Device.objects.filter(code__in=[e.device_code for e in envelopes])}
    for envelope in envelopes:
        device = devices.get(envelope.device_code)
        if device is not None and not credential.covers(device):
            raise HttpError(403, f"this token may not send for device {envelope.device_code}")
    refusals = [e for e in items if isinstance(e, Refusal)]
    pipeline = http_pipeline()
    result = pipeline.store(envelopes, extra_refusals=refusals)
    pipeline.evaluate(result)
    received = sum(len(e.readings) for e in envelopes)
    rejected = [
        {"device": r.device_code, "reason": r.reason, "field": r.field, "message": r.message} for r in result.refusals
    ]
    return {"received": received, "stored": result.added, "duplicates": len(result.stored) - result.added,
            "rejected": rejected}  # fmt: skip


@router.get("/devices", response=list[DeviceOut])
@paginate(PageNumberPagination)
def list_devices(request: HttpRequest) -> QuerySet[Device]:
    return queries.list_devices_for(require_perm(request, "monitoring.view_device")).order_by("pk")


@router.get("/devices/{device_id}", response=DeviceOut)
def get_device(request: HttpRequest, device_id: int) -> Device:
    return queries.get_device_for(require_perm(request, "monitoring.view_device"), device_id)


@router.get("/devices/{device_id}/chart", response=ChartOut)
def device_chart(request: HttpRequest, device_id: int, since: dt.datetime | None = None) -> dict[str, object]:
    """The latest readings of each channel, for the live chart (``since``: only newer ones)."""
    device = queries.get_device_for(require_perm(request, "monitoring.view_device"), device_id)
    return queries.chart_series(device, since)


@router.get("/alerts", response=list[AlertOut])
@paginate(PageNumberPagination)
def list_alerts(request: HttpRequest) -> QuerySet[Alert]:
    return queries.list_alerts_for(require_perm(request, "monitoring.view_alert")).order_by("-pk")


@router.get("/alerts/{alert_id}", response=AlertOut)
def get_alert(request: HttpRequest, alert_id: int) -> Alert:
    return queries.get_alert_for(require_perm(request, "monitoring.view_alert"), alert_id)


@router.post("/alerts/{alert_id}/answer", response=AlertOut)
def answer(request: HttpRequest, alert_id: int, payload: AnswerIn) -> Alert:
    """The employer's answer to one of its alerts."""
    actor = require_perm(request, "monitoring.change_alert")
    return answer_alert(actor=actor, alert=queries.get_alert_for(actor, alert_id, Action.CHANGE), text=payload.text)


@router.get("/tasks", response=list[TaskOut])
@paginate(PageNumberPagination)
def list_tasks(request: HttpRequest) -> QuerySet[VerificationTask]:
    return queries.list_tasks_for(require_perm(request, "monitoring.view_verificationtask")).order_by("due_at", "pk")


@router.get("/tasks/{task_id}", response=TaskOut)
def get_task(request: HttpRequest, task_id: int) -> VerificationTask:
    return queries.get_task_for(require_perm(request, "monitoring.view_verificationtask"), task_id)


@router.post("/tasks/{task_id}/start", response=TaskOut)
def start(request: HttpRequest, task_id: int) -> VerificationTask:
    """Start the on-site verification (a supervisory act: its action code is stored)."""
    actor = require_perm(request, "monitoring.change_verificationtask")
    return start_verification(actor=actor, task=queries.get_task_for(actor, task_id, Action.CHANGE))


@router.post("/tasks/{task_id}/outcome", response=TaskOut)
def outcome(request: HttpRequest, task_id: int, payload: OutcomeIn) -> VerificationTask:
    """Record how the warning was handled."""
    actor = require_perm(request, "monitoring.change_verificationtask")
    task = queries.get_task_for(actor, task_id, Action.CHANGE)
    return record_outcome(actor=actor, task=task, outcome=payload.outcome, note=payload.note)


@router.get("/rates", response=list[RateOut])
def rates(request: HttpRequest) -> list[dict[str, Any]]:
    """Timeliness and disposal of risk warnings per county the caller supervises."""
    actor = require_perm(request, "monitoring.view_verificationtask")
    found = queries.warning_rates(actor, timezone.now())
    return [
        asdict(r) | {"timeliness": _float(r.timeliness), "disposal": _float(r.disposal)}
        for r in sorted(found.values(), key=lambda r: r.region_code)
    ]


@router.get("/offline-rates", response=list[OfflineRateOut])
def offline_rates(request: HttpRequest) -> list[dict[str, Any]]:
    """This month's offline rate per device, entity and region (seed 001 item 10.1: at most 5 %)."""
    actor = require_perm(request, "monitoring.view_device")
    devices, entities, regions = queries.offline_rates(actor, timezone.now())
    rows = [("device", d.device_id, d.installed_minutes, d.offline_minutes, d.offline_rate, d.meets_target)
            for d in devices]  # fmt: skip
    rows += [(g.level.value, g.group_key, g.installed_minutes, g.offline_minutes, g.offline_rate, g.meets_target)
             for g in (*entities, *regions)]  # fmt: skip
    names = ("level", "key", "installed_minutes", "offline_minutes", "offline_rate", "meets_target")
    return [
        dict(zip(names, (lvl, key, float(i), float(o), _float(r), m), strict=True)) for lvl, key, i, o, r, m in rows
    ]


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


@router.get("/dead-letters", response=list[DeadLetterOut])
@paginate(PageNumberPagination)
def list_dead_letters(request: HttpRequest) -> QuerySet[DeadLetter]:
    return queries.list_dead_letters_for(require_perm(request, "monitoring.view_deadletter")).order_by("-pk")


@router.post("/dead-letters/{letter_id}/replay", response=DeadLetterOut)
def replay(request: HttpRequest, letter_id: int) -> DeadLetter:
    """Send a refused message through ingest again."""
    actor = require_perm(request, "monitoring.change_deadletter")
    letter = queries.get_dead_letter_for(actor, letter_id, Action.CHANGE)
    return replay_dead_letter(actor=actor, letter=letter, pipeline=http_pipeline())
