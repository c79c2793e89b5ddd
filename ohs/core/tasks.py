"""Background tasks of the core: thin wrappers around services."""

from __future__ import annotations

from django.core.management import call_command
from django_tasks import task

from ohs.core.delivery import deliver_due


@task()
def deliver_outbox() -> dict[str, int]:
    """Deliver due outbox events to handlers and webhooks."""
    stats = deliver_due()
    return {"fanned_out": stats.fanned_out, "delivered": stats.delivered, "failed": stats.failed, "dead": stats.dead}


@task()
def prune_task_results() -> int:
    """Remove finished task results older than a week, so the task table stays small."""
    call_command("prune_db_task_results", "--min-age-days", "7", verbosity=0)
    return 0


def _register_jobs() -> None:
    from ohs.core.schedule import Job, register_job

    register_job(Job("core.deliver_outbox", deliver_outbox, "interval", {"seconds": 5}))
    register_job(Job("core.prune_task_results", prune_task_results, "cron", {"hour": 3, "minute": 17}))


_register_jobs()
