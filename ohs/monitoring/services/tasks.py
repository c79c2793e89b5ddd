"""The inspector's side of a risk warning: start an on-site verification, record the outcome."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.supervision import (
    ActStart,
    SupervisionHookMissing,
    has_act_code_issuer,
    issue_action_code,
    open_case_from_act,
)
from ohs.core.workflow import transition
from ohs.monitoring.choices import Outcome, TaskStatus
from ohs.monitoring.models import VerificationTask
from ohs.monitoring.workflow import TASK_WORKFLOW


def _act_start(task: VerificationTask) -> ActStart | None:
    """The supervisory act of verifying this warning (None: the device is not an employer's)."""
    device = task.alert.device
    if device.employer_id is None:
        return None
    return ActStart(
        kind="warning_verification",
        employer_id=device.employer_id,
        county_id=task.county_id,
        subject=task,
        title=f"在线监测预警核查：{device.name} {task.alert.message}",
    )


def _issue_code(actor: Actor, task: VerificationTask) -> str:
    """An on-site verification is a supervisory act: it gets its action code when one is issued."""
    start = _act_start(task)
    if task.action_code or start is None or not has_act_code_issuer():
        return task.action_code
    return issue_action_code(actor, start)


def start_verification(*, actor: Actor, task: VerificationTask) -> VerificationTask:
    """Go on site to verify the warning; the act's code is stored on the task."""
    with transaction.atomic():
        code = _issue_code(actor, task)
        transition(TASK_WORKFLOW, actor, task, "verification_started", {"action_code": code}, {"action_code": code})
    return task


def record_outcome(*, actor: Actor, task: VerificationTask, outcome: str, note: str) -> VerificationTask:
    """Close the task with its outcome; "case to be opened" opens the case when enforcement can."""
    if outcome not in Outcome.values:
        raise DomainError(ErrorCode.INVALID, f"'{outcome}' is not an outcome", field="outcome")
    note = note.strip()
    if outcome != Outcome.FALSE_ALARM and not note:
        raise DomainError(ErrorCode.INVALID, "describe what was found and ordered", field="note")
    with transaction.atomic():
        fields: dict[str, object] = {
            "outcome": outcome,
            "outcome_note": note,
            "handled_at": timezone.now(),
            "handled_by_label": actor.label,
        }
        if outcome in (Outcome.ON_SITE, Outcome.CASE):
            fields["action_code"] = _issue_code(actor, task)
        if outcome == Outcome.CASE:
            fields.update(_open_case(actor, task, str(fields["action_code"]), note))
        payload = {"outcome": outcome, "alert_id": task.alert_id, "county": task.county_id,
                   "on_time": bool(fields["handled_at"] <= task.due_at)}  # type: ignore[operator]  # fmt: skip
        transition(TASK_WORKFLOW, actor, task, "handled", payload, fields)
    return task


def _open_case(actor: Actor, task: VerificationTask, code: str, findings: str) -> dict[str, object]:
    start = _act_start(task)
    if not code or start is None:
        return {"is_case_pending": True}
    try:
        case = open_case_from_act(actor, action_code=code, start=start, findings=findings)
    except SupervisionHookMissing:  # enforcement not installed: the case waits for it
        return {"is_case_pending": True}
    return {"case_ref": str(case.pk), "is_case_pending": False}


def is_open(task: VerificationTask) -> bool:
    return task.status != TaskStatus.CLOSED
