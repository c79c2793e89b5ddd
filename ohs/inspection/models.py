"""Random-inspection plans and draws, the inspector pool, inspections and complaints."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.actor import Actor
from ohs.core.querysets import Action, ScopedQuerySet, ScopeSpec
from ohs.inspection.choices import (
    ComplaintStatus,
    ConflictRelation,
    ConflictStatus,
    InspectionKind,
    InspectionStatus,
    InspectorStatus,
    PlanLevel,
    PlanStatus,
)


def _issuers_above(actor: Actor, action: Action) -> Q | None:
    """A governing body also sees (not changes) the plans of the province and city above it."""
    code = actor.region_code
    if action is not Action.VIEW or not actor.is_governing or code is None or len(code) != 6:
        return None
    return Q(region_id__in={f"{code[:2]}0000", f"{code[:4]}00"})


class InspectionPlanQuerySet(ScopedQuerySet["InspectionPlan"]):
    scope = ScopeSpec(region="region", grant=_issuers_above)


class InspectionPlan(models.Model):
    """A random-inspection plan (抽查计划): items, period, pool and per-class ratios; its draw."""

    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=PlanLevel.choices)
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("issued for"))
    items = models.JSONField(_("inspection items"), default=list)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    entity_types = models.JSONField(_("entity types"), default=list)
    pool_regions = models.JSONField(_("regions of the pool"), default=list)
    pool_industries = models.JSONField(_("industries of the pool"), default=list)
    class_ratios = models.JSONField(_("ratios per class"), default=dict)
    min_inspectors_per_task = models.PositiveSmallIntegerField(_("inspectors per task"), default=2)
    is_stratified_by_region = models.BooleanField(_("stratified by region"), default=False)
    seed = models.CharField(_("seed"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by_label = models.CharField(_("created by"), max_length=150, blank=True)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    drawn_by_label = models.CharField(_("drawn by"), max_length=150, blank=True)
    published_inputs = models.JSONField(_("published inputs"), null=True, blank=True)
    inputs_digest = models.CharField(_("inputs digest"), max_length=64, blank=True)
    result = models.JSONField(_("draw result"), null=True, blank=True)
    rule_version = models.CharField(_("rule version"), max_length=40, blank=True)
    config_version = models.CharField(_("configuration version"), max_length=64, blank=True)

    objects = InspectionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-id"]
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")

    def __str__(self) -> str:
        return self.title


class InspectorQuerySet(ScopedQuerySet["Inspector"]):
    scope = ScopeSpec(region="county")


class Inspector(models.Model):
    """An entry of the inspector pool (执法检查人员名录库), kept by the regulator of its jurisdiction."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inspector", verbose_name=_("user")
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    status = models.CharField(
        _("status"), max_length=16, choices=InspectorStatus.choices, default=InspectorStatus.ACTIVE, db_index=True
    )
    former_employer = models.ForeignKey(
        "registry.Employer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("former employer"),
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    objects = InspectorQuerySet.as_manager()

    class Meta:
        ordering = ["county_id", "id"]
        verbose_name = _("inspector")
        verbose_name_plural = _("inspectors")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_active(self) -> bool:
        """Drawn for tasks (a removed inspector keeps their history but gets no new task)."""
        return self.status == InspectorStatus.ACTIVE

    @property
    def pool_id(self) -> str:
        return f"I{self.pk}"


def open_tasks(path: str = "") -> Q:
    """Tasks still on an inspector's desk (no record yet, or its result not yet entered): the
    load the draw balances and the pool page shows. ``path`` leads from the queried model to the task."""
    return Q(**{f"{path}inspection__isnull": True}) | Q(**{f"{path}inspection__status": InspectionStatus.OPEN})


def _own_conflicts(actor: Actor, action: Action) -> Q | None:
    """An inspector sees and withdraws the conflicts they declared themselves."""
    return Q(inspector__user_id=actor.user_id) if actor.user_id is not None else None


class InspectorConflictQuerySet(ScopedQuerySet["InspectorConflict"]):
    scope = ScopeSpec(region="county", grant=_own_conflicts)


class InspectorConflict(models.Model):
    """A declared interest (利害关系) that bars an inspector from an employer (回避) while declared."""

    inspector = models.ForeignKey(Inspector, on_delete=models.CASCADE, related_name="conflicts")
    # The inspector's region when declared, so the regulator's scope needs no join.
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.CASCADE, related_name="+", verbose_name=_("employer")
    )
    relation = models.CharField(
        _("relation"), max_length=16, choices=ConflictRelation.choices, default=ConflictRelation.OTHER
    )
    reason = models.CharField(_("details"), max_length=200)
    since_on = models.DateField(_("since"))
    status = models.CharField(
        _("status"), max_length=16, choices=ConflictStatus.choices, default=ConflictStatus.DECLARED, db_index=True
    )
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = InspectorConflictQuerySet.as_manager()

    class Meta:
        ordering = ["-declared_at", "-id"]
        verbose_name = _("declared conflict")
        verbose_name_plural = _("declared conflicts")
        constraints = [
            models.UniqueConstraint(
                fields=["inspector", "employer"],
                condition=Q(status="declared"),
                name="one_declared_conflict_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.inspector_id} · {self.employer_id}"


class InspectionTaskQuerySet(ScopedQuerySet["InspectionTask"]):
    scope = ScopeSpec(region="county")


class InspectionTask(models.Model):
    """A drawn entity with its inspectors: one task of a plan."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="tasks")
    employer = models.ForeignKey("registry.Employer", on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    risk_class = models.CharField(_("class"), max_length=4)
    inspectors = models.ManyToManyField(Inspector, related_name="tasks", blank=True)
    reasons = models.JSONField(_("reasons"), default=list)

    objects = InspectionTaskQuerySet.as_manager()

    class Meta:
        ordering = ["plan_id", "county_id", "employer_id"]
        verbose_name = _("inspection task")
        verbose_name_plural = _("inspection tasks")
        constraints = [models.UniqueConstraint(fields=["plan", "employer"], name="one_task_per_plan_employer")]

    def __str__(self) -> str:
        return f"{self.plan_id} · {self.employer_id}"


class ComplaintQuerySet(ScopedQuerySet["Complaint"]):
    scope = ScopeSpec(region="county")


class Complaint(models.Model):
    """投诉举报: received, assigned, handled within the time limit, answered."""

    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    employer = models.ForeignKey(
        "registry.Employer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employer"),
    )
    channel = models.CharField(_("channel"), max_length=32)
    complainant = models.CharField(_("complainant"), max_length=64, blank=True)
    contact = models.CharField(_("contact"), max_length=64, blank=True)
    content = models.TextField(_("content"))
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("handle by"))
    status = models.CharField(
        _("status"), max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handling = models.TextField(_("handling"), blank=True)
    handled_on = models.DateField(_("handled on"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return f"{self.received_on} · {self.content[:20]}"

    @property
    def is_on_time(self) -> bool | None:
        """Handled and answered by the due date (None while still open and not yet due)."""
        if self.answered_on is not None:
            return self.answered_on <= self.due_on
        return False if timezone.localdate() > self.due_on else None


class InspectionQuerySet(ScopedQuerySet["Inspection"]):
    scope = ScopeSpec(region="county", organisation="employer__organisation", org_may_change=False)


class Inspection(models.Model):
    """An inspection record (random, targeted, complaint-driven): items, findings, signature."""

    kind = models.CharField(_("kind"), max_length=16, choices=InspectionKind.choices)
    task = models.OneToOneField(
        InspectionTask, on_delete=models.PROTECT, null=True, blank=True, related_name="inspection"
    )
    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections"
    )
    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.PROTECT, related_name="+", verbose_name=_("employer")
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    items = models.JSONField(_("inspection items"), default=list)
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    action_code = models.CharField(_("administrative action code"), max_length=64, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=InspectionStatus.choices, default=InspectionStatus.OPEN, db_index=True
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    summary = models.TextField(_("summary"), blank=True)
    signed_by = models.CharField(_("signed by"), max_length=64, blank=True)
    refused_to_sign = models.BooleanField(_("refused to sign"), default=False)
    completed_on = models.DateField(_("result entered on"), null=True, blank=True)
    publish_due_on = models.DateField(_("publish by"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    case_ref = models.CharField(_("case"), max_length=64, blank=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return f"{self.employer_id} · {self.started_at:%Y-%m-%d}"


class InspectionFinding(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    item_code = models.CharField(_("inspection item"), max_length=8)
    is_compliant = models.BooleanField(_("compliant"), default=True)
    note = models.TextField(_("finding"), blank=True)

    class Meta:
        ordering = ["inspection_id", "item_code"]
        constraints = [models.UniqueConstraint(fields=["inspection", "item_code"], name="one_finding_per_item")]

    def __str__(self) -> str:
        return self.item_code


class InspectionPhoto(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("photo"), upload_to="inspection/photos/%Y/%m/")
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return str(self.file.name)
