"""Employment: a worker starts at an employer (on a post) and leaves it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.registry.models import Employer, Post
from ohs.workers.models import Employment, Worker

ONE_DAY = dt.timedelta(days=1)
JOINED_ELSEWHERE = "到其他单位就业"


def _close(actor: Actor, employment: Employment, ended_on: dt.date, reason: str) -> None:
    before = audit.snapshot(employment, ["ended_on", "end_reason"])
    employment.ended_on, employment.end_reason = ended_on, reason
    employment.save(update_fields=["ended_on", "end_reason"])
    audit.record_updated(actor, employment, before)
    emit(
        "workers.employment.ended",
        {
            "id": employment.pk,
            "worker": employment.worker_id,
            "employer": employment.employer_id,
            "ended_on": str(ended_on),
        },
    )


def hire(*, actor: Actor, worker: Worker, employer: Employer, post: Post | None, started_on: dt.date) -> Employment:
    """Start an employment; an open one at another employer ends the day before."""
    if post is not None and post.employer_id != employer.pk:
        raise DomainError(ErrorCode.INVALID, "the post belongs to another employer", field="post")
    with transaction.atomic():
        if Employment.objects.current().filter(worker=worker, employer=employer).exists():
            raise DomainError(ErrorCode.CONFLICT, "the worker is already employed here", field="worker")
        for previous in Employment.objects.current().filter(worker=worker).select_for_update():
            _close(actor, previous, max(previous.started_on, started_on - ONE_DAY), JOINED_ELSEWHERE)
        employment = Employment.objects.create(worker=worker, employer=employer, post=post, started_on=started_on)
        Worker.objects.filter(pk=worker.pk).update(current_employer=employer, county_id=employer.county_id)
        audit.record_created(actor, employment)
        emit("workers.employment.started", {"id": employment.pk, "worker": worker.pk, "employer": employer.pk})
    return employment


def end_employment(*, actor: Actor, employment: Employment, ended_on: dt.date, reason: str) -> Employment:
    """The worker leaves: the exit exam and the archives take it from the event."""
    if employment.ended_on is not None:
        raise DomainError(ErrorCode.CONFLICT, "this employment has already ended", field="ended_on")
    if ended_on < employment.started_on:
        raise DomainError(ErrorCode.INVALID, "the end date is before the start date", field="ended_on")
    with transaction.atomic():
        _close(actor, employment, ended_on, reason)
        Worker.objects.filter(pk=employment.worker_id, current_employer=employment.employer_id).update(
            current_employer=None
        )
    return employment
