"""The transactional outbox: events written with the change that caused them, delivered after.

``emit`` inserts an ``OutboxEvent`` in the caller's transaction, so an event exists exactly when
its change committed. The delivery task fans each event out into one ``EventDelivery`` per
subscriber (in-process handler or webhook) and works those rows until delivered or dead.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxEvent(models.Model):
    name = models.CharField(_("event"), max_length=100, db_index=True)
    payload = models.JSONField(_("payload"), default=dict)
    idempotency_key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Set once the deliveries exist; NULL rows are the dispatcher's work list.
    fanned_out_at = models.DateTimeField(_("fanned out at"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("outbox event")
        verbose_name_plural = _("outbox events")
        indexes = [
            models.Index(fields=["id"], name="outbox_pending_idx", condition=models.Q(fanned_out_at__isnull=True))
        ]

    def __str__(self) -> str:
        return f"{self.name} #{self.pk}"


class WebhookSubscription(models.Model):
    """An external platform that receives events by HTTP POST, signed with HMAC-SHA256."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(_("signing secret"), max_length=128)
    event_patterns = models.CharField(
        _("events"),
        max_length=500,
        default="*",
        help_text=_("Comma-separated event names; a trailing * matches a prefix, e.g. enforcement.*"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self) -> str:
        return self.name

    def wants(self, event_name: str) -> bool:
        """True when one of the subscription's patterns matches the event name."""
        for pattern in (p.strip() for p in self.event_patterns.split(",")):
            if pattern == "*" or pattern == event_name:
                return True
            if pattern.endswith("*") and event_name.startswith(pattern[:-1]):
                return True
        return False


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    DELIVERED = "delivered", _("delivered")
    DEAD = "dead", _("dead")


class EventDelivery(models.Model):
    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    # "handler:<dotted path>" or "webhook:<id>": one row per subscriber and event.
    subscriber = models.CharField(_("subscriber"), max_length=200)
    webhook = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("event delivery")
        verbose_name_plural = _("event deliveries")
        constraints = [models.UniqueConstraint(fields=["event", "subscriber"], name="delivery_once_per_subscriber")]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscriber} ({self.status})"
