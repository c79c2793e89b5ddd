"""Employers (用人单位): the supervised entities every service and rule reads."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.querysets import ScopedQuerySet, ScopeSpec
from ohs.registry.choices import (
    ContactRole,
    DeclarationEvent,
    DeclarationKind,
    DeclarationStatus,
    EmployerStatus,
    SizeClass,
)


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


# Parts of an employer (workplaces, posts, contacts) are seen by whoever sees the employer.
EMPLOYER_PART_SCOPE = ScopeSpec(region="employer__county", organisation="employer__organisation")


class WorkplaceQuerySet(ScopedQuerySet["Workplace"]):
    scope = EMPLOYER_PART_SCOPE


class PostQuerySet(ScopedQuerySet["Post"]):
    scope = EMPLOYER_PART_SCOPE


class ContactQuerySet(ScopedQuerySet["Contact"]):
    scope = EMPLOYER_PART_SCOPE


class Workplace(models.Model):
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="workplaces", verbose_name=_("employer")
    )
    name = models.CharField(_("workplace"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = WorkplaceQuerySet.as_manager()

    class Meta:
        ordering = ["employer_id", "name"]
        verbose_name = _("workplace")
        verbose_name_plural = _("workplaces")
        constraints = [models.UniqueConstraint(fields=["employer", "name"], name="workplace_name_per_employer")]

    def __str__(self) -> str:
        return self.name


class Post(models.Model):
    """A post or job (岗位/工种) at a workplace: where hazards are declared and workers exposed."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="posts", verbose_name=_("employer"))
    workplace = models.ForeignKey(
        Workplace, on_delete=models.CASCADE, related_name="posts", verbose_name=_("workplace")
    )
    name = models.CharField(_("post"), max_length=100)
    shift_hours_per_day = models.DecimalField(_("working hours per day"), max_digits=4, decimal_places=1, default=8)
    days_per_week = models.DecimalField(_("working days per week"), max_digits=3, decimal_places=1, default=5)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["employer_id", "workplace_id", "name"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [models.UniqueConstraint(fields=["workplace", "name"], name="post_name_per_workplace")]

    def __str__(self) -> str:
        return f"{self.workplace.name} / {self.name}"


class Contact(models.Model):
    """The principal person and the occupational-health managers (their training is checked later)."""

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("employer")
    )
    role = models.CharField(_("role"), max_length=16, choices=ContactRole.choices)
    name = models.CharField(_("name"), max_length=64)
    title = models.CharField(_("position"), max_length=64, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    is_full_time = models.BooleanField(_("full-time"), default=False)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["employer_id", "role", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class DeclarationQuerySet(ScopedQuerySet["Declaration"]):
    scope = EMPLOYER_PART_SCOPE

    def accepted(self) -> DeclarationQuerySet:
        return self.filter(status=DeclarationStatus.ACCEPTED)


class Declaration(models.Model):
    """职业病危害项目申报: per post, the hazards present and how many workers are exposed."""

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="declarations", verbose_name=_("employer")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=DeclarationKind.choices)
    event = models.CharField(_("reason"), max_length=32, choices=DeclarationEvent.choices)
    event_on = models.DateField(_("event date"))
    due_on = models.DateField(_("due by"))
    due_is_provisional = models.BooleanField(_("due date provisional"), default=False)
    due_basis = models.TextField(_("basis of the due date"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DeclarationStatus.choices, default=DeclarationStatus.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by_label = models.CharField(_("decided by"), max_length=150, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("hazard declaration")
        verbose_name_plural = _("hazard declarations")
        indexes = [models.Index(fields=["employer", "status", "kind"])]

    def __str__(self) -> str:
        return f"{self.employer.name} · {self.get_kind_display()} · {self.event_on:%Y-%m-%d}"

    @property
    def is_editable(self) -> bool:
        return self.status in (DeclarationStatus.DRAFT, DeclarationStatus.RETURNED)


class DeclarationItem(models.Model):
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="items")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="declared_hazards", verbose_name=_("post"))
    agent = models.ForeignKey("hazards.Agent", on_delete=models.PROTECT, related_name="+", verbose_name=_("hazard"))
    exposed_workers = models.PositiveIntegerField(_("exposed workers"))

    class Meta:
        ordering = ["post_id", "agent_id"]
        verbose_name = _("declared hazard")
        verbose_name_plural = _("declared hazards")
        constraints = [models.UniqueConstraint(fields=["declaration", "post", "agent"], name="one_item_per_post_agent")]

    def __str__(self) -> str:
        return f"{self.post} · {self.agent}"
