"""Choices of the enforcement app, with translated labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActKind(models.TextChoices):
    """What started the act (ohs.core.supervision.ActStart.kind)."""

    INSPECTION = "inspection", _("Inspection")
    WARNING_VERIFICATION = "warning_verification", _("Verification of a monitoring warning")
    COMPLAINT = "complaint", _("Complaint")
    CASE = "case", _("Penalty case")


class CaseStatus(models.TextChoices):
    PROPOSED = "proposed", _("Filing requested")
    INVESTIGATING = "investigating", _("Filed, under investigation")
    NOTIFIED = "notified", _("Advance notice served")
    HEARING = "hearing", _("Hearing requested")
    HEARD = "heard", _("Hearing held")
    DECIDED = "decided", _("Decision made")
    SERVED = "served", _("Decision served")
    PAID = "paid", _("Fine paid")
    ENFORCING = "enforcing", _("Compulsory enforcement")
    NOT_PUNISHED = "not_punished", _("No penalty (first minor violation)")
    CLOSED = "closed", _("Closed")


class EvidenceKind(models.TextChoices):
    INSPECTION_RECORD = "inspection_record", _("On-site inspection record")
    INQUIRY_RECORD = "inquiry_record", _("Inquiry record")
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")


class RemedyKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("Administrative reconsideration")
    LITIGATION = "litigation", _("Administrative litigation")


class RemedyOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Upheld")
    CHANGED = "changed", _("Changed")
    ANNULLED = "annulled", _("Annulled")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PUBLISHED = "published", _("Results published")


class FindingSource(models.TextChoices):
    PRECHECK = "precheck", _("Automatic pre-check")
    REVIEWER = "reviewer", _("Reviewer")


class DisputeOutcome(models.TextChoices):
    NONE = "", _("Not disputed")
    PENDING = "pending", _("Awaiting legal discussion")
    UPHELD = "upheld", _("Deduction upheld")
    WITHDRAWN = "withdrawn", _("Deduction withdrawn")


class AuditStatus(models.TextChoices):
    OPEN = "open", _("Findings open")
    FOLLOWED_UP = "followed_up", _("Followed up")
