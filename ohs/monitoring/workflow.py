"""Transitions of a verification task (核查处置): dispatched -> on-site verification -> handled."""

from ohs.core.workflow import Transition, Workflow
from ohs.monitoring.choices import TaskStatus
from ohs.orgs.choices import Role

_INSPECTORS = frozenset({Role.INSPECTOR})

TASK_WORKFLOW = Workflow(
    "status",
    [
        Transition("verification_started", frozenset({TaskStatus.DISPATCHED}), TaskStatus.VERIFYING, _INSPECTORS),
        Transition("handled", frozenset({TaskStatus.DISPATCHED, TaskStatus.VERIFYING}), TaskStatus.CLOSED, _INSPECTORS),
    ],
)
