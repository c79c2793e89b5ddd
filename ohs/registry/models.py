"""Employers (用人单位): the supervised entities every service and rule reads."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.querysets import ScopedQuerySet, ScopeSpec
from ohs.registry.choices import EmployerStatus, SizeClass


class EmployerQuerySet(ScopedQuerySet["Employer"]):
    scope = ScopeSpec(region="county", organisation="organisation")


class Employer(models.Model):
    organisation = models.OneToOneField(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employer",
        verbose_name=_("platform account"),
    )
    uscc = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=128)
    name_initials = models.CharField(_("pinyin initials"), max_length=128, db_index=True, editable=False)
    legal_representative = models.CharField(_("legal representative"), max_length=64, blank=True)
    industry_code = models.CharField(_("industry (GB/T 4754-2017)"), max_length=5, blank=True, db_index=True)
    economic_type = models.CharField(_("economic type"), max_length=32, blank=True)
    size_class = models.CharField(_("size"), max_length=8, choices=SizeClass.choices, blank=True)
    county = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="employers", verbose_name=_("county")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=64, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=EmployerStatus.choices, default=EmployerStatus.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["county_id", "name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        indexes = [models.Index(fields=["county", "status"])]

    def __str__(self) -> str:
        return self.name
