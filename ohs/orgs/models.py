"""Organisations, their users and the roles those users hold."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.querysets import ScopedQuerySet, ScopeSpec
from ohs.orgs.choices import GOVERNING_KINDS, OrgKind, Role


class OrganisationQuerySet(ScopedQuerySet["Organisation"]):
    # Regulators see every organisation in their region; anyone else only their own.
    scope = ScopeSpec(region="region", organisation="pk")


class Organisation(models.Model):
    """Any body that acts on the platform: a regulator, an institution, an employer..."""

    name = models.CharField(_("name"), max_length=128)
    kind = models.CharField(_("kind"), max_length=32, choices=OrgKind.choices, db_index=True)
    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="organisations", verbose_name=_("region")
    )
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True, db_index=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["region_id", "kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["region", "kind"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_governing(self) -> bool:
        """True for bodies whose region is a jurisdiction (regulators, enforcement, CDC)."""
        return self.kind in GOVERNING_KINDS


class OhsUserManager(UserManager["User"]):
    def get_queryset(self) -> models.QuerySet[User]:
        # Every request needs the user's organisation to build its actor: fetch them together.
        return super().get_queryset().select_related("organisation")


class User(AbstractUser):
    """A person who logs in. Staff belong to an organisation; a worker to none."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, db_index=True)
    full_name = models.CharField(_("full name"), max_length=64, blank=True)
    certificate_number = models.CharField(
        _("law-enforcement certificate number"),
        max_length=32,
        blank=True,
        help_text=_("For inspectors: shown on the public page of an administrative action code."),
    )
    password_changed_at = models.DateTimeField(_("password changed at"), default=timezone.now)

    objects = OhsUserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.full_name:
            self.full_name = f"{self.last_name}{self.first_name}" or self.username
        super().save(*args, **kwargs)
