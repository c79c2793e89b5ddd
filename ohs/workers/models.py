"""Workers (劳动者). The ID number is sensitive personal information: stored encrypted, found
by a keyed digest, shown masked unless the role needs the full value (and then logged)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.querysets import ScopedQuerySet, ScopeSpec


class Sex(models.TextChoices):
    MALE = "M", _("male")
    FEMALE = "F", _("female")


class WorkerQuerySet(ScopedQuerySet["Worker"]):
    # Regulators by the county of the current employer; an employer its current staff; a
    # worker only themself.
    scope = ScopeSpec(region="county", organisation="current_employer__organisation", worker="pk")


class Worker(models.Model):
    name = models.CharField(_("name"), max_length=64)
    id_number_encrypted = models.TextField(editable=False)
    id_number_digest = models.CharField(max_length=64, unique=True, editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=18, editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    current_employer = models.ForeignKey(
        "registry.Employer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workers",
        verbose_name=_("current employer"),
    )
    # The county of the current employer, kept on the row so jurisdiction filters need no join.
    county = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("county")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="worker_profile",
        verbose_name=_("login"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = WorkerQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        indexes = [models.Index(fields=["county", "current_employer"])]

    def __str__(self) -> str:
        return self.name


class EmploymentQuerySet(ScopedQuerySet["Employment"]):
    # The employer sees its own employment records, a worker theirs, regulators their region's.
    scope = ScopeSpec(region="employer__county", organisation="employer__organisation", worker="worker")

    def current(self) -> EmploymentQuerySet:
        return self.filter(ended_on__isnull=True)


class Employment(models.Model):
    """One spell of work at one employer, on one post (岗位)."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="employments", verbose_name=_("worker"))
    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.PROTECT, related_name="employments", verbose_name=_("employer")
    )
    post = models.ForeignKey(
        "registry.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employments",
        verbose_name=_("post"),
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=100, blank=True)

    objects = EmploymentQuerySet.as_manager()

    class Meta:
        ordering = ["worker_id", "-started_on"]
        verbose_name = _("employment")
        verbose_name_plural = _("employment history")
        indexes = [models.Index(fields=["employer", "ended_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "employer"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_employment_per_employer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} @ {self.employer}"


class ImportStatus(models.TextChoices):
    HAS_ERRORS = "has_errors", _("has errors")
    READY = "ready", _("ready to import")
    IMPORTED = "imported", _("imported")


class ImportBatchQuerySet(ScopedQuerySet["RosterImport"]):
    scope = ScopeSpec(region="employer__county", organisation="employer__organisation")


class RosterImport(models.Model):
    """An uploaded roster, checked in full (dry run) before anything is written."""

    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.CASCADE, related_name="+", verbose_name=_("employer")
    )
    uploaded_by_label = models.CharField(_("uploaded by"), max_length=150)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    file_name = models.CharField(_("file"), max_length=200)
    content = models.BinaryField(editable=False)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    errors = models.JSONField(_("errors"), default=list)
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    created_count = models.PositiveIntegerField(_("workers created"), default=0)
    hired_count = models.PositiveIntegerField(_("employments recorded"), default=0)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
