"""Risk profiles (风险画像), the classification config in force, rectifications and self-inspections."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.querysets import ScopedQuerySet, ScopeSpec
from ohs.risk.choices import RectificationStatus

# Rows about one employer: its county's regulators and the employer itself see them.
EMPLOYER_ROW_SCOPE = ScopeSpec(region="county", organisation="employer__organisation")


class ClassificationConfigVersion(models.Model):
    """A version of the classification matrix and thresholds as the province edits it (JSON)."""

    version = models.CharField(_("version"), max_length=64, unique=True)
    data = models.JSONField(_("configuration"))
    is_active = models.BooleanField(_("in force"), default=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by_label = models.CharField(_("created by"), max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("classification configuration")
        verbose_name_plural = _("classification configurations")

    def __str__(self) -> str:
        return self.version


class RiskProfileQuerySet(ScopedQuerySet["RiskProfile"]):
    scope = ScopeSpec(region="county", organisation="employer__organisation", org_may_change=False)


class RiskProfile(models.Model):
    """The latest classification of one employer, with what it was computed from."""

    employer = models.OneToOneField(
        "registry.Employer", on_delete=models.CASCADE, related_name="risk_profile", verbose_name=_("employer")
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    scheme_id = models.CharField(_("scheme"), max_length=32)
    risk_class = models.CharField(_("class"), max_length=4, db_index=True)
    matrix_class = models.CharField(_("class before downgrade"), max_length=4)
    grade = models.CharField(_("risk grade"), max_length=4)
    management_grade = models.CharField(_("management grade"), max_length=2)
    exposure_level = models.CharField(_("exposure level"), max_length=16)
    is_downgraded = models.BooleanField(_("downgraded"), default=False)
    shortfalls = models.JSONField(_("shortfalls"), default=list)
    released = models.JSONField(_("released shortfalls"), default=list)
    reasons = models.JSONField(_("reasons"), default=list)
    unknown_inputs = models.JSONField(_("inputs the platform does not hold"), default=list)
    inputs = models.JSONField(_("inputs"), default=dict)
    rule_version = models.CharField(_("rule version"), max_length=40)
    config_version = models.CharField(_("configuration version"), max_length=64)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    objects = RiskProfileQuerySet.as_manager()

    class Meta:
        ordering = ["county_id", "employer_id"]
        verbose_name = _("risk profile")
        verbose_name_plural = _("risk profiles")
        indexes = [models.Index(fields=["county", "risk_class"])]

    def __str__(self) -> str:
        return f"{self.employer_id} · {self.risk_class}"


class RectificationQuerySet(ScopedQuerySet["Rectification"]):
    scope = EMPLOYER_ROW_SCOPE


class Rectification(models.Model):
    """整改: a shortfall the county regulator pushed to the employer, with a deadline."""

    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.CASCADE, related_name="rectifications", verbose_name=_("employer")
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    shortfall_code = models.CharField(_("shortfall"), max_length=40)
    shortfall_title = models.CharField(_("shortfall"), max_length=64)
    evidence = models.TextField(_("evidence"))
    subject = models.CharField(_("hazard"), max_length=100, blank=True)
    clears_when = models.TextField(_("what clears it"))
    instructions = models.TextField(_("instructions"), blank=True)
    deadline = models.DateField(_("deadline"))
    deadline_basis = models.CharField(_("basis of the deadline"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RectificationStatus.choices,
        default=RectificationStatus.PUSHED,
        db_index=True,
    )
    pushed_at = models.DateTimeField(_("pushed at"), default=timezone.now)
    pushed_by_label = models.CharField(_("pushed by"), max_length=150, blank=True)
    actions_taken = models.TextField(_("actions taken"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for sending back"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by_label = models.CharField(_("decided by"), max_length=150, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    objects = RectificationQuerySet.as_manager()

    class Meta:
        ordering = ["-pushed_at", "-id"]
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        indexes = [models.Index(fields=["county", "status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.employer_id} · {self.shortfall_title}"

    @property
    def is_open(self) -> bool:
        return self.status != RectificationStatus.APPROVED

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()


class RectificationEvidence(models.Model):
    """A file the employer attached to its rectification (photos, re-test report, records)."""

    rectification = models.ForeignKey(Rectification, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="risk/rectifications/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.name


class SelfInspectionQuerySet(ScopedQuerySet["SelfInspection"]):
    scope = EMPLOYER_ROW_SCOPE


class SelfInspection(models.Model):
    """An employer's self-inspection against the checklist, with its management self-check score."""

    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.CASCADE, related_name="self_inspections", verbose_name=_("employer")
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    performed_on = models.DateField(_("performed on"))
    score = models.DecimalField(_("self-check score"), max_digits=5, decimal_places=1)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by_label = models.CharField(_("recorded by"), max_length=150, blank=True)

    objects = SelfInspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-performed_on", "-id"]
        verbose_name = _("self-inspection")
        verbose_name_plural = _("self-inspections")

    def __str__(self) -> str:
        return f"{self.employer_id} · {self.performed_on}"


class SelfInspectionItemQuerySet(ScopedQuerySet["SelfInspectionItem"]):
    scope = ScopeSpec(region="inspection__county", organisation="inspection__employer__organisation")


class SelfInspectionItem(models.Model):
    """One checklist item (reference/inspection_items.csv): compliant, or the problem and its fix."""

    inspection = models.ForeignKey(SelfInspection, on_delete=models.CASCADE, related_name="items")
    item_code = models.CharField(_("inspection item"), max_length=8)
    is_compliant = models.BooleanField(_("compliant"), default=True)
    problem = models.TextField(_("problem found"), blank=True)
    is_minor = models.BooleanField(_("minor violation"), default=False)
    correct_by = models.DateField(_("correct by"), null=True, blank=True)
    corrected_on = models.DateField(_("corrected on"), null=True, blank=True, db_index=True)
    correction = models.TextField(_("correction"), blank=True)

    objects = SelfInspectionItemQuerySet.as_manager()

    class Meta:
        ordering = ["inspection_id", "item_code"]
        verbose_name = _("self-inspection item")
        verbose_name_plural = _("self-inspection items")
        constraints = [models.UniqueConstraint(fields=["inspection", "item_code"], name="one_result_per_item")]

    def __str__(self) -> str:
        return self.item_code

    @property
    def is_corrected_in_time(self) -> bool:
        """A minor violation corrected by its deadline (the first-minor-violation rule reads this)."""
        return (
            self.is_minor
            and self.corrected_on is not None
            and self.correct_by is not None
            and self.corrected_on <= self.correct_by
        )
