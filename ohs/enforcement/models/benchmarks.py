"""Discretion benchmarks: versioned provincial tiers and the local refinements accepted inside them."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.querysets import ScopedQuerySet, ScopeSpec


class Benchmark(models.Model):
    """A provincial benchmark version; its tiers as fractions of each statutory range."""

    version = models.CharField(_("version"), max_length=64, unique=True)
    effective_on = models.DateField(_("in force from"))
    tiers = models.JSONField(_("tiers"))  # [{level, lower, upper, selecting: [...]}]
    proposal_fraction = models.DecimalField(_("proposal position in the tier"), max_digits=4, decimal_places=3)
    source = models.TextField(_("source"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-effective_on"]
        verbose_name = _("discretion benchmark")
        verbose_name_plural = _("discretion benchmarks")

    def __str__(self) -> str:
        return self.version


class RefinementQuerySet(ScopedQuerySet["BenchmarkRefinement"]):
    scope = ScopeSpec(region="region")


class BenchmarkRefinement(models.Model):
    """A city's or county's narrower amounts inside one provincial tier of one article."""

    benchmark = models.ForeignKey(Benchmark, on_delete=models.PROTECT, related_name="refinements")
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    version = models.CharField(_("version"), max_length=64)
    article = models.CharField(_("article"), max_length=32)
    level = models.CharField(_("tier"), max_length=8)
    fine_min_yuan = models.DecimalField(_("lowest fine (yuan)"), max_digits=12, decimal_places=2)
    fine_max_yuan = models.DecimalField(_("highest fine (yuan)"), max_digits=12, decimal_places=2)
    condition = models.CharField(_("condition"), max_length=200, blank=True)
    created_by_label = models.CharField(_("entered by"), max_length=150)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = RefinementQuerySet.as_manager()

    class Meta:
        ordering = ["region_id", "article", "level"]
        verbose_name = _("benchmark refinement")
        verbose_name_plural = _("benchmark refinements")
        constraints = [
            models.UniqueConstraint(
                fields=["benchmark", "region", "article", "level"], name="one_refinement_per_tier_and_region"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.article} {self.level}"
