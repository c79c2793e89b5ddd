"""The inspector pool and declared conflicts as transition tables (data, no side effects)."""

from ohs.core.workflow import Transition, Workflow
from ohs.inspection.choices import ConflictStatus as C
from ohs.inspection.choices import InspectorStatus as P
from ohs.orgs.choices import Role

_REGULATOR = frozenset({Role.REGULATOR})
_INSPECTOR = frozenset({Role.INSPECTOR})

# The regulator keeps the pool of its jurisdiction: a removed inspector gets no new task but keeps
# the history of the tasks already drawn.
POOL_WORKFLOW = Workflow(
    "status",
    [
        Transition("removed", frozenset({P.ACTIVE}), P.REMOVED, _REGULATOR),
        Transition("restored", frozenset({P.REMOVED}), P.ACTIVE, _REGULATOR),
    ],
)

# An inspector withdraws a conflict they declared once the interest has ended.
CONFLICT_WORKFLOW = Workflow(
    "status",
    [Transition("withdrawn", frozenset({C.DECLARED}), C.WITHDRAWN, _INSPECTOR)],
)
