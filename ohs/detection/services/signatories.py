"""The register of authorised signatories (授权签字人) of a technical service institution, and
the check an approval must pass: a registered person, valid today, not revoked, whose scope
covers every hazard the project measured."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.audit import AuditAction
from ohs.core.workflow import transition
from ohs.detection.choices import SignatoryStatus
from ohs.detection.models import Project, Signatory
from ohs.detection.rules.signatories import AgentRef, PeriodProblem, Scope, Standing, outside_scope, period_problem
from ohs.detection.services.guards import require_institution
from ohs.detection.workflow import SIGNATORY_WORKFLOW
from ohs.hazards.choices import Category
from ohs.hazards.models import Agent
from ohs.orgs.choices import Role
from ohs.orgs.models import User


@dataclass(frozen=True)
class ScopeData:
    """Every item, or hazard categories (``Category`` codes) and/or single agents."""

    covers_all: bool = False
    categories: tuple[str, ...] = ()
    agent_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class SignatoryData:
    user_id: int
    name: str
    basis: str
    certificate_number: str
    valid_from: dt.date
    valid_until: dt.date
    scope: ScopeData


def _check_period(valid_from: dt.date, valid_until: dt.date) -> None:
    problem = period_problem(valid_from, valid_until, timezone.localdate())
    if problem is PeriodProblem.ENDS_BEFORE_START:
        raise DomainError(ErrorCode.INVALID, _("the authorisation ends before it starts"), field="valid_until")
    if problem is PeriodProblem.ALREADY_OVER:
        raise DomainError(ErrorCode.INVALID, _("the authorisation would already be over"), field="valid_until")


def _check_basis(basis: str, certificate_number: str) -> None:
    if not basis.strip():
        raise DomainError(
            ErrorCode.INVALID, _("name the basis of the authorisation (e.g. the CMA certificate)"), field="basis"
        )
    if not certificate_number.strip():
        raise DomainError(ErrorCode.INVALID, _("enter the certificate number"), field="certificate_number")


def _checked_scope(scope: ScopeData) -> tuple[list[str], list[Agent]]:
    unknown = sorted(set(scope.categories) - set(Category.values))
    if unknown:
        raise DomainError(
            ErrorCode.INVALID,
            _("unknown hazard category %(value)s (choose %(names)s)")
            % {"value": "、".join(unknown), "names": "、".join(Category.values)},
            field="categories",
        )
    agents = list(Agent.objects.filter(pk__in=set(scope.agent_ids), is_active=True))
    if len(agents) != len(set(scope.agent_ids)):
        raise DomainError(ErrorCode.INVALID, _("choose hazards from the catalogue"), field="agent_ids")
    if Scope(scope.covers_all, frozenset(scope.categories), frozenset(scope.agent_ids)).is_empty:
        raise DomainError(
            ErrorCode.INVALID,
            _("give the scope: every item, hazard categories or single hazards"),
            field="scope",
        )
    categories = [] if scope.covers_all else sorted(set(scope.categories))
    return categories, [] if scope.covers_all else agents


def _refuse_self(actor: Actor, signatory_user_id: int) -> None:
    # An authorisation is granted by the institution to a person, never taken by that person.
    if actor.user_id is not None and actor.user_id == signatory_user_id:
        raise DomainError(
            "signatory_self_authorised",
            _("a person cannot register or amend their own authorisation: another person of the institution does"),
            field="user_id",
        )


def _own(actor: Actor, signatory: Signatory) -> None:
    """The actor's institution keeps this registration, and it still stands."""
    if require_institution(actor) != signatory.institution_id:
        raise DomainError(ErrorCode.FORBIDDEN, _("only the institution keeps its register of signatories"))
    if signatory.status == SignatoryStatus.REVOKED:
        raise DomainError(
            ErrorCode.CONFLICT,
            _("this authorisation has been revoked: register the person again instead"),
            field="status",
        )


def register_signatory(*, actor: Actor, data: SignatoryData) -> Signatory:
    """Register a person of the institution as an authorised signatory for a scope and a period."""
    institution_id = require_institution(actor)
    user = User.objects.filter(
        pk=data.user_id, organisation_id=institution_id, role=Role.SERVICE_STAFF, is_active=True
    ).first()
    if user is None:
        raise DomainError(ErrorCode.INVALID, _("choose an active member of your institution"), field="user_id")
    _refuse_self(actor, user.pk)
    _check_basis(data.basis, data.certificate_number)
    _check_period(data.valid_from, data.valid_until)
    categories, agents = _checked_scope(data.scope)
    try:
        with transaction.atomic():
            signatory = Signatory.objects.create(
                institution_id=institution_id, user=user, name=(data.name.strip() or str(user))[:64],
                basis=data.basis.strip(), certificate_number=data.certificate_number.strip(),
                scope_all=data.scope.covers_all, scope_categories=categories, valid_from=data.valid_from,
                valid_until=data.valid_until, registered_by_label=actor.label,
            )  # fmt: skip
            signatory.scope_agents.set(agents)
            audit.record_created(actor, signatory)
            emit(
                "detection.signatory.registered",
                {
                    "id": signatory.pk,
                    "institution": institution_id,
                    "user": user.pk,
                    "scope": _scope_payload(signatory),
                },
            )
    except IntegrityError as exc:
        raise DomainError(
            ErrorCode.CONFLICT,
            _("%(person)s is already registered: amend or revoke that registration") % {"person": user},
            field="user_id",
        ) from exc
    return signatory


def _scope_payload(signatory: Signatory) -> dict[str, object]:
    return {
        "all": signatory.scope_all,
        "categories": list(signatory.scope_categories),
        "agents": sorted(a.pk for a in signatory.scope_agents.all()),
    }


