"""Penalty cases (行政处罚案件) and what hangs on them: evidence, compulsory measures, remedies."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.querysets import ScopedQuerySet, ScopeSpec
from ohs.enforcement.choices import CaseStatus, EvidenceKind, RemedyKind, RemedyOutcome

CASE_SCOPE = ScopeSpec(region="county", organisation="employer__organisation", org_may_change=False)
CASE_PART_SCOPE = ScopeSpec(region="case__county", organisation="case__employer__organisation", org_may_change=False)


class CaseQuerySet(ScopedQuerySet["Case"]):
    scope = CASE_SCOPE


class Case(models.Model):
    ref = models.CharField(_("case number"), max_length=40, unique=True)
    action_code = models.ForeignKey(
        "enforcement.ActionCode", on_delete=models.PROTECT, related_name="cases", verbose_name=_("action code")
    )
    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.PROTECT, related_name="cases", verbose_name=_("employer")
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    body = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("enforcing body")
    )
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("officers"))
    article = models.CharField(_("violated provision"), max_length=32)
    findings = models.TextField(_("facts found"))
    status = models.CharField(
        _("stage"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.PROPOSED, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # filing (立案)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    filing_approved_by = models.CharField(_("filing approved by"), max_length=150, blank=True)
    decision_due_on = models.DateField(_("decision due by"), null=True, blank=True)
    extension_days = models.PositiveIntegerField(_("approved extension (days)"), default=0)
    extension_approved_on = models.DateField(_("extension approved on"), null=True, blank=True)
    extension_approved_by = models.CharField(_("extension approved by"), max_length=150, blank=True)
    # correction order (责令改正)
    correction_deadline = models.DateField(_("correction deadline"), null=True, blank=True)
    corrected_on = models.DateField(_("corrected on"), null=True, blank=True)
    # discretion
    circumstances = models.JSONField(_("circumstances"), default=list, blank=True)
    benchmark = models.ForeignKey(
        "enforcement.Benchmark", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    benchmark_version = models.CharField(_("benchmark version used"), max_length=160, blank=True)
    proposed_tier = models.CharField(_("proposed tier"), max_length=8, blank=True)
    proposed_fine_yuan = models.DecimalField(
        _("proposed fine (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    tier_min_yuan = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    tier_max_yuan = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    proposal_reasons = models.TextField(_("reasons of the proposal"), blank=True)
    # advance notice (事先告知) and defence (陈述申辩)
    noticed_fine_yuan = models.DecimalField(
        _("fine in the advance notice (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    departure_reason = models.TextField(_("reason for departing from the proposal"), blank=True)
    notice_served_on = models.DateField(_("advance notice served on"), null=True, blank=True)
    hearing_request_due_on = models.DateField(_("hearing request due by"), null=True, blank=True)
    defence = models.TextField(_("statement and defence"), blank=True)
    defence_heard_on = models.DateField(_("defence heard on"), null=True, blank=True)
    hearing_requested_on = models.DateField(_("hearing requested on"), null=True, blank=True)
    hearing_notice_served_on = models.DateField(_("hearing notice served on"), null=True, blank=True)
    hearing_on = models.DateField(_("hearing date"), null=True, blank=True)
    hearing_place = models.CharField(_("hearing place"), max_length=200, blank=True)
    hearing_held_on = models.DateField(_("hearing held on"), null=True, blank=True)
    # collegial discussion of the case handlers (合议记录, 卫生部令第34号) after the investigation
    collegial_on = models.DateField(_("collegial discussion on"), null=True, blank=True)
    collegial_record = models.TextField(_("collegial discussion record"), blank=True)
    # legal review (法制审核) and collective discussion (集体讨论)
    legal_review_required = models.BooleanField(_("legal review required"), default=False)
    legal_review_on = models.DateField(_("legal review on"), null=True, blank=True)
    legal_review_opinion = models.TextField(_("legal review opinion"), blank=True)
    collective_required = models.BooleanField(_("collective discussion required"), default=False)
    collective_reasons = models.TextField(_("why collective discussion is required"), blank=True)
    collective_on = models.DateField(_("collective discussion on"), null=True, blank=True)
    collective_record = models.TextField(_("collective discussion record"), blank=True)
    # decision, service, payment
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    fine_yuan = models.DecimalField(_("fine (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    decision_text = models.TextField(_("decision"), blank=True)
    served_on = models.DateField(_("decision served on"), null=True, blank=True)
    payment_due_on = models.DateField(_("payment due by"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    surcharge_yuan = models.DecimalField(
        _("late-payment surcharge (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # no penalty for a first minor violation
    no_penalty_item = models.CharField(_("no-penalty list item"), max_length=32, blank=True)
    no_penalty_basis = models.TextField(_("no-penalty basis"), blank=True)
    commitment_signed_on = models.DateField(_("commitment signed on"), null=True, blank=True)
    commitment_signed_by = models.CharField(_("commitment signed by"), max_length=64, blank=True)
    education_record = models.TextField(_("education record"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("penalty case")
        verbose_name_plural = _("penalty cases")
        permissions = [("sign_commitment", "Can sign a notification-and-commitment letter")]
        indexes = [models.Index(fields=["county", "status"]), models.Index(fields=["employer", "status"])]

    def __str__(self) -> str:
        return self.ref


class EvidenceQuerySet(ScopedQuerySet["Evidence"]):
    scope = CASE_PART_SCOPE


class Evidence(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=24, choices=EvidenceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"), blank=True)
    file = models.FileField(_("file"), upload_to="enforcement/evidence/%Y/%m/", blank=True)
    collected_on = models.DateField(_("collected on"))
    recorded_by_label = models.CharField(_("recorded by"), max_length=150)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["collected_on", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title


class CompulsoryMeasureQuerySet(ScopedQuerySet["CompulsoryMeasure"]):
    scope = CASE_PART_SCOPE


class CompulsoryMeasure(models.Model):
    """The reminder (催告) and the application to the court for enforcement (行政强制法 Art.53-54)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="compulsory")
    reminder_served_on = models.DateField(_("reminder served on"))
    earliest_application_on = models.DateField(_("court application from"))
    court_applied_on = models.DateField(_("court application on"), null=True, blank=True)
    court = models.CharField(_("court"), max_length=100, blank=True)
    result = models.TextField(_("result"), blank=True)

    objects = CompulsoryMeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("compulsory measure")
        verbose_name_plural = _("compulsory measures")

    def __str__(self) -> str:
        return f"{self.case} {self.reminder_served_on}"


class RemedyQuerySet(ScopedQuerySet["Remedy"]):
    scope = CASE_PART_SCOPE


class Remedy(models.Model):
    """Reconsideration (复议) or litigation (诉讼) against the decision, with its outcome."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(_("kind"), max_length=16, choices=RemedyKind.choices)
    filed_on = models.DateField(_("filed on"))
    filing_due_on = models.DateField(_("filing period ended"))
    body = models.CharField(_("reconsideration body or court"), max_length=100)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=RemedyOutcome.choices, default=RemedyOutcome.PENDING
    )
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)

    objects = RemedyQuerySet.as_manager()

    class Meta:
        ordering = ["filed_on", "id"]
        verbose_name = _("remedy")
        verbose_name_plural = _("remedies")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}"
