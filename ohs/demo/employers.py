"""Writing the planned employers with their workplaces, posts and responsible people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.utils import timezone

from ohs.core.text import pinyin_initials
from ohs.demo.bulk import Meter, Row, Table
from ohs.demo.rules.employers import EmployerPlan
from ohs.demo.rules.province import ProvinceDigest
from ohs.registry.choices import ContactRole, EmployerStatus
from ohs.registry.models import Contact, Employer, Post, Workplace

BATCH = 5000  # employers per round trip
PRINCIPAL_TITLE = "总经理"  # the principal person (主要负责人) is the legal representative
MANAGER_TITLE = "职业卫生管理员"

EMPLOYER_FIELDS = (
    "id",
    "organisation_id",
    "uscc",
    "name",
    "name_initials",
    "legal_representative",
    "industry_code",
    "economic_type",
    "size_class",
    "county_id",
    "address",
    "contact_name",
    "contact_phone",
    "status",
    "created_at",
)
WORKPLACE_FIELDS = ("id", "employer_id", "name", "address", "is_active")
POST_FIELDS = ("id", "employer_id", "workplace_id", "name", "shift_hours_per_day", "days_per_week", "is_active")
CONTACT_FIELDS = ("id", "employer_id", "role", "name", "title", "phone", "is_full_time")


@dataclass
class WrittenEmployer:
    pk: int
    plan: EmployerPlan
    created_at: dt.datetime  # registration, time-zone aware
    post_ids: list[int]


class EmployerTables:
    def __init__(self) -> None:
        self.employers = Table(Employer, EMPLOYER_FIELDS)
        self.workplaces = Table(Workplace, WORKPLACE_FIELDS)
        self.posts = Table(Post, POST_FIELDS)
        self.contacts = Table(Contact, CONTACT_FIELDS)

    def all(self) -> list[Table]:
        return [self.employers, self.workplaces, self.posts, self.contacts]


@cache
def _initials(name: str) -> str:
    return pinyin_initials(name)


def _chunks(plans: Sequence[EmployerPlan]) -> Iterator[Sequence[EmployerPlan]]:
    for start in range(0, len(plans), BATCH):
        yield plans[start : start + BATCH]


def write_employers(
    plans: Sequence[EmployerPlan], tables: EmployerTables, meter: Meter, digest: ProvinceDigest
) -> list[WrittenEmployer]:
    """Employers as confirmed registrations, each with its structure and two responsible people."""
    written: list[WrittenEmployer] = []
    for chunk in _chunks(plans):
        ids = tables.employers.reserve_ids(len(chunk))
        done = [
            WrittenEmployer(pk, plan, timezone.make_aware(plan.registered_at), [])
            for pk, plan in zip(ids, chunk, strict=True)
        ]
        tables.employers.write([_employer_row(employer) for employer in done])
        _write_structure(done, tables)
        written += done
        for employer in done:
            plan = employer.plan
            digest.add_employer(plan.uscc, plan.name, plan.county.code, plan.registered_at.date())
            for post in plan.posts:
                digest.add_post(plan.workplaces[post.workplace], post.name)
        meter.add(len(chunk))
    return written


def _employer_row(employer: WrittenEmployer) -> Row:
    plan = employer.plan
    return (
        employer.pk,
        None,
        plan.uscc,
        plan.name,
        _initials(plan.name),
        plan.legal_representative,
        plan.industry_code,
        plan.economic_type,
        plan.size_class,
        plan.county.code,
        plan.address,
        plan.manager_name,
        plan.manager_phone,
        EmployerStatus.CONFIRMED.value,
        employer.created_at,
    )


def _write_structure(employers: list[WrittenEmployer], tables: EmployerTables) -> None:
    workplace_ids = iter(tables.workplaces.reserve_ids(sum(len(e.plan.workplaces) for e in employers)))
    post_ids = iter(tables.posts.reserve_ids(sum(len(e.plan.posts) for e in employers)))
    contact_ids = iter(tables.contacts.reserve_ids(2 * len(employers)))
    workplaces: list[Row] = []
    posts: list[Row] = []
    contacts: list[Row] = []
    for employer in employers:
        plan = employer.plan
        own = [next(workplace_ids) for _ in plan.workplaces]
        workplaces += [
            (pk, employer.pk, name, plan.address, True) for pk, name in zip(own, plan.workplaces, strict=True)
        ]
        for post in plan.posts:
            employer.post_ids.append(next(post_ids))
            hours, days = Decimal(post.shift_hours_per_day), Decimal(post.days_per_week)
            posts.append((employer.post_ids[-1], employer.pk, own[post.workplace], post.name, hours, days, True))
        contacts += _contacts(next(contact_ids), next(contact_ids), employer)
    tables.workplaces.write(workplaces)
    tables.posts.write(posts)
    tables.contacts.write(contacts)


def _contacts(principal_id: int, manager_id: int, employer: WrittenEmployer) -> list[Row]:
    """The principal person (the legal representative) and the occupational-health manager."""
    plan = employer.plan
    return [
        (principal_id, employer.pk, ContactRole.PRINCIPAL.value, plan.legal_representative, PRINCIPAL_TITLE, "", False),
        (
            manager_id,
            employer.pk,
            ContactRole.MANAGER.value,
            plan.manager_name,
            MANAGER_TITLE,
            plan.manager_phone,
            plan.manager_is_full_time,
        ),
    ]
