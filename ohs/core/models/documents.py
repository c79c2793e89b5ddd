"""Documents that leave the system: each issued PDF is recorded with its SHA-256, so anyone
holding a copy can check it on the public verification page its QR code opens."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.models.audit import AppendOnlyModel


class IssuedDocument(AppendOnlyModel):
    """Once issued a document never changes; a correction is a new revision with a reason."""

    verification_code = models.CharField(_("verification code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    subject_type = models.CharField(_("subject type"), max_length=64)
    subject_id = models.CharField(_("subject id"), max_length=64)
    issuer = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="issued_documents", verbose_name=_("issuer")
    )
    issued_by_label = models.CharField(_("issued by"), max_length=150)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"))
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    revision_reason = models.CharField(_("reason for the revision"), max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.verification_code})"

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "superseded_by")
