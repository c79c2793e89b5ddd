"""manage.py run_scheduler: enqueue every registered recurring job on its trigger (APScheduler)."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from django.apps import apps
from django.core.management.base import BaseCommand

from ohs.core.schedule import Job, registered_jobs

log = logging.getLogger(__name__)


def _load_task_modules() -> None:
    """Import each app's tasks module: importing it registers its jobs."""
    for config in apps.get_app_configs():
        if config.name.startswith("ohs."):
            try:
                importlib.import_module(f"{config.name}.tasks")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.tasks":
                    raise


def _enqueue(job: Job) -> None:
    job.task.enqueue()
    log.debug("enqueued %s", job.id)


class Command(BaseCommand):
    help = "Run the recurring-job scheduler (enqueues tasks; the worker runs them)."

    def handle(self, *args: Any, **options: Any) -> None:
        _load_task_modules()
        scheduler = BlockingScheduler(timezone="Asia/Shanghai", job_defaults={"coalesce": True, "max_instances": 1})
        for job in registered_jobs():
            scheduler.add_job(_enqueue, job.trigger, args=[job], id=job.id, **job.options)
            self.stdout.write(f"scheduled {job.id} ({job.trigger} {job.options})")
        scheduler.start()