def change_validity(
    *, actor: Actor, signatory: Signatory, valid_from: dt.date, valid_until: dt.date, basis: str,
    certificate_number: str,
) -> Signatory:  # fmt: skip
    """Renew or shorten an authorisation, with the basis it now rests on."""
    _own(actor, signatory)
    _refuse_self(actor, signatory.user_id)
    _check_basis(basis, certificate_number)
    _check_period(valid_from, valid_until)
    fields = {
        "valid_from": valid_from, "valid_until": valid_until, "basis": basis.strip(),
        "certificate_number": certificate_number.strip(),
    }  # fmt: skip
    transition(
        SIGNATORY_WORKFLOW, actor, signatory, "validity_changed", {"institution": signatory.institution_id}, fields
    )
    return signatory


def change_scope(*, actor: Actor, signatory: Signatory, scope: ScopeData) -> Signatory:
    """Widen or narrow what the signatory may sign for."""
    _own(actor, signatory)
    _refuse_self(actor, signatory.user_id)
    categories, agents = _checked_scope(scope)
    with transaction.atomic():
        before = sorted(a.pk for a in signatory.scope_agents.all())
        fields = {"scope_all": scope.covers_all, "scope_categories": categories}
        signatory.scope_agents.set(agents)
        payload = {"institution": signatory.institution_id, "scope": _scope_payload(signatory)}
        transition(SIGNATORY_WORKFLOW, actor, signatory, "scope_changed", payload, fields)
        after = sorted(a.pk for a in agents)
        if before != after:
            audit.record(actor, AuditAction.UPDATE, obj=signatory, changes={"scope_agents": [before, after]})
    return signatory


def revoke_signatory(*, actor: Actor, signatory: Signatory, reason: str) -> Signatory:
    """Withdraw the authorisation with its reason; reports already signed keep their signatory."""
    _own(actor, signatory)
    if not reason.strip():
        raise DomainError(ErrorCode.INVALID, _("give the reason for the revocation"), field="reason")
    longest = Signatory._meta.get_field("revoked_reason").max_length or 0
    if len(reason.strip()) > longest:
        raise DomainError(
            ErrorCode.INVALID, _("the reason is longer than %(n)d characters") % {"n": longest}, field="reason"
        )
    fields = {"revoked_at": timezone.now(), "revoked_by_label": actor.label, "revoked_reason": reason.strip()}
    transition(SIGNATORY_WORKFLOW, actor, signatory, "revoked", {"institution": signatory.institution_id}, fields)
    return signatory


def require_person(actor: Actor) -> int:
    """The approving person's id: an approval is a person's signature, which a system's token
    (or a batch job) cannot give."""
    if actor.user_id is None:
        raise DomainError(
            "signatory_needs_person",
            _(
                "the authorised signatory (授权签字人) approves in person: log in with their own account; "
                "an organisation's API token cannot sign"
            ),
            field="approved_by",
        )
    return actor.user_id


def measured_agents(project: Project) -> list[AgentRef]:
    """Every hazard the project samples: the results the signatory puts their name to."""
    items = project.plan_items.filter(samples_planned__gt=0).select_related("agent")
    items = items.order_by("agent__name_initials", "agent_id")  # pinyin order, alike on every database
    return [AgentRef(i.agent_id, i.agent.name_zh, i.agent.category) for i in items]


def require_signatory(actor: Actor, project: Project) -> Signatory:
    """The actor's registration at the project's institution, valid today and covering every
    measured hazard; otherwise a refusal naming ``approved_by`` and the reason."""
    require_person(actor)
    assert actor.user_id is not None
    registrations = list(
        Signatory.objects.filter(institution_id=project.institution_id, user_id=actor.user_id)
        .prefetch_related("scope_agents")
        .order_by("-registered_at", "-pk")
    )
    standing = next((s for s in registrations if s.status == SignatoryStatus.ACTIVE), None)
    if standing is None:
        revoked = registrations[0] if registrations else None
        if revoked is not None:
            raise DomainError(
                "signatory_revoked",
                _("the authorisation of %(person)s as signatory was revoked on %(date)s: %(reason)s")
                % {"person": revoked.name, "date": _day(revoked.revoked_at), "reason": revoked.revoked_reason},
                field="approved_by",
            )
        raise DomainError(
            "signatory_not_registered",
            _("%(person)s is not registered as an authorised signatory (授权签字人) of the institution")
            % {"person": actor.label},
            field="approved_by",
        )
    _require_valid_today(standing)
    missing = outside_scope(standing.scope(), measured_agents(project))
    if missing:
        raise DomainError(
            "signatory_outside_scope",
            _("%(person)s is not authorised to sign for: %(agents)s")
            % {"person": standing.name, "agents": "、".join(a.name for a in missing)},
            field="approved_by",
        )
    return standing


def _day(value: dt.datetime | None) -> str:
    return f"{timezone.localdate(value):%Y-%m-%d}" if value else ""


def _require_valid_today(signatory: Signatory) -> None:
    standing = signatory.standing_on(timezone.localdate())
    if standing is Standing.EXPIRED:
        raise DomainError(
            "signatory_expired",
            _("the authorisation of %(person)s as signatory expired on %(date)s")
            % {"person": signatory.name, "date": f"{signatory.valid_until:%Y-%m-%d}"},
            field="approved_by",
        )
    if standing is Standing.NOT_YET_VALID:
        raise DomainError(
            "signatory_not_yet_valid",
            _("the authorisation of %(person)s as signatory is valid only from %(date)s")
            % {"person": signatory.name, "date": f"{signatory.valid_from:%Y-%m-%d}"},
            field="approved_by",
        )
