"""Administrative action codes (行政行为码): one per supervisory act, carried by what follows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.querysets import ScopedQuerySet, ScopeSpec
from ohs.enforcement.choices import ActKind

# Who sees a code: the jurisdiction of its county and the employer it is about (一码查询).
ABOUT_EMPLOYER_SCOPE = ScopeSpec(region="county", organisation="employer__organisation", org_may_change=False)


class ActionCodeQuerySet(ScopedQuerySet["ActionCode"]):
    scope = ABOUT_EMPLOYER_SCOPE


class ActionCode(models.Model):
    code = models.CharField(_("action code"), max_length=40, unique=True)
    kind = models.CharField(_("kind of act"), max_length=24, choices=ActKind.choices)
    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.PROTECT, related_name="action_codes", verbose_name=_("employer")
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    body = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("enforcing body")
    )
    subject_type = models.CharField(_("subject type"), max_length=64)
    subject_id = models.CharField(_("subject id"), max_length=64)
    title = models.CharField(_("title"), max_length=200)
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("officers"))
    legal_basis = models.TextField(_("legal basis"), blank=True)
    stage = models.CharField(_("current stage"), max_length=64)
    result = models.TextField(_("results"), blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by_label = models.CharField(_("issued by"), max_length=150)

    objects = ActionCodeQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("administrative action code")
        verbose_name_plural = _("administrative action codes")
        indexes = [models.Index(fields=["subject_type", "subject_id"]), models.Index(fields=["employer", "kind"])]

    def __str__(self) -> str:
        return self.code
