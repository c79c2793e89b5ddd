"""First minor violations: the no-penalty list (province and local extensions) and the minor
violations recorded elsewhere on the platform (self-inspection) that make a later one not "first"."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.querysets import ScopedQuerySet, ScopeSpec


class NoPenaltyItemQuerySet(ScopedQuerySet["NoPenaltyItem"]):
    scope = ScopeSpec(region="region")


class NoPenaltyItem(models.Model):
    item_id = models.CharField(_("item number"), max_length=32)
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    list_version = models.CharField(_("list version"), max_length=64)
    article = models.CharField(_("article"), max_length=32)
    description = models.CharField(_("violation"), max_length=200)
    minor_circumstance = models.CharField(_("minor circumstance"), max_length=200)
    max_harm = models.CharField(_("harm at most"), max_length=16)
    is_confirmed = models.BooleanField(_("confirmed"), default=False)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = NoPenaltyItemQuerySet.as_manager()

    class Meta:
        ordering = ["region_id", "item_id"]
        verbose_name = _("no-penalty list item")
        verbose_name_plural = _("no-penalty list items")
        constraints = [models.UniqueConstraint(fields=["item_id"], name="no_penalty_item_id_unique")]

    def __str__(self) -> str:
        return f"{self.item_id} {self.description}"


class MinorViolationQuerySet(ScopedQuerySet["MinorViolation"]):
    scope = ScopeSpec(region="employer__county", organisation="employer__organisation", org_may_change=False)


class MinorViolation(models.Model):
    """A minor violation found outside a case (e.g. by self-inspection), from an event."""

    employer = models.ForeignKey("registry.Employer", on_delete=models.CASCADE, related_name="+")
    article = models.CharField(_("article"), max_length=32)
    found_on = models.DateField(_("found on"))
    source = models.CharField(_("source"), max_length=64)
    reference = models.CharField(_("reference"), max_length=100)
    event_key = models.CharField(max_length=100, unique=True)  # idempotency key of the event
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = MinorViolationQuerySet.as_manager()

    class Meta:
        ordering = ["-found_on"]
        verbose_name = _("recorded minor violation")
        verbose_name_plural = _("recorded minor violations")

    def __str__(self) -> str:
        return f"{self.article} {self.found_on}"
