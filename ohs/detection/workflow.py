"""The detection app's workflows as transition tables (data, no side effects)."""

from ohs.core.workflow import Transition, Workflow
from ohs.detection.choices import ProjectStatus as S
from ohs.detection.choices import SignatoryStatus as G
from ohs.orgs.choices import Role

_INSTITUTION = frozenset({Role.SERVICE_STAFF})

PROJECT_WORKFLOW = Workflow(
    "status",
    [
        Transition("surveyed", frozenset({S.CONTRACTED}), S.SURVEYED, _INSTITUTION),
        Transition("planned", frozenset({S.SURVEYED}), S.PLANNED, _INSTITUTION),
        Transition("sampling_started", frozenset({S.PLANNED}), S.SAMPLING, _INSTITUTION),
        Transition("sampling_finished", frozenset({S.SAMPLING}), S.ANALYSING, _INSTITUTION),
        Transition("reviewed", frozenset({S.ANALYSING}), S.REVIEWED, _INSTITUTION),
        Transition("approved", frozenset({S.REVIEWED}), S.APPROVED, _INSTITUTION),
        Transition("issued", frozenset({S.APPROVED}), S.ISSUED, _INSTITUTION),
    ],
)

# The register of authorised signatories: a registration is amended while it stands and
# revoked once; a revoked one is kept (reports it signed point to it) and a new one is registered.
SIGNATORY_WORKFLOW = Workflow(
    "status",
    [
        Transition("validity_changed", frozenset({G.ACTIVE}), G.ACTIVE, _INSTITUTION),
        Transition("scope_changed", frozenset({G.ACTIVE}), G.ACTIVE, _INSTITUTION),
        Transition("revoked", frozenset({G.ACTIVE}), G.REVOKED, _INSTITUTION),
    ],
)
