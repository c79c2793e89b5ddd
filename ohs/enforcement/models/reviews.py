"""Case-file review (案卷评查) campaigns and city audits of counties (执法稽查)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.actor import Actor
from ohs.core.querysets import Action, ScopedQuerySet, ScopeSpec
from ohs.enforcement.choices import AuditStatus, DisputeOutcome, FindingSource, ReviewStatus


def _campaigns_above(actor: Actor, action: Action) -> Q | None:
    """A county or city sees, read-only, the campaigns of the city and province above it."""
    code = actor.region_code
    if action is not Action.VIEW or not actor.is_governing or code is None:
        return None
    return Q(region_id__in=[f"{code[:2]}0000", f"{code[:4]}00"])


class CampaignQuerySet(ScopedQuerySet["ReviewCampaign"]):
    scope = ScopeSpec(region="region", grant=_campaigns_above)


class ReviewCampaign(models.Model):
    name = models.CharField(_("name"), max_length=120)
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    organiser = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    decided_from = models.DateField(_("cases decided from"))
    decided_to = models.DateField(_("cases decided to"))
    status = models.CharField(_("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("review campaign")
        verbose_name_plural = _("review campaigns")

    def __str__(self) -> str:
        return self.name


class CaseReviewQuerySet(ScopedQuerySet["CaseReview"]):
    scope = ScopeSpec(region="case__county")


class CaseReview(models.Model):
    campaign = models.ForeignKey(ReviewCampaign, on_delete=models.CASCADE, related_name="reviews")
    case = models.ForeignKey("enforcement.Case", on_delete=models.PROTECT, related_name="reviews")
    score_points = models.IntegerField(_("score"))
    grade = models.CharField(_("grade"), max_length=8)
    comment = models.TextField(_("reviewer's comment"), blank=True)
    reviewer_label = models.CharField(_("reviewer"), max_length=150, blank=True)

    objects = CaseReviewQuerySet.as_manager()

    class Meta:
        ordering = ["campaign_id", "case_id"]
        verbose_name = _("case-file review")
        verbose_name_plural = _("case-file reviews")
        constraints = [models.UniqueConstraint(fields=["campaign", "case"], name="one_review_per_case_and_campaign")]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.case}"


class ReviewFinding(models.Model):
    review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="findings")
    item_code = models.CharField(_("scoring item"), max_length=40)
    title = models.CharField(_("defect"), max_length=200)
    deducted_points = models.IntegerField(_("points deducted"))
    is_fatal = models.BooleanField(_("fatal defect"), default=False)
    evidence = models.TextField(_("evidence"), blank=True)
    source = models.CharField(_("found by"), max_length=16, choices=FindingSource.choices)
    dispute = models.CharField(
        _("dispute"), max_length=16, choices=DisputeOutcome.choices, default=DisputeOutcome.NONE, blank=True
    )
    dispute_reason = models.TextField(_("why it is disputed"), blank=True)
    discussion_record = models.TextField(_("legal discussion record"), blank=True)

    class Meta:
        ordering = ["review_id", "id"]
        verbose_name = _("review finding")
        verbose_name_plural = _("review findings")

    def __str__(self) -> str:
        return self.title

    @property
    def counts(self) -> bool:
        """A deduction withdrawn by the legal discussion no longer counts."""
        return self.dispute != DisputeOutcome.WITHDRAWN


class AuditQuerySet(ScopedQuerySet["EnforcementAudit"]):
    scope = ScopeSpec(region="county")


class EnforcementAudit(models.Model):
    """A city's audit of a county's enforcement (执法稽查): findings and their follow-up."""

    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    auditor = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    audited_on = models.DateField(_("audited on"))
    findings = models.TextField(_("findings"))
    follow_up_due_on = models.DateField(_("follow-up due by"))
    follow_up = models.TextField(_("follow-up"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=AuditStatus.choices, default=AuditStatus.OPEN)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-audited_on"]
        verbose_name = _("enforcement audit")
        verbose_name_plural = _("enforcement audits")

    def __str__(self) -> str:
        return f"{self.county_id} {self.audited_on}"
