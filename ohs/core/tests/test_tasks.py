"""Background work: a task enqueued on the database backend is run by the worker process."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ohs.core.events import emit
from ohs.core.models.outbox import DeliveryStatus, EventDelivery
from ohs.core.schedule import registered_jobs
from ohs.core.tasks import deliver_outbox

# The worker commits in its own transactions; the regions loaded by migration are restored after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_worker_runs_enqueued_outbox_delivery(world: object) -> None:
    with transaction.atomic():
        event = emit("registry.employer.updated", {"id": 1})
        EventDelivery.objects.filter(event=event).delete()
    result = deliver_outbox.enqueue()
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.READY
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
    finished = DBTaskResult.objects.get(id=result.id)
    assert finished.status == TaskResultStatus.SUCCESSFUL
    event.refresh_from_db()
    assert event.fanned_out_at is not None
    assert not EventDelivery.objects.filter(event=event, status=DeliveryStatus.DEAD).exists()


def test_recurring_jobs_are_registered() -> None:
    ids = {job.id for job in registered_jobs()}
    assert {"core.deliver_outbox", "core.prune_task_results"} <= ids
