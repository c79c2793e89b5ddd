"""Choices of the measurement workflow, with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ohs.hazards.rules.concentration import Edition


class ProjectStatus(models.TextChoices):
    CONTRACTED = "contracted", _("contract signed")
    SURVEYED = "surveyed", _("site surveyed")
    PLANNED = "planned", _("sampling plan confirmed")
    SAMPLING = "sampling", _("sampling in progress")
    ANALYSING = "analysing", _("laboratory analysis")
    REVIEWED = "reviewed", _("technically reviewed")
    APPROVED = "approved", _("approved by the signatory")
    ISSUED = "issued", _("report issued")


class JudgementEdition(models.TextChoices):
    """The edition of GBZ 2.1 whose short-term rule judges a project (the engine's ``Edition``)."""

    GBZ_2_1_2019 = Edition.GBZ_2_1_2019.value, _("GBZ 2.1-2019 (peak exposure rule)")
    GBZ_2_1_2007 = Edition.GBZ_2_1_2007.value, _("GBZ 2.1-2007 (excursion multiples, to re-issue an old report)")


class ProjectPurpose(models.TextChoices):
    PERIODIC = "periodic", _("periodic measurement")
    ROUTINE = "routine", _("routine measurement")
    EVALUATION = "evaluation", _("current-status evaluation")


class SampleKind(models.TextChoices):
    # GBZ 159-2004: long-term (full-shift) and short-term samples; GBZ/T 189.8 noise; GBZ/T 192 dust.
    TWA = "twa", _("long-term sample (C_TWA)")
    SHORT = "short", _("short-term sample (15 min)")
    DUST_TOTAL = "dust_total", _("total dust")
    DUST_RESPIRABLE = "dust_respirable", _("respirable dust")
    NOISE = "noise", _("noise L_Aeq")


class SampleStatus(models.TextChoices):
    SAMPLING = "sampling", _("sampling")
    COLLECTED = "collected", _("collected")
    ANALYSED = "analysed", _("analysed")


class SignatoryStatus(models.TextChoices):
    # Expiry is not a status: it follows from the dates on the day of the approval.
    ACTIVE = "active", _("authorised")
    REVOKED = "revoked", _("revoked")


class SignatoryStanding(models.TextChoices):
    """The labels of ``rules.signatories.Standing``, for pages."""

    VALID = "valid", _("valid")
    NOT_YET_VALID = "not_yet_valid", _("not yet valid")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("revoked")
