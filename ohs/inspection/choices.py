from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanLevel(models.TextChoices):
    NATIONAL = "national", _("national")
    PROVINCIAL = "provincial", _("provincial")
    CITY = "city", _("city")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    DRAWN = "drawn", _("drawn and published")


class InspectionKind(models.TextChoices):
    RANDOM = "random", _("random inspection")
    TARGETED = "targeted", _("targeted inspection")
    COMPLAINT = "complaint", _("complaint-driven inspection")


class InspectionStatus(models.TextChoices):
    OPEN = "open", _("in progress")
    COMPLETED = "completed", _("result entered")
    PUBLISHED = "published", _("result published")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    ASSIGNED = "assigned", _("assigned")
    HANDLED = "handled", _("handled")
    ANSWERED = "answered", _("answered")


class InspectorStatus(models.TextChoices):
    ACTIVE = "active", _("in the pool")
    REMOVED = "removed", _("removed from the pool")


class ConflictStatus(models.TextChoices):
    DECLARED = "declared", _("declared")
    WITHDRAWN = "withdrawn", _("withdrawn")


class ConflictRelation(models.TextChoices):
    """Kinds of interest that call for avoidance (回避) of an inspection."""

    RELATIVE = "relative", _("a close relative works there or holds a stake")
    FORMER_POST = "former_post", _("I worked there")
    FINANCIAL = "financial", _("a financial interest")
    DISPUTE = "dispute", _("a dispute or other personal tie")
    OTHER = "other", _("another interest that may affect impartiality")
