"""Background work of the risk app: the nightly classification and overdue escalation."""

from __future__ import annotations

from django_tasks import task

from ohs.core.schedule import Job, register_job
from ohs.risk import services


@task()
def classify_all_employers() -> int:
    """Nightly: every employer's profile from the day's inputs."""
    return sum(services.classify_all())


@task()
def escalate_overdue_rectifications() -> int:
    return services.escalate_overdue()


register_job(Job("risk.classify_all", classify_all_employers, "cron", {"hour": 1, "minute": 40}))
register_job(Job("risk.escalate_overdue", escalate_overdue_rectifications, "cron", {"hour": 6, "minute": 5}))
