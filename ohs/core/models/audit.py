"""The audit trail and the sensitive-data access log: append-only records of who did what.

Rows are written by ``ohs.core.audit`` only. The ORM refuses to update or delete them; the one
exception is the security auditor's retention purge (``purge_before``), which itself leaves a row.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """An attempt to change or delete an append-only record."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    def _purge(self) -> int:
        """Delete for the retention purge only (see ohs.core.audit.purge_before)."""
        return models.QuerySet.delete(self)[0]


class AppendOnlyModel(models.Model):
    objects: ClassVar[Any] = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} is append-only")


class AuditAction(models.TextChoices):
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    TRANSITION = "transition", _("state change")
    LOGIN = "login", _("login")
    LOGOUT = "logout", _("logout")
    LOGIN_FAILED = "login_failed", _("failed login")
    LOCKED_OUT = "locked_out", _("locked out")
    EXPORT = "export", _("export")
    TOKEN = "token", _("API token")
    PURGE = "purge", _("retention purge")


class AuditEntry(AppendOnlyModel):
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    user_id_ref = models.BigIntegerField(_("user id"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("actor"), max_length=150)
    organisation_id_ref = models.BigIntegerField(_("organisation id"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=64, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action} {self.object_type}#{self.object_id}"


class AccessLogEntry(AppendOnlyModel):
    """One view of sensitive personal data (a health archive, a full ID number)."""

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    user_id_ref = models.BigIntegerField(_("user id"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("actor"), max_length=150)
    organisation_id_ref = models.BigIntegerField(_("organisation id"), null=True, blank=True)
    subject_type = models.CharField(_("subject type"), max_length=64)
    subject_id = models.CharField(_("subject id"), max_length=64, db_index=True)
    what = models.CharField(_("what was viewed"), max_length=64)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("sensitive-data access log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.what} {self.subject_type}#{self.subject_id}"
