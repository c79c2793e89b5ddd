"""Issuing documents that leave the system, and checking copies of them.

``issue_document`` gives the document a verification code, renders the PDF with a QR code to
``/verify/<code>/``, stores it with its SHA-256 and writes the audit row and event. An issued
document is locked; ``revise_document`` issues a new revision with a reason, and both stay
visible (the verification page of the old one points to the new one).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.urls import reverse

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.audit import AuditAction
from ohs.core.models.documents import IssuedDocument
from ohs.core.pdf import PdfDocument, render_pdf
from ohs.orgs.models import Organisation

CODE_BYTES = 10  # 80 random bits: not guessable, 16 base32 characters to type


def new_verification_code() -> str:
    return base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode().rstrip("=")


def verify_url(code: str) -> str:
    return settings.OHS_PUBLIC_BASE_URL + reverse("portal:verify", args=[code])


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class Issue:
    kind: str
    subject: models.Model
    issuer: Organisation
    document: PdfDocument


def _store(actor: Actor, issue: Issue, previous: IssuedDocument | None, reason: str) -> IssuedDocument:
    code = new_verification_code()
    content = render_pdf(issue.document, verification_code=code, verify_url=verify_url(code))
    row = IssuedDocument(
        verification_code=code,
        kind=issue.kind,
        title=issue.document.title,
        subject_type=issue.subject._meta.label_lower,
        subject_id=str(issue.subject.pk),
        issuer=issue.issuer,
        issued_by_label=actor.label,
        sha256=sha256_hex(content),
        size_bytes=len(content),
        revision=previous.revision + 1 if previous else 1,
        supersedes=previous,
        revision_reason=reason,
    )
    row.file.save(f"{code}.pdf", ContentFile(content), save=False)
    row.save()
    audit.record(
        actor, AuditAction.CREATE, obj=row, changes={"kind": issue.kind, "sha256": row.sha256, "revision": row.revision}
    )
    emit(
        "core.document.issued",
        {"code": code, "kind": issue.kind, "subject": row.subject_type, "subject_id": row.subject_id},
    )
    return row


def issue_document(*, actor: Actor, issue: Issue) -> IssuedDocument:
    """Render, store and record a new document."""
    with transaction.atomic():
        return _store(actor, issue, None, "")


def revise_document(*, actor: Actor, previous: IssuedDocument, reason: str, issue: Issue) -> IssuedDocument:
    """Issue a corrected revision; the previous one stays, marked as superseded."""
    if not reason.strip():
        raise DomainError(ErrorCode.INVALID, "a revision needs a reason", field="reason")
    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=previous.pk)
        if not locked.is_current:
            raise DomainError(ErrorCode.CONFLICT, "this document has already been revised", field="previous")
        return _store(actor, issue, locked, reason.strip())


def current_document_for(subject: models.Model, kind: str) -> IssuedDocument | None:
    """The latest revision of a subject's document of one kind."""
    return (
        IssuedDocument.objects.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk), kind=kind)
        .order_by("-revision")
        .first()
    )


@dataclass(frozen=True)
class CopyCheck:
    matches: bool
    sha256_of_copy: str


def check_copy(document: IssuedDocument, content: bytes) -> CopyCheck:
    """Does this copy match the issued document byte for byte?"""
    digest = sha256_hex(content)
    return CopyCheck(matches=digest == document.sha256, sha256_of_copy=digest)
