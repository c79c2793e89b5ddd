"""An employer registers itself; its county regulator confirms it (registry workflow)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from ohs.core.actor import Actor
from ohs.orgs.choices import OrgKind, Role
from ohs.orgs.services import create_organisation, create_user
from ohs.registry.choices import ContactRole
from ohs.registry.models import Employer
from ohs.registry.services.employers import EmployerData, register_employer
from ohs.registry.services.structure import ContactData, add_contact


@dataclass(frozen=True)
class Applicant:
    username: str
    password: str
    full_name: str
    phone: str


def self_register_employer(*, data: EmployerData, applicant: Applicant) -> Employer:
    """Register employer, its platform account and its manager's login, awaiting confirmation."""
    actor = Actor(user_id=None, label=f"self-registration:{applicant.username}"[:150], role=Role.EMPLOYER_MANAGER)
    with transaction.atomic():
        employer = register_employer(actor=actor, data=data)
        org = create_organisation(
            actor=actor, name=employer.name, kind=OrgKind.EMPLOYER, region_code=employer.county_id, uscc=employer.uscc
        )
        Employer.objects.filter(pk=employer.pk).update(organisation=org)
        employer.organisation = org
        create_user(
            actor=actor,
            username=applicant.username,
            password=applicant.password,
            role=Role.EMPLOYER_MANAGER,
            organisation=org,
            full_name=applicant.full_name,
        )
        contact = ContactData(role=ContactRole.MANAGER, name=applicant.full_name, phone=applicant.phone)
        add_contact(actor=actor, employer=employer, data=contact)
    return employer
