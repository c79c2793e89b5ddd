"""The inspector pool (执法检查人员名录库) and declared conflicts of interest (回避).

The regulator of a jurisdiction adds its inspectors to the pool, removes and restores them and
records a former employer; an inspector declares and withdraws their own conflicts. The draw
reads both (``ohs.inspection.services.plans.inspector_pool``).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.workflow import transition
from ohs.inspection.choices import ConflictRelation, ConflictStatus
from ohs.inspection.models import Inspector, InspectorConflict
from ohs.inspection.workflow import CONFLICT_WORKFLOW, POOL_WORKFLOW
from ohs.orgs.choices import Role
from ohs.orgs.models import User
from ohs.registry.models import Employer


def _in_jurisdiction(actor: Actor, region: str | None) -> bool:
    span = actor.jurisdiction
    return region is not None and (actor.is_superuser or (span is not None and span.lo <= region < span.hi))


def _require_regulator(actor: Actor) -> None:
    if not actor.is_superuser and actor.role != Role.REGULATOR:
        raise DomainError(ErrorCode.FORBIDDEN, _("the regulator keeps the inspector pool"))


def add_to_pool(*, actor: Actor, user_id: int, former_employer: Employer | None = None) -> Inspector:
    """An inspector of the actor's jurisdiction joins the pool (region: their body's)."""
    _require_regulator(actor)
    user = User.objects.select_related("organisation").filter(pk=user_id, role=Role.INSPECTOR).first()
    region = user.organisation.region_id if user is not None and user.organisation is not None else None
    if region is None or not _in_jurisdiction(actor, region):
        raise DomainError(ErrorCode.INVALID, _("choose an inspector of your jurisdiction"), field="user_id")
    if Inspector.objects.filter(user_id=user_id).exists():
        raise DomainError(ErrorCode.CONFLICT, _("already in the pool (restore them if removed)"), field="user_id")
    with transaction.atomic():
        inspector = Inspector.objects.create(user_id=user_id, county_id=region, former_employer=former_employer)
        audit.record_created(actor, inspector)
        emit("inspection.inspector.added", {"id": inspector.pk, "region": region})
    return inspector


def remove_from_pool(*, actor: Actor, inspector: Inspector) -> Inspector:
    """No new task is drawn for the inspector; the tasks already drawn stay theirs."""
    transition(POOL_WORKFLOW, actor, inspector, "removed", {"region": inspector.county_id})
    return inspector


def restore_to_pool(*, actor: Actor, inspector: Inspector) -> Inspector:
    transition(POOL_WORKFLOW, actor, inspector, "restored", {"region": inspector.county_id})
    return inspector


def record_former_employer(*, actor: Actor, inspector: Inspector, employer: Employer | None) -> Inspector:
    """The draw never sends an inspector to the employer they used to work for (None: clear it)."""
    _require_regulator(actor)
    with transaction.atomic():
        before = audit.snapshot(inspector, ["former_employer"])
        inspector.former_employer = employer
        inspector.save(update_fields=["former_employer"])
        audit.record_updated(actor, inspector, before)
        emit(
            "inspection.inspector.former_employer_recorded",
            {"id": inspector.pk, "employer": employer.pk if employer else None},
        )
    return inspector


def declare_conflict(
    *, actor: Actor, inspector: Inspector, employer: Employer, relation: str, reason: str, since_on: dt.date
) -> InspectorConflict:
    """The inspector declares an interest: no draw pairs them with the employer while it stands."""
    if not actor.is_superuser and actor.user_id != inspector.user_id:
        raise DomainError(ErrorCode.FORBIDDEN, _("an inspector declares their own conflicts"))
    if relation not in ConflictRelation.values:
        raise DomainError(ErrorCode.INVALID, _("choose the kind of interest"), field="relation")
    if not reason.strip():
        raise DomainError(ErrorCode.INVALID, _("say what the interest is"), field="reason")
    if since_on > timezone.localdate():
        raise DomainError(ErrorCode.INVALID, _("the date is in the future"), field="since_on")
    standing = InspectorConflict.objects.filter(inspector=inspector, employer=employer, status=ConflictStatus.DECLARED)
    if standing.exists():
        message = _("you have already declared an interest in this employer")
        raise DomainError(ErrorCode.CONFLICT, message, field="employer")
    with transaction.atomic():
        conflict = InspectorConflict.objects.create(
            inspector=inspector,
            county_id=inspector.county_id,
            employer=employer,
            relation=relation,
            reason=reason.strip(),
            since_on=since_on,
        )
        audit.record_created(actor, conflict)
        emit(
            "inspection.inspectorconflict.declared",
            {"id": conflict.pk, "inspector": inspector.pk, "employer": employer.pk, "region": inspector.county_id},
        )
    return conflict


def withdraw_conflict(*, actor: Actor, conflict: InspectorConflict) -> InspectorConflict:
    """The interest has ended: the inspector may be drawn for the employer again."""
    if not actor.is_superuser and actor.user_id != conflict.inspector.user_id:
        raise DomainError(ErrorCode.FORBIDDEN, _("an inspector withdraws their own conflicts"))
    transition(
        CONFLICT_WORKFLOW,
        actor,
        conflict,
        "withdrawn",
        {"inspector": conflict.inspector_id, "employer": conflict.employer_id},
        fields={"withdrawn_at": timezone.now()},
    )
    return conflict
