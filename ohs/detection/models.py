"""Measurement projects (检测项目): contract, survey, plan, field samples, lab results, findings.

A project belongs to its employer's county (the regulator sees it), to the technical service
institution that runs it (which changes it) and is visible to the employer that commissioned it.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.querysets import Action, ScopedQuerySet, ScopeSpec
from ohs.detection.choices import (
    JudgementEdition,
    ProjectPurpose,
    ProjectStatus,
    SampleKind,
    SampleStatus,
    SignatoryStatus,
)
from ohs.detection.rules.labels import metric_zh
from ohs.detection.rules.signatories import Scope, Standing, standing_on
from ohs.hazards.choices import Category
from ohs.hazards.models import VALUE_DECIMALS, VALUE_DIGITS


def _employer_sees(path: str) -> Any:
    """The commissioning employer reads its projects (never changes them)."""

    def grant(actor: Any, action: Action) -> Q | None:
        if action is not Action.VIEW or actor.organisation_id is None:
            return None
        return Q(**{path: actor.organisation_id})

    return grant


PROJECT_SCOPE = ScopeSpec(region="county", organisation="institution", grant=_employer_sees("employer__organisation"))
PART_SCOPE = ScopeSpec(
    region="project__county",
    organisation="project__institution",
    grant=_employer_sees("project__employer__organisation"),
)


class ProjectQuerySet(ScopedQuerySet["Project"]):
    scope = PROJECT_SCOPE


class Project(models.Model):
    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.PROTECT, related_name="detection_projects", verbose_name=_("employer")
    )
    institution = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="detection_projects",
        verbose_name=_("technical service institution"),
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    code = models.CharField(_("project number"), max_length=32, unique=True)
    purpose = models.CharField(_("purpose"), max_length=16, choices=ProjectPurpose.choices)
    contract_number = models.CharField(_("contract number"), max_length=64)
    contract_signed_on = models.DateField(_("contract signed on"))
    status = models.CharField(
        _("status"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.CONTRACTED, db_index=True
    )
    declaration_id = models.PositiveIntegerField(_("declaration in force"), null=True, blank=True)
    catalogue_version = models.PositiveIntegerField(_("catalogue version"))
    # Chosen at contract, fixed once sampling starts: 2007 only to re-issue a report written under it.
    edition = models.CharField(
        _("edition of GBZ 2.1"),
        max_length=16,
        choices=JudgementEdition.choices,
        default=JudgementEdition.GBZ_2_1_2019,
    )
    process_description = models.TextField(_("production process"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    surveyed_at = models.DateTimeField(_("surveyed at"), null=True, blank=True)
    sampling_started_at = models.DateTimeField(_("sampling started at"), null=True, blank=True)
    sampling_finished_at = models.DateTimeField(_("sampling finished at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by_label = models.CharField(_("technical reviewer"), max_length=150, blank=True)
    # Kept so the signatory can be checked to be someone else than the reviewer.
    reviewed_by_user = models.ForeignKey(
        "orgs.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("reviewed by")
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by_label = models.CharField(_("authorised signatory"), max_length=150, blank=True)
    # The registration the approval was checked against: the report names its person and basis.
    approved_signatory = models.ForeignKey(
        "detection.Signatory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_projects",
        verbose_name=_("authorised signatory"),
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    # Recorded at issue for the institution's star rating (timeliness and completeness).
    days_to_issue = models.PositiveIntegerField(_("days from contract to report"), null=True, blank=True)
    samples_planned = models.PositiveIntegerField(_("samples planned"), default=0)
    samples_taken = models.PositiveIntegerField(_("samples taken"), default=0)
    hazards_justified = models.PositiveIntegerField(_("hazards not sampled, justified"), default=0)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("measurement project")
        verbose_name_plural = _("measurement projects")
        indexes = [models.Index(fields=["county", "status"]), models.Index(fields=["employer", "status"])]

    def __str__(self) -> str:
        return f"{self.code} · {self.employer.name}"

    @property
    def is_locked(self) -> bool:
        """Field and lab records are frozen once the technical review is done."""
        return self.status in (ProjectStatus.REVIEWED, ProjectStatus.APPROVED, ProjectStatus.ISSUED)


class SurveyPostQuerySet(ScopedQuerySet["SurveyPost"]):
    scope = PART_SCOPE


class SurveyPost(models.Model):
    """A post as found on site: who is exposed, how long, and what protects them."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="survey_posts")
    post = models.ForeignKey("registry.Post", on_delete=models.PROTECT, related_name="+", verbose_name=_("post"))
    exposed_workers = models.PositiveIntegerField(_("exposed workers"))
    shift_hours = models.DecimalField(_("working hours per day"), max_digits=4, decimal_places=1)
    days_per_week = models.DecimalField(_("working days per week"), max_digits=3, decimal_places=1)
    work_schedule = models.CharField(_("work schedule"), max_length=200, blank=True)
    controls = models.CharField(_("engineering controls and PPE"), max_length=300, blank=True)

    objects = SurveyPostQuerySet.as_manager()

    class Meta:
        ordering = ["project_id", "post_id"]
        verbose_name = _("surveyed post")
        verbose_name_plural = _("surveyed posts")
        constraints = [models.UniqueConstraint(fields=["project", "post"], name="detection_one_survey_per_post")]

    def __str__(self) -> str:
        return str(self.post_id)


