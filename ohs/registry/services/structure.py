"""An employer's structure: workplaces, posts (岗位/工种) and its responsible people."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.registry.choices import ContactRole
from ohs.registry.models import Contact, Employer, Post, Workplace

HOURS_PER_DAY = Decimal(24)
DAYS_PER_WEEK = Decimal(7)


def add_workplace(*, actor: Actor, employer: Employer, name: str, address: str = "") -> Workplace:
    """Add a workplace to an employer the actor may change."""
    if not name.strip():
        raise DomainError(ErrorCode.INVALID, "name is required", field="name")
    try:
        with transaction.atomic():
            workplace = Workplace.objects.create(employer=employer, name=name.strip(), address=address.strip())
            audit.record_created(actor, workplace)
            emit("registry.workplace.added", {"id": workplace.pk, "employer": employer.pk})
    except IntegrityError as exc:
        raise DomainError(
            ErrorCode.CONFLICT, "this employer already has a workplace with that name", field="name"
        ) from exc
    return workplace


@dataclass(frozen=True)
class PostData:
    workplace_id: int
    name: str
    shift_hours_per_day: Decimal = Decimal(8)
    days_per_week: Decimal = Decimal(5)


def _check_post(employer: Employer, data: PostData) -> Workplace:
    if not data.name.strip():
        raise DomainError(ErrorCode.INVALID, "name is required", field="name")
    if not Decimal(0) < data.shift_hours_per_day <= HOURS_PER_DAY:
        raise DomainError(
            ErrorCode.INVALID, "hours per day must be more than 0 and at most 24", field="shift_hours_per_day"
        )
    if not Decimal(0) < data.days_per_week <= DAYS_PER_WEEK:
        raise DomainError(ErrorCode.INVALID, "days per week must be more than 0 and at most 7", field="days_per_week")
    workplace = Workplace.objects.filter(pk=data.workplace_id, employer=employer).first()
    if workplace is None:
        raise DomainError(ErrorCode.INVALID, "choose one of this employer's workplaces", field="workplace_id")
    return workplace


def add_post(*, actor: Actor, employer: Employer, data: PostData) -> Post:
    """Add a post at one of the employer's workplaces."""
    workplace = _check_post(employer, data)
    try:
        with transaction.atomic():
            post = Post.objects.create(
                employer=employer,
                workplace=workplace,
                name=data.name.strip(),
                shift_hours_per_day=data.shift_hours_per_day,
                days_per_week=data.days_per_week,
            )
            audit.record_created(actor, post)
            emit("registry.post.added", {"id": post.pk, "employer": employer.pk})
    except IntegrityError as exc:
        raise DomainError(ErrorCode.CONFLICT, "this workplace already has a post with that name", field="name") from exc
    return post


def update_post(*, actor: Actor, post: Post, data: PostData) -> Post:
    """Change a post's name, workplace or working time."""
    workplace = _check_post(post.employer, data)
    with transaction.atomic():
        before = audit.snapshot(post, ["workplace", "name", "shift_hours_per_day", "days_per_week"])
        post.workplace, post.name = workplace, data.name.strip()
        post.shift_hours_per_day, post.days_per_week = data.shift_hours_per_day, data.days_per_week
        post.save()
        if audit.record_updated(actor, post, before):
            emit("registry.post.updated", {"id": post.pk, "employer": post.employer_id})
    return post


@dataclass(frozen=True)
class ContactData:
    role: str
    name: str
    title: str = ""
    phone: str = ""
    is_full_time: bool = False


def add_contact(*, actor: Actor, employer: Employer, data: ContactData) -> Contact:
    """Record the principal person or an occupational-health manager."""
    if data.role not in ContactRole.values:
        raise DomainError(ErrorCode.INVALID, f"unknown role {data.role}", field="role")
    if not data.name.strip():
        raise DomainError(ErrorCode.INVALID, "name is required", field="name")
    with transaction.atomic():
        contact = Contact.objects.create(
            employer=employer,
            role=data.role,
            name=data.name.strip(),
            title=data.title,
            phone=data.phone,
            is_full_time=data.is_full_time,
        )
        audit.record_created(actor, contact)
        emit("registry.contact.added", {"id": contact.pk, "employer": employer.pk, "role": data.role})
    return contact


def remove_contact(*, actor: Actor, contact: Contact) -> None:
    with transaction.atomic():
        audit.record_deleted(actor, contact)
        emit("registry.contact.removed", {"id": contact.pk, "employer": contact.employer_id})
        contact.delete()
