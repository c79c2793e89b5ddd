"""Checks shared by the services: who may run a project, and whether its records are still open."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.detection.choices import ProjectStatus
from ohs.detection.models import Project
from ohs.orgs.choices import OrgKind

LOCKED_MESSAGE = gettext_lazy(
    "the project has passed its technical review: its field and laboratory records can no longer be "
    "changed (a correction is a new revision of the report)"
)


def require_institution(actor: Actor) -> int:
    """The id of the actor's technical service institution, or a clear refusal."""
    if actor.org_kind != OrgKind.SERVICE_INSTITUTION or actor.organisation_id is None:
        raise DomainError(ErrorCode.FORBIDDEN, _("only a technical service institution runs measurement projects"))
    return actor.organisation_id


def require_open(project: Project) -> None:
    """Refuse any change to field or lab records once the technical review is done."""
    if project.is_locked:
        raise DomainError("locked_after_review", str(LOCKED_MESSAGE), field="status")


def require_status(project: Project, *allowed: str, field: str = "status") -> None:
    if project.status not in allowed:
        names = "、".join(str(ProjectStatus(s).label) for s in allowed)
        raise DomainError(
            ErrorCode.CONFLICT,
            _("not possible while the project is '%(state)s' (needs: %(needed)s)")
            % {"state": project.get_status_display(), "needed": names},
            field=field,
        )
