"""Employer registration: self-registered employers are confirmed by their county regulator."""

from ohs.core.workflow import Transition, Workflow
from ohs.orgs.choices import Role
from ohs.registry.choices import EmployerStatus as S

_REGULATORS = frozenset({Role.REGULATOR, Role.INSPECTOR})

EMPLOYER_WORKFLOW = Workflow(
    "status",
    [
        Transition("confirmed", frozenset({S.PENDING}), S.CONFIRMED, _REGULATORS),
        Transition("closed", frozenset({S.PENDING, S.CONFIRMED}), S.CLOSED, _REGULATORS),
        Transition("reopened", frozenset({S.CLOSED}), S.CONFIRMED, _REGULATORS),
    ],
)
