"""Writing organisations and users: the only place their rows change."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.geo.models import Region
from ohs.orgs.choices import ROLES_BY_KIND, OrgKind, Role
from ohs.orgs.models import Organisation, User


def _region(code: str, field: str = "region") -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise DomainError(ErrorCode.INVALID, f"unknown region code {code}", field=field)
    return region


def create_organisation(
    *, actor: Actor, name: str, kind: str, region_code: str, uscc: str = "", address: str = ""
) -> Organisation:
    """Register an organisation of any kind at a region."""
    if kind not in OrgKind.values:
        raise DomainError(ErrorCode.INVALID, f"unknown organisation kind {kind}", field="kind")
    with transaction.atomic():
        org = Organisation.objects.create(name=name, kind=kind, region=_region(region_code), uscc=uscc, address=address)
        audit.record_created(actor, org)
        emit("orgs.organisation.created", {"id": org.pk, "kind": kind, "region": region_code})
    return org


def create_user(
    *, actor: Actor, username: str, password: str, role: str, organisation: Organisation | None, full_name: str = ""
) -> User:
    """Create a login; the role must be one that the organisation's kind can hold."""
    _check_role(role, organisation)
    user = User(username=username, role=role, organisation=organisation, full_name=full_name)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(ErrorCode.INVALID, "; ".join(exc.messages), field="password") from exc
    if User.objects.filter(username=username).exists():
        raise DomainError(ErrorCode.CONFLICT, f"user name {username} is taken", field="username")
    with transaction.atomic():
        user.set_password(password)
        user.save()
        audit.record(actor, "create", obj=user, changes={"username": [None, username], "role": [None, role]})
    return user


def _check_role(role: str, organisation: Organisation | None) -> None:
    if role not in Role.values:
        raise DomainError(ErrorCode.INVALID, f"unknown role {role}", field="role")
    if role == Role.WORKER:
        if organisation is not None:
            raise DomainError(ErrorCode.INVALID, "a worker's login belongs to no organisation", field="organisation")
        return
    if organisation is None or role not in ROLES_BY_KIND[organisation.kind]:
        raise DomainError(ErrorCode.INVALID, f"role {role} does not fit this organisation", field="role")
