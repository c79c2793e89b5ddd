"""Workers (劳动者). The ID number is sensitive personal information: stored encrypted, found
by a keyed digest, shown masked unless the role needs the full value (and then logged)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.querysets import ScopedQuerySet, ScopeSpec


class Sex(models.TextChoices):
    MALE = "M", _("male")
    FEMALE = "F", _("female")


class WorkerQuerySet(ScopedQuerySet["Worker"]):
    # Regulators by the county of the current employer; an employer its current staff; a
    # worker only themself.
    scope = ScopeSpec(region="county", organisation="current_employer__organisation", worker="pk")


class Worker(models.Model):
    name = models.CharField(_("name"), max_length=64)
    id_number_encrypted = models.TextField(editable=False)
    id_number_digest = models.CharField(max_length=64, unique=True, editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=18, editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    current_employer = models.ForeignKey(
        "registry.Employer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workers",
        verbose_name=_("current employer"),
    )
    # The county of the current employer, kept on the row so jurisdiction filters need no join.
    county = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("county")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="worker_profile",
        verbose_name=_("login"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = WorkerQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        indexes = [models.Index(fields=["county", "current_employer"])]

    def __str__(self) -> str:
        return self.name
