"""The inspector handles a warning: start on site (action code when enforcement issues one), record
the outcome; rates follow from the records; every step is audited and emitted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import timezone

from ohs.core import supervision
from ohs.core.errors import DomainError
from ohs.core.models import OutboxEvent
from ohs.monitoring.choices import Outcome, TaskStatus
from ohs.monitoring.ingest.evaluator import Evaluator
from ohs.monitoring.ingest.pipeline import Envelope, Pipeline, RawReading
from ohs.monitoring.models import VerificationTask
from ohs.monitoring.services.tasks import record_outcome, start_verification
from ohs.monitoring.tests.factories import make_device
from ohs.testing.personas import World


def _task(world: World) -> VerificationTask:
    device = make_device(world.employers["A"])
    reading = RawReading("a34001", 60, "mg/m3", timezone.now().isoformat())
    Pipeline(evaluator=Evaluator()).ingest([Envelope("http", "t", "", device.code, [reading])])
    return VerificationTask.objects.get(alert__device=device)


@pytest.fixture
def issuer() -> Iterator[list[supervision.ActStart]]:
    started: list[supervision.ActStart] = []
    saved = list(supervision._issuer)

    def issue(actor: object, start: supervision.ActStart) -> str:
        started.append(start)
        return f"ACT-{len(started)}"

    supervision.register_act_code_issuer(issue)
    yield started
    supervision._issuer[:] = saved


def test_on_site_verification_gets_an_action_code(world: World, issuer: list[supervision.ActStart]) -> None:
    task = _task(world)
    start_verification(actor=world.actor("sc_inspector"), task=task)
    task.refresh_from_db()
    assert (task.status, task.action_code) == (TaskStatus.VERIFYING, "ACT-1")
    assert issuer[0].kind == "warning_verification" and issuer[0].employer_id == world.employers["A"].pk
    record_outcome(actor=world.actor("sc_inspector"), task=task, outcome=Outcome.RECTIFY, note="责令限期整改除尘设施")
    task.refresh_from_db()
    assert task.status == TaskStatus.CLOSED and task.is_on_time
    names = list(OutboxEvent.objects.filter(payload__id=task.pk).values_list("name", flat=True))
    assert "monitoring.verificationtask.verification_started" in names
    assert "monitoring.verificationtask.handled" in names


def test_case_outcome_without_enforcement_records_a_pending_case(world: World) -> None:
    task = _task(world)
    saved = list(supervision._case_opener)
    supervision._case_opener.clear()
    try:
        record_outcome(actor=world.actor("sc_inspector"), task=task, outcome=Outcome.CASE, note="超标未整改")
    finally:
        supervision._case_opener[:] = saved
    task.refresh_from_db()
    assert task.outcome == Outcome.CASE and task.is_case_pending


def test_outcome_needs_a_note_and_a_known_value(world: World) -> None:
    task = _task(world)
    with pytest.raises(DomainError) as missing:
        record_outcome(actor=world.actor("sc_inspector"), task=task, outcome=Outcome.RECTIFY, note=" ")
    assert missing.value.fields == {"note": ["describe what was found and ordered"]}
    with pytest.raises(DomainError):
        record_outcome(actor=world.actor("sc_inspector"), task=task, outcome="nope", note="x")
    with pytest.raises(DomainError):  # the employer may answer its alert, not close the warning
        record_outcome(actor=world.actor("mgr_a"), task=task, outcome=Outcome.FALSE_ALARM, note="")


def test_rates_update_when_the_inspector_handles_the_task(world: World) -> None:
    task = _task(world)
    client = world.client("sc_inspector")
    before = {r["region_code"]: r for r in client.get("/api/v1/monitoring/rates").json()}
    assert before[task.county_id]["handled"] == 0 and before[task.county_id]["disposal"] == 0.0
    response = client.post(
        f"/api/v1/monitoring/tasks/{task.pk}/outcome",
        {"outcome": "false_alarm", "note": "传感器积尘，已清洁校准"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    after = {r["region_code"]: r for r in client.get("/api/v1/monitoring/rates").json()}
    assert after[task.county_id]["disposal"] == 1.0 and after[task.county_id]["timeliness"] == 1.0
