"""The rectification loop (画像—整改—审核—解除) as a transition table."""

from ohs.core.workflow import Transition, Workflow
from ohs.orgs.choices import Role
from ohs.risk.choices import RectificationStatus as R

_REGULATORS = frozenset({Role.REGULATOR, Role.INSPECTOR})
_EMPLOYER = frozenset({Role.EMPLOYER_MANAGER})

RECTIFICATION_WORKFLOW = Workflow(
    "status",
    [
        Transition("submitted", frozenset({R.PUSHED, R.RETURNED}), R.SUBMITTED, _EMPLOYER),
        Transition("approved", frozenset({R.SUBMITTED}), R.APPROVED, _REGULATORS),
        Transition("returned", frozenset({R.SUBMITTED}), R.RETURNED, _REGULATORS),
    ],
)
