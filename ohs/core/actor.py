"""Who is acting: a person through the web, or an organisation's system through a token.

Every query and service takes an ``Actor``, never a raw request or user, so the same scoping
and audit rules hold for pages, the API, batch jobs and tests alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ohs.geo.rules.codes import CodeRange, descendant_range
from ohs.orgs.choices import GOVERNING_KINDS, SUPERVISING_KINDS, Role

if TYPE_CHECKING:
    from ohs.orgs.models import User


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: int | None
    label: str
    role: str
    organisation_id: int | None = None
    org_kind: str | None = None
    region_code: str | None = None
    worker_id: int | None = None
    is_superuser: bool = False
    token_id: int | None = None

    @property
    def is_governing(self) -> bool:
        """Regulators, enforcement bodies, CDC and coordinators: their region is a jurisdiction."""
        return self.org_kind in GOVERNING_KINDS and self.region_code is not None

    @property
    def is_supervising(self) -> bool:
        """Governing bodies that may change supervised records (not CDC or coordinators)."""
        return self.org_kind in SUPERVISING_KINDS and self.region_code is not None

    @property
    def jurisdiction(self) -> CodeRange | None:
        """The code range the actor governs, or None when it governs nothing."""
        if not self.is_governing or self.region_code is None:
            return None
        return descendant_range(self.region_code)

    @property
    def is_worker(self) -> bool:
        return self.role == Role.WORKER


SYSTEM_ACTOR = Actor(user_id=None, label="system", role=Role.SYSADMIN, is_superuser=True)


def actor_for_user(user: User) -> Actor:
    """Build the actor of a logged-in person; workers carry the id of their own record."""
    org = user.organisation
    worker_id = None
    if user.role == Role.WORKER:
        profile = getattr(user, "worker_profile", None)
        worker_id = profile.pk if profile is not None else None
    return Actor(
        user_id=user.pk,
        label=user.username,
        role=user.role,
        organisation_id=org.pk if org else None,
        org_kind=org.kind if org else None,
        region_code=org.region_id if org else None,
        worker_id=worker_id,
        is_superuser=user.is_superuser,
    )
