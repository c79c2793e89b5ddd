"""Registry workflows: employer registration and hazard declarations, as transition tables."""

from ohs.core.workflow import Transition, Workflow
from ohs.orgs.choices import Role
from ohs.registry.choices import DeclarationStatus as D
from ohs.registry.choices import EmployerStatus as S

_REGULATORS = frozenset({Role.REGULATOR, Role.INSPECTOR})
_EMPLOYER = frozenset({Role.EMPLOYER_MANAGER})

EMPLOYER_WORKFLOW = Workflow(
    "status",
    [
        Transition("confirmed", frozenset({S.PENDING}), S.CONFIRMED, _REGULATORS),
        Transition("closed", frozenset({S.PENDING, S.CONFIRMED}), S.CLOSED, _REGULATORS),
        Transition("reopened", frozenset({S.CLOSED}), S.CONFIRMED, _REGULATORS),
    ],
)

DECLARATION_WORKFLOW = Workflow(
    "status",
    [
        Transition("submitted", frozenset({D.DRAFT, D.RETURNED}), D.SUBMITTED, _EMPLOYER),
        Transition("accepted", frozenset({D.SUBMITTED}), D.ACCEPTED, _REGULATORS),
        Transition("returned", frozenset({D.SUBMITTED}), D.RETURNED, _REGULATORS),
    ],
)
