"""Helpers shared by the case services: the acting body, dates, issuing a case document."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from ohs.core.actor import Actor
from ohs.core.documents import Issue, issue_document
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.models.documents import IssuedDocument
from ohs.enforcement.documents import build_document
from ohs.enforcement.models import Case
from ohs.orgs.models import Organisation


def today() -> dt.date:
    return timezone.localdate()


def not_future(day: dt.date, field: str) -> dt.date:
    if day > today():
        raise DomainError(ErrorCode.INVALID, _("this date is in the future"), field=field)
    return day


def require_text(text: str, field: str, what: str) -> str:
    if not text.strip():
        raise DomainError(ErrorCode.INVALID, _("%(what)s must not be empty") % {"what": what}, field=field)
    return text.strip()


def issue_case_document(actor: Actor, case: Case, kind: str) -> IssuedDocument:
    """Render and store one of the case's documents (issued by the case's body)."""
    issuer = Organisation.objects.get(pk=case.body_id)
    return issue_document(actor=actor, issue=Issue(kind, case, issuer, build_document(case, kind)))
