"""Recurring exam jobs: reminders before the exam day, and late reports flagged."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from ohs.core.actor import SYSTEM_ACTOR
from ohs.core.schedule import Job, register_job
from ohs.exams import services


@task()
def send_exam_reminders() -> int:
    """Remind employers and workers of exams in the next few days."""
    return services.send_reminders(actor=SYSTEM_ACTOR, today=timezone.localdate())


@task()
def flag_late_exam_reports() -> int:
    """Flag results whose written report is past its time limit."""
    return services.flag_late_reports(actor=SYSTEM_ACTOR, today=timezone.localdate())


register_job(Job("exams.send_reminders", send_exam_reminders, "cron", {"hour": 8, "minute": 5}))
register_job(Job("exams.flag_late_reports", flag_late_exam_reports, "cron", {"hour": 1, "minute": 35}))
