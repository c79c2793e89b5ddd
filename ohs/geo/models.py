"""The GB/T 2260 region tree: province → prefecture-level city → county-level unit."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ohs.geo.rules.codes import CodeRange, Level, descendant_range


class RegionQuerySet(models.QuerySet["Region"]):
    def within(self, code: str) -> RegionQuerySet:
        """The region and all its descendants, as an indexed range on the code."""
        span = descendant_range(code)
        return self.filter(code__gte=span.lo, code__lt=span.hi)

    def counties(self) -> RegionQuerySet:
        return self.filter(level=Level.COUNTY)

    def cities(self) -> RegionQuerySet:
        return self.filter(level=Level.CITY)


class Region(models.Model):
    """One administrative division. The code is the primary key, so every foreign key to a
    region stores the code itself and jurisdiction filters need no join."""

    code = models.CharField(_("GB/T 2260 code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    level = models.CharField(
        _("level"),
        max_length=8,
        choices=[(Level.PROVINCE, _("province")), (Level.CITY, _("city")), (Level.COUNTY, _("county"))],
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @property
    def span(self) -> CodeRange:
        return descendant_range(self.code)

    @property
    def full_name(self) -> str:
        """Name with its ancestors below the province, e.g. 杭州市上城区."""
        if self.level == Level.COUNTY and self.parent is not None:
            return f"{self.parent.name}{self.name}"
        return self.name
