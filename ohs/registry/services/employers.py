"""Writing employers: registration, updates and the confirmation workflow."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.db import transaction

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.rules.identity import InvalidIdentifier, clean_uscc
from ohs.core.text import pinyin_initials
from ohs.core.workflow import transition
from ohs.geo.models import Region
from ohs.geo.rules.codes import Level
from ohs.registry.models import Employer
from ohs.registry.workflow import EMPLOYER_WORKFLOW


@dataclass(frozen=True)
class EmployerData:
    uscc: str
    name: str
    county_code: str
    legal_representative: str = ""
    industry_code: str = ""
    economic_type: str = ""
    size_class: str = ""
    address: str = ""
    contact_name: str = ""
    contact_phone: str = ""


def _county_for(actor: Actor, code: str) -> Region:
    county = Region.objects.filter(code=code, level=Level.COUNTY).first()
    if county is None:
        raise DomainError(ErrorCode.INVALID, f"{code} is not a county-level region", field="county_code")
    span = actor.jurisdiction
    if span is not None and county.code not in span and not actor.is_superuser:
        raise DomainError(ErrorCode.INVALID, "the county is outside your jurisdiction", field="county_code")
    return county


def _clean(actor: Actor, data: EmployerData) -> dict[str, Any]:
    try:
        uscc = clean_uscc(data.uscc)
    except InvalidIdentifier as exc:
        raise DomainError(ErrorCode.INVALID, exc.reason, field="uscc") from exc
    if not data.name.strip():
        raise DomainError(ErrorCode.INVALID, "name is required", field="name")
    values = {f.name: getattr(data, f.name) for f in fields(data) if f.name not in ("uscc", "county_code")}
    values.update(uscc=uscc, county=_county_for(actor, data.county_code), name=data.name.strip())
    values["name_initials"] = pinyin_initials(values["name"])
    return values


def register_employer(*, actor: Actor, data: EmployerData) -> Employer:
    """Register an employer; registered by a regulator (or a system load) it is confirmed at once."""
    values = _clean(actor, data)
    if Employer.objects.filter(uscc=values["uscc"]).exists():
        raise DomainError(ErrorCode.CONFLICT, "an employer with this credit code is already registered", field="uscc")
    with transaction.atomic():
        employer = Employer.objects.create(**values)
        audit.record_created(actor, employer)
        emit("registry.employer.registered", {"id": employer.pk, "county": employer.county_id, "uscc": employer.uscc})
        if actor.is_supervising or actor.is_superuser:
            transition(EMPLOYER_WORKFLOW, actor, employer, "confirmed")
    return employer


def update_employer(*, actor: Actor, employer: Employer, data: EmployerData) -> Employer:
    """Change an employer's registered facts (the caller fetched it through the change scope)."""
    values = _clean(actor, data)
    clash = Employer.objects.filter(uscc=values["uscc"]).exclude(pk=employer.pk).exists()
    if clash:
        raise DomainError(ErrorCode.CONFLICT, "another employer has this credit code", field="uscc")
    with transaction.atomic():
        before = audit.snapshot(employer, values.keys())
        for name, value in values.items():
            setattr(employer, name, value)
        employer.save()
        if audit.record_updated(actor, employer, before):
            emit("registry.employer.updated", {"id": employer.pk})
    return employer


def confirm_employer(*, actor: Actor, employer: Employer) -> Employer:
    """The county regulator confirms a self-registered employer."""
    transition(EMPLOYER_WORKFLOW, actor, employer, "confirmed")
    return employer
