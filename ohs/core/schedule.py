"""Recurring jobs: each app registers (task, trigger); the scheduler process enqueues them and
the worker runs them. APScheduler keeps the clock; nothing here is a home-made loop."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django_tasks.base import Task


@dataclass(frozen=True)
class Job:
    id: str
    task: Task[Any, Any]
    trigger: str  # "interval" or "cron", as APScheduler names them
    options: dict[str, Any] = field(default_factory=dict)


_jobs: dict[str, Job] = {}


def register_job(job: Job) -> None:
    _jobs[job.id] = job


def registered_jobs() -> list[Job]:
    return list(_jobs.values())
