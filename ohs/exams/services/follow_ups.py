"""What a conclusion sets in motion (GBZ 188-2014 4.8; ODPL Art. 50 and 55), done at once when the
result is recorded, in its transaction: notices to the worker, the employer and the county
regulator, a diagnosis referral, a recheck due, a notice to move the worker off the post that is
tracked until the employer confirms it. Each row is audited and announced as an event."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.workflow import transition
from ohs.exams import policy
from ohs.exams.choices import FollowUpStatus, NoticeAudience
from ohs.exams.models import DiagnosisReferral, ExamNotice, ExamResult, FollowUp
from ohs.exams.rules.conclusions import Conclusion, FollowUpAction, plan_follow_up
from ohs.exams.rules.provenance import Edition
from ohs.exams.services.calendar import weekdays_beyond_notices
from ohs.exams.workflow import FOLLOW_UP_WORKFLOW

_NOTICE_AUDIENCE = {
    FollowUpAction.NOTIFY_WORKER: NoticeAudience.WORKER,
    FollowUpAction.NOTIFY_EMPLOYER: NoticeAudience.EMPLOYER,
    FollowUpAction.REPORT_TO_COUNTY_REGULATOR: NoticeAudience.REGULATOR,
    FollowUpAction.NOTICE_TO_LEAVE_HAZARD_POST: NoticeAudience.EMPLOYER,
}
# Steps that stay open: the recheck until it is examined, the referral until diagnosis, the move
# off the post until the employer confirms it.
_OPEN_ACTIONS = {
    FollowUpAction.SCHEDULE_RECHECK,
    FollowUpAction.REFER_FOR_DIAGNOSIS,
    FollowUpAction.CONFIRM_POST_CHANGE,
}


def _notice_text(result: ExamResult, action: FollowUpAction) -> tuple[str, str]:
    who = f"{result.worker.name}（{result.employer.name}）"
    hazards = "、".join(result.hazards)
    if result.conclusion == Conclusion.SUSPECTED_DISEASE:
        title = f"疑似职业病：{who}"
        body = (
            f"{result.examined_on:%Y-%m-%d}职业健康检查（接触{hazards}）发现疑似{result.suspected_disease}。"
            "用人单位应及时安排劳动者到职业病诊断机构进行诊断，诊断期间不得解除或终止劳动合同。"
        )
        if action is FollowUpAction.REPORT_TO_COUNTY_REGULATOR:
            body = f"体检机构{result.institution}报告：{body}"
        return title, body
    title = f"职业禁忌证：{who}"
    body = (
        f"{result.examined_on:%Y-%m-%d}职业健康检查发现该劳动者有接触{hazards}的职业禁忌证。"
        f"处理意见：{result.advice}。用人单位应将其调离所禁忌的作业岗位，并在平台确认。"
    )
    return title, body


def _notify(result: ExamResult, action: FollowUpAction) -> ExamNotice:
    title, body = _notice_text(result, action)
    audience = _NOTICE_AUDIENCE[action]
    return ExamNotice.objects.create(
        result=result,
        audience=audience,
        worker=result.worker if audience == NoticeAudience.WORKER else None,
        employer=result.employer,
        county=result.county,
        title=title,
        body=body,
    )


def _refer(result: ExamResult) -> DiagnosisReferral:
    return DiagnosisReferral.objects.create(
        result=result,
        worker=result.worker,
        employer=result.employer,
        county=result.county,
        suspected_disease=result.suspected_disease,
        hazards=result.hazards,
    )


def start_follow_ups(*, actor: Actor, result: ExamResult) -> list[FollowUp]:
    """Create the result's follow-up steps and do the ones that are a message at once."""
    conclusion = Conclusion(result.conclusion)
    recheck_days = (
        (result.recheck_on - result.examined_on).days if result.recheck_on else policy.DEFAULT_RECHECK_INTERVAL_DAYS
    )
    plan = plan_follow_up(
        conclusion,
        concluded_on=result.examined_on,
        edition=Edition(result.edition),
        recheck_interval_days=recheck_days,
        reporting_limit=policy.reporting_limit(),
        calendar=weekdays_beyond_notices(),
    )
    now = timezone.now()
    created = []
    with transaction.atomic():
        for step in plan.steps:
            is_open = step.action in _OPEN_ACTIONS
            follow_up = FollowUp.objects.create(
                result=result,
                worker=result.worker,
                employer=result.employer,
                county=result.county,
                action=step.action.value,
                label=step.label_zh,
                due_on=step.due_on,
                is_tracked_until_confirmed=step.is_tracked_until_confirmed,
                status=FollowUpStatus.OPEN if is_open else FollowUpStatus.DONE,
                done_at=None if is_open else now,
                done_by_label="" if is_open else "平台自动通知",
                note="；".join(plan.reasons),
            )
            if step.action in _NOTICE_AUDIENCE:
                _notify(result, step.action)
            if step.action is FollowUpAction.REFER_FOR_DIAGNOSIS:
                _refer(result)
            audit.record_created(actor, follow_up)
            emit(
                f"exams.follow_up.{step.action.value}",
                {"id": follow_up.pk, "result": result.pk, "worker": result.worker_id, "employer": result.employer_id},
            )
            created.append(follow_up)
    return created


def close_rechecks(*, actor: Actor, result: ExamResult) -> int:
    """A new result for a worker closes their open recheck (the recheck has been examined)."""
    open_rechecks = FollowUp.objects.filter(
        worker=result.worker,
        action=FollowUpAction.SCHEDULE_RECHECK.value,
        status=FollowUpStatus.OPEN,
        result__examined_on__lte=result.examined_on,
    ).exclude(result=result)
    closed = 0
    for follow_up in open_rechecks:
        transition(
            FOLLOW_UP_WORKFLOW,
            actor,
            follow_up,
            "completed",
            {"result": result.pk},
            fields={"done_at": timezone.now(), "done_by_label": actor.label, "note": f"复查结果已录入（{result.pk}）"},
        )
        closed += 1
    return closed


def confirm_post_change(*, actor: Actor, follow_up: FollowUp, note: str) -> FollowUp:
    """The employer confirms the worker has been moved off the post the contraindication concerns."""
    if follow_up.action != FollowUpAction.CONFIRM_POST_CHANGE.value:
        raise DomainError(ErrorCode.INVALID, "only a move off a hazard post is confirmed here", field="action")
    if not note.strip():
        raise DomainError(ErrorCode.INVALID, "say which post the worker moved to", field="note")
    transition(
        FOLLOW_UP_WORKFLOW,
        actor,
        follow_up,
        "confirmed",
        {"result": follow_up.result_id, "employer": follow_up.employer_id},
        fields={"done_at": timezone.now(), "done_by_label": actor.label, "note": note.strip()},
    )
    return follow_up
