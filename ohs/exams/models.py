"""Occupational health exams: institutions, their capacity, bookings, results and follow-ups.

Every record about a worker is seen by the county of the employer, the employer, the worker,
and the exam institution that examines them (through its bookings).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.actor import Actor
from ohs.core.querysets import Action, ScopedQuerySet, ScopeSpec
from ohs.exams.choices import (
    AppointmentStatus,
    BookingStatus,
    ConclusionChoice,
    ExamCategory,
    FollowUpStatus,
    HazardCategory,
    ImportStatus,
    NoticeAudience,
    ReferralStatus,
)
from ohs.orgs.choices import OrgKind, Role


def _institution_grant(path: str) -> Callable[[Actor, Action], Q | None]:
    """The exam institution sees the records of the workers it examines (through its bookings)."""

    def grant(actor: Actor, action: Action) -> Q | None:
        if actor.org_kind == OrgKind.EXAM_INSTITUTION and actor.organisation_id is not None:
            return Q(**{path: actor.organisation_id})
        return None

    return grant


def _employers_view_institutions(actor: Actor, action: Action) -> Q | None:
    if action is Action.VIEW and actor.role == Role.EMPLOYER_MANAGER:
        return Q(is_active=True)
    return None


def _employers_view_capacity(actor: Actor, action: Action) -> Q | None:
    if action is Action.VIEW and actor.role == Role.EMPLOYER_MANAGER:
        return Q(institution__is_active=True)
    return None


class InstitutionQuerySet(ScopedQuerySet["ExamInstitution"]):
    scope = ScopeSpec(region="organisation__region", organisation="organisation", grant=_employers_view_institutions)


class ExamInstitution(models.Model):
    """An exam institution's registration (备案): the hazard categories it may examine."""

    organisation = models.OneToOneField(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="exam_institution", verbose_name=_("organisation")
    )
    record_number = models.CharField(_("registration number"), max_length=64, blank=True)
    hazard_categories = models.JSONField(_("registered hazard categories"), default=list)
    is_active = models.BooleanField(_("connected"), default=True)
    capacity_refreshed_at = models.DateTimeField(_("capacity last updated"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("exam institution")
        verbose_name_plural = _("exam institutions")

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def scope_labels(self) -> str:
        labels = dict(HazardCategory.choices)
        return "、".join(str(labels.get(c, c)) for c in self.hazard_categories)


class SiteQuerySet(ScopedQuerySet["ExamSite"]):
    scope = ScopeSpec(
        region="institution__organisation__region",
        organisation="institution__organisation",
        grant=_employers_view_capacity,
    )


class ExamSite(models.Model):
    institution = models.ForeignKey(
        ExamInstitution, on_delete=models.CASCADE, related_name="sites", verbose_name=_("exam institution")
    )
    name = models.CharField(_("site"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    is_active = models.BooleanField(_("in use"), default=True)

    objects = SiteQuerySet.as_manager()

    class Meta:
        ordering = ["institution_id", "name"]
        verbose_name = _("exam site")
        verbose_name_plural = _("exam sites")
        constraints = [models.UniqueConstraint(fields=["institution", "name"], name="exams_site_name_unique")]

    def __str__(self) -> str:
        return f"{self.institution} · {self.name}"


class CapacityQuerySet(ScopedQuerySet["CapacityDay"]):
    scope = ScopeSpec(
        region="institution__organisation__region",
        organisation="institution__organisation",
        grant=_employers_view_capacity,
    )


class CapacityDay(models.Model):
    """Places published for one site, day, exam category and hazard category; ``booked`` counts
    the places taken. The check constraint is the last line against overbooking."""

    institution = models.ForeignKey(ExamInstitution, on_delete=models.CASCADE, related_name="capacity")
    site = models.ForeignKey(ExamSite, on_delete=models.CASCADE, related_name="capacity", verbose_name=_("site"))
    exam_on = models.DateField(_("exam day"))
    exam_category = models.CharField(_("exam category"), max_length=16, choices=ExamCategory.choices)
    hazard_category = models.CharField(_("hazard category"), max_length=16, choices=HazardCategory.choices)
    capacity = models.PositiveIntegerField(_("places"))
    booked = models.PositiveIntegerField(_("booked"), default=0)
    refreshed_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = CapacityQuerySet.as_manager()

    class Meta:
        ordering = ["exam_on", "site_id", "exam_category", "hazard_category"]
        verbose_name = _("capacity")
        verbose_name_plural = _("capacity")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "exam_on", "exam_category", "hazard_category"], name="exams_capacity_one_per_key"
            ),
            models.CheckConstraint(condition=Q(booked__lte=models.F("capacity")), name="exams_capacity_not_overbooked"),
        ]
        indexes = [models.Index(fields=["institution", "exam_on"])]

    def __str__(self) -> str:
        return f"{self.site} {self.exam_on} {self.exam_category}/{self.hazard_category}"

    @property
    def remaining(self) -> int:
        return max(0, self.capacity - self.booked)


class BookingQuerySet(ScopedQuerySet["Booking"]):
    scope = ScopeSpec(
        region="county",
        organisation="employer__organisation",
        grant=_institution_grant("institution__organisation_id"),
    )


class Booking(models.Model):
    """An employer's batch of workers booked at one site on one day."""

    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.PROTECT, related_name="+", verbose_name=_("employer")
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    institution = models.ForeignKey(
        ExamInstitution, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("exam institution")
    )
    site = models.ForeignKey(ExamSite, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("site"))
    exam_on = models.DateField(_("exam day"))
    exam_category = models.CharField(_("exam category"), max_length=16, choices=ExamCategory.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=BookingStatus.choices, default=BookingStatus.BOOKED, db_index=True
    )
    booked_by_label = models.CharField(_("booked by"), max_length=150)
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["-exam_on", "-pk"]
        verbose_name = _("exam booking")
        verbose_name_plural = _("exam bookings")
        indexes = [models.Index(fields=["institution", "exam_on"]), models.Index(fields=["employer", "status"])]

    def __str__(self) -> str:
        return f"{self.employer} · {self.institution} · {self.exam_on}"


class AppointmentQuerySet(ScopedQuerySet["Appointment"]):
    scope = ScopeSpec(
        region="booking__county",
        organisation="booking__employer__organisation",
        worker="worker",
        grant=_institution_grant("booking__institution__organisation_id"),
    )


class Appointment(models.Model):
    """One worker in a booking, with the schedule decision that made the exam due."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="appointments")
    worker = models.ForeignKey("workers.Worker", on_delete=models.PROTECT, related_name="+", verbose_name=_("worker"))
    hazards = models.JSONField(_("hazards"), default=list)
    hazard_categories = models.JSONField(_("hazard categories"), default=list)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    target_diseases = models.JSONField(_("target diseases"), default=list)
    edition = models.CharField(_("GBZ 188 edition applied"), max_length=32)
    edition_in_force = models.CharField(_("GBZ 188 edition in force"), max_length=32)
    rule_version = models.CharField(_("rule version"), max_length=200)
    basis = models.TextField(_("basis"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["booking_id", "worker__name", "pk"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")

    def __str__(self) -> str:
        return f"{self.worker} · {self.booking.exam_on}"


class ResultQuerySet(ScopedQuerySet["ExamResult"]):
    scope = ScopeSpec(
        region="county",
        organisation="employer__organisation",
        worker="worker",
        grant=_institution_grant("institution__organisation_id"),
    )


class ExamResult(models.Model):
    appointment = models.OneToOneField(Appointment, on_delete=models.PROTECT, related_name="result")
    worker = models.ForeignKey("workers.Worker", on_delete=models.PROTECT, related_name="+", verbose_name=_("worker"))
    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.PROTECT, related_name="+", verbose_name=_("employer")
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    institution = models.ForeignKey(
        ExamInstitution, on_delete=models.PROTECT, related_name="results", verbose_name=_("exam institution")
    )
    exam_category = models.CharField(_("exam category"), max_length=16, choices=ExamCategory.choices)
    hazards = models.JSONField(_("hazards"), default=list)
    examined_on = models.DateField(_("examined on"))
    items = models.JSONField(_("exam items"), default=list)
    findings = models.TextField(_("findings"), blank=True)
    conclusion = models.CharField(_("conclusion"), max_length=24, choices=ConclusionChoice.choices, db_index=True)
    advice = models.TextField(_("handling advice"))
    suspected_disease = models.CharField(_("suspected occupational disease"), max_length=200, blank=True)
    recheck_on = models.DateField(_("recheck by"), null=True, blank=True)
    edition = models.CharField(_("GBZ 188 edition applied"), max_length=32)
    rule_version = models.CharField(_("rule version"), max_length=200)
    report_due_on = models.DateField(_("report due by"))
    reported_at = models.DateTimeField(_("reported to the employer at"), null=True, blank=True)
    is_late = models.BooleanField(_("reported late"), default=False, db_index=True)
    recorded_by_label = models.CharField(_("recorded by"), max_length=150)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["-examined_on", "-pk"]
        verbose_name = _("exam result")
        verbose_name_plural = _("exam results")
        indexes = [models.Index(fields=["employer", "examined_on"]), models.Index(fields=["county", "conclusion"])]

    def __str__(self) -> str:
        return f"{self.worker} · {self.examined_on} · {self.get_conclusion_display()}"


class WorkerRecordQuerySet(ScopedQuerySet["FollowUp"]):
    scope = ScopeSpec(
        region="county",
        organisation="employer__organisation",
        worker="worker",
        grant=_institution_grant("result__institution__organisation_id"),
    )


class FollowUp(models.Model):
    """One step a conclusion requires (GBZ 188-2014 4.8; ohs.exams.rules.conclusions)."""

    result = models.ForeignKey(ExamResult, on_delete=models.CASCADE, related_name="follow_ups")
    worker = models.ForeignKey("workers.Worker", on_delete=models.PROTECT, related_name="+", verbose_name=_("worker"))
    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.PROTECT, related_name="+", verbose_name=_("employer")
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    action = models.CharField(_("action"), max_length=40)
    label = models.CharField(_("follow-up"), max_length=200)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    is_tracked_until_confirmed = models.BooleanField(_("tracked until confirmed"), default=False)
    status = models.CharField(
        _("status"), max_length=8, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN, db_index=True
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by_label = models.CharField(_("done by"), max_length=150, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = WorkerRecordQuerySet.as_manager()

    class Meta:
        ordering = ["status", "due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["employer", "action", "status"])]

    def __str__(self) -> str:
        return f"{self.worker} · {self.label}"


class NoticeQuerySet(ScopedQuerySet["ExamNotice"]):
    scope = ScopeSpec(
        region="county",
        organisation="employer__organisation",
        worker="worker",
        grant=_institution_grant("result__institution__organisation_id"),
    )


class ExamNotice(models.Model):
    """A message the platform sent about an exam: to the worker, the employer or the regulator."""

    result = models.ForeignKey(ExamResult, on_delete=models.CASCADE, related_name="notices", null=True, blank=True)
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notices", null=True, blank=True)
    audience = models.CharField(_("to"), max_length=16, choices=NoticeAudience.choices)
    worker = models.ForeignKey(
        "workers.Worker", on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("worker")
    )
    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.PROTECT, related_name="+", verbose_name=_("employer")
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("exam notice")
        verbose_name_plural = _("exam notices")
        indexes = [models.Index(fields=["county", "audience"])]

    def __str__(self) -> str:
        return self.title


class ReferralQuerySet(ScopedQuerySet["DiagnosisReferral"]):
    scope = ScopeSpec(
        region="county",
        organisation="employer__organisation",
        worker="worker",
        grant=_institution_grant("result__institution__organisation_id"),
    )


class DiagnosisReferral(models.Model):
    """A suspected occupational disease sent on for diagnosis (the diagnosis workflow builds on it)."""

    result = models.OneToOneField(ExamResult, on_delete=models.PROTECT, related_name="referral")
    worker = models.ForeignKey("workers.Worker", on_delete=models.PROTECT, related_name="+", verbose_name=_("worker"))
    employer = models.ForeignKey(
        "registry.Employer", on_delete=models.PROTECT, related_name="+", verbose_name=_("employer")
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    suspected_disease = models.CharField(_("suspected occupational disease"), max_length=200)
    hazards = models.JSONField(_("hazards"), default=list)
    status = models.CharField(_("status"), max_length=8, choices=ReferralStatus.choices, default=ReferralStatus.OPEN)
    created_at = models.DateTimeField(_("referred at"), default=timezone.now)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("diagnosis referral")
        verbose_name_plural = _("diagnosis referrals")

    def __str__(self) -> str:
        return f"{self.worker} · {self.suspected_disease}"


class ResultImportQuerySet(ScopedQuerySet["ResultImport"]):
    scope = ScopeSpec(organisation="institution__organisation")


class ResultImport(models.Model):
    """An uploaded results sheet for one booking, checked in full (dry run) before anything is written."""

    institution = models.ForeignKey(ExamInstitution, on_delete=models.CASCADE, related_name="+")
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="+", verbose_name=_("booking"))
    uploaded_by_label = models.CharField(_("uploaded by"), max_length=150)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    file_name = models.CharField(_("file"), max_length=200)
    content = models.BinaryField(editable=False)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    errors = models.JSONField(_("errors"), default=list)
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices)
    imported_count = models.PositiveIntegerField(_("results recorded"), default=0)

    objects = ResultImportQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("results import")
        verbose_name_plural = _("results imports")

    def __str__(self) -> str:
        return self.file_name