class PlanItemQuerySet(ScopedQuerySet["PlanItem"]):
    scope = PART_SCOPE


class PlanItem(models.Model):
    """A hazard found at a surveyed post, and how it is sampled (or why it is not)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="plan_items")
    survey_post = models.ForeignKey(SurveyPost, on_delete=models.CASCADE, related_name="plan_items")
    agent = models.ForeignKey("hazards.Agent", on_delete=models.PROTECT, related_name="+", verbose_name=_("hazard"))
    exposure_hours = models.DecimalField(_("exposure hours per day"), max_digits=4, decimal_places=2)
    sample_kind = models.CharField(_("sampling type"), max_length=16, choices=SampleKind.choices, blank=True)
    samples_planned = models.PositiveIntegerField(_("samples planned"), default=0)
    duration_minutes = models.PositiveIntegerField(_("duration per sample (min)"), default=0)
    method_standard = models.CharField(_("method standard"), max_length=100, blank=True)
    equipment_note = models.CharField(_("equipment"), max_length=100, blank=True)
    free_silica_percent = models.DecimalField(_("free SiO2 (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    justification = models.CharField(_("reason for not sampling"), max_length=300, blank=True)

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        ordering = ["project_id", "survey_post_id", "agent_id", "sample_kind"]
        verbose_name = _("sampling plan item")
        verbose_name_plural = _("sampling plan items")
        constraints = [
            models.UniqueConstraint(
                fields=["survey_post", "agent", "sample_kind"], name="detection_one_plan_item_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_post_id} · {self.agent_id} · {self.sample_kind}"


class EquipmentQuerySet(ScopedQuerySet["Equipment"]):
    scope = ScopeSpec(organisation="institution")


class Equipment(models.Model):
    """A sampler or meter of the institution, with the date its calibration runs out."""

    institution = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="detection_equipment", verbose_name=_("institution")
    )
    name = models.CharField(_("equipment"), max_length=100)
    serial_number = models.CharField(_("serial number"), max_length=64)
    calibrated_until = models.DateField(_("calibration valid until"))

    objects = EquipmentQuerySet.as_manager()

    class Meta:
        ordering = ["institution_id", "name", "serial_number"]
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        constraints = [
            models.UniqueConstraint(fields=["institution", "serial_number"], name="detection_equipment_serial")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.serial_number})"

    def is_calibrated_on(self, day: Any) -> bool:
        return bool(self.calibrated_until >= day)


class SampleQuerySet(ScopedQuerySet["Sample"]):
    scope = PART_SCOPE


class Sample(models.Model):
    """One field sample: times are the server's, never the client's; results come from the lab."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="samples")
    plan_item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, related_name="samples")
    code = models.CharField(_("sample number"), max_length=40, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=SampleStatus.choices, default=SampleStatus.SAMPLING, db_index=True
    )
    sampler_label = models.CharField(_("sampler"), max_length=150)
    equipment = models.ForeignKey(Equipment, on_delete=models.PROTECT, related_name="samples")
    location = models.CharField(_("sampling location"), max_length=200)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    flow_before_l_per_min = models.DecimalField(
        _("flow before (L/min)"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    flow_after_l_per_min = models.DecimalField(
        _("flow after (L/min)"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    photo = models.FileField(_("photo"), upload_to="detection/photos/%Y/%m/", blank=True)
    mass_ug = models.DecimalField(
        _("mass found (ug)"), max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS, null=True, blank=True
    )
    volume_l = models.DecimalField(_("air volume (L)"), max_digits=10, decimal_places=3, null=True, blank=True)
    value = models.DecimalField(
        _("result"), max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS, null=True, blank=True
    )
    lod = models.DecimalField(
        _("limit of detection"), max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS, null=True, blank=True
    )
    is_below_lod = models.BooleanField(_("below the limit of detection"), default=False)
    reproduced_value = models.DecimalField(
        _("result reproduced by the platform"),
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_DECIMALS,
        null=True,
        blank=True,
    )
    result_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)
    result_by_label = models.CharField(_("result recorded by"), max_length=150, blank=True)

    objects = SampleQuerySet.as_manager()

    class Meta:
        ordering = ["project_id", "started_at", "id"]
        verbose_name = _("sample")
        verbose_name_plural = _("samples")

    def __str__(self) -> str:
        return self.code

    @property
    def minutes(self) -> float | None:
        if self.ended_at is None:
            return None
        return (self.ended_at - self.started_at).total_seconds() / 60.0


class FindingQuerySet(ScopedQuerySet["Finding"]):
    scope = PART_SCOPE


class Finding(models.Model):
    """One judged figure of one hazard at one post, stored at the technical review with its reasons."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="findings")
    plan_item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, related_name="findings")
    metric = models.CharField(_("metric"), max_length=64)
    measured_value = models.FloatField(_("measured"))
    limit_name = models.CharField(_("limit"), max_length=64)
    limit_value = models.FloatField(_("limit value"))
    unit = models.CharField(_("unit"), max_length=16)
    ratio_to_limit = models.FloatField(_("ratio to the limit"), null=True, blank=True)
    is_compliant = models.BooleanField(_("compliant"), db_index=True)
    reaches_action_level = models.BooleanField(_("reaches the action level"), null=True)
    limit_edition = models.CharField(_("edition"), max_length=32)
    judgement_edition = models.CharField(
        _("edition used for judgement"), max_length=16, choices=JudgementEdition.choices
    )
    rule_version = models.CharField(_("rule version"), max_length=32)
    reasons = models.JSONField(_("reasons"), default=list)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["project_id", "plan_item_id", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"{self.metric} {self.measured_value:g} {self.unit}"

    @property
    def metric_label(self) -> str:
        return metric_zh(self.metric)


class SignatoryQuerySet(ScopedQuerySet["Signatory"]):
    # The institution keeps its register; regulators read those of institutions in their region.
    scope = ScopeSpec(region="institution__region", organisation="institution")


class Signatory(models.Model):
    """A person of a technical service institution authorised to sign its measurement reports
    (授权签字人): for what (scope), on what basis, from when until when; revoked with a reason."""

    institution = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="detection_signatories",
        verbose_name=_("technical service institution"),
    )  # fmt: skip
    user = models.ForeignKey(
        "orgs.User", on_delete=models.PROTECT, related_name="detection_signatories", verbose_name=_("person")
    )
    name = models.CharField(_("name as authorised"), max_length=64)
    basis = models.CharField(_("basis of the authorisation"), max_length=200)
    certificate_number = models.CharField(_("qualification certificate number"), max_length=64)
    scope_all = models.BooleanField(_("every measurement item"), default=False)
    scope_categories = models.JSONField(_("hazard categories"), default=list, blank=True)
    scope_agents = models.ManyToManyField(
        "hazards.Agent", blank=True, related_name="+", verbose_name=_("single hazards")
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=16, choices=SignatoryStatus.choices, default=SignatoryStatus.ACTIVE, db_index=True
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by_label = models.CharField(_("registered by"), max_length=150)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by_label = models.CharField(_("revoked by"), max_length=150, blank=True)
    revoked_reason = models.CharField(_("reason for the revocation"), max_length=300, blank=True)

    objects = SignatoryQuerySet.as_manager()

    class Meta:
        ordering = ["institution_id", "name", "-registered_at"]
        verbose_name = _("authorised signatory")
        verbose_name_plural = _("authorised signatories")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "user"],
                condition=Q(status="active"),
                name="detection_one_standing_signatory_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.certificate_number})"

    def scope(self) -> Scope:
        """The scope as the rules see it (uses prefetched ``scope_agents`` when there)."""
        ids = frozenset(a.pk for a in self.scope_agents.all())
        return Scope(self.scope_all, frozenset(self.scope_categories), ids)

    def standing_on(self, day: Any) -> Standing:
        return standing_on(
            day,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            is_revoked=self.status == SignatoryStatus.REVOKED,
        )

    @property
    def standing_today(self) -> Standing:
        return self.standing_on(timezone.localdate())

    @property
    def scope_label(self) -> str:
        """The scope in the page language: every item, or categories then single hazards."""
        if self.scope_all:
            return str(_("every measurement item"))
        names = [str(Category(c).label) for c in self.scope_categories if c in Category.values]
        return "、".join(names + [a.name_zh for a in self.scope_agents.all()])
