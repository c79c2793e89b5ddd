"""Delivering outbox events: fan out into per-subscriber rows, then work those rows.

Rows are claimed with a compare-and-set UPDATE (the Healthchecks pattern), which behaves the
same on SQLite and PostgreSQL, so two workers never deliver one row at the same time. A
failure is retried with exponential backoff and becomes ``dead`` after the configured number of
attempts, visible on the admin page, where it can be sent again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ohs.core.events import handler_by_key, subscriptions_for
from ohs.core.models.outbox import DeliveryStatus, EventDelivery, OutboxEvent, WebhookSubscription

log = logging.getLogger(__name__)
CLAIM_LEASE = dt.timedelta(minutes=5)
SIGNATURE_HEADER = "X-OHS-Signature"
IDEMPOTENCY_HEADER = "X-OHS-Idempotency-Key"


@dataclass
class DeliveryStats:
    fanned_out: int = 0
    delivered: int = 0
    failed: int = 0
    dead: int = 0


def fan_out(limit: int = 500) -> int:
    """Create one delivery per subscriber for events not yet fanned out."""
    webhooks = list(WebhookSubscription.objects.filter(is_active=True))
    done = 0
    for event in OutboxEvent.objects.filter(fanned_out_at__isnull=True).order_by("id")[:limit]:
        with transaction.atomic():
            claimed = OutboxEvent.objects.filter(pk=event.pk, fanned_out_at__isnull=True).update(
                fanned_out_at=timezone.now()
            )
            if not claimed:
                continue  # another worker got there first
            rows = [EventDelivery(event=event, subscriber=s.key) for s in subscriptions_for(event.name)]
            rows += [
                EventDelivery(event=event, subscriber=f"webhook:{w.pk}", webhook=w)
                for w in webhooks
                if w.wants(event.name)
            ]
            EventDelivery.objects.bulk_create(rows, ignore_conflicts=True)
            done += 1
    return done


def sign(secret: str, body: bytes) -> str:
    """HMAC-SHA256 of the exact body bytes, hex, as sent in X-OHS-Signature."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _event_body(event: OutboxEvent) -> bytes:
    doc = {
        "event": event.name,
        "idempotency_key": str(event.idempotency_key),
        "created_at": event.created_at.isoformat(),
        "payload": event.payload,
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _post_webhook(webhook: WebhookSubscription, event: OutboxEvent) -> None:
    if not webhook.url.startswith(("https://", "http://")):
        raise ValueError(f"webhook URL must be http(s): {webhook.url}")
    body = _event_body(event)
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "X-OHS-Event": event.name,
            IDEMPOTENCY_HEADER: str(event.idempotency_key),
            SIGNATURE_HEADER: sign(webhook.secret, body),
        },
    )
    with urllib.request.urlopen(request, timeout=settings.OHS_WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310
        if not 200 <= response.status < 300:
            raise urllib.error.HTTPError(webhook.url, response.status, "non-2xx", response.headers, None)


def _attempt(delivery: EventDelivery) -> None:
    """Deliver once; raise on failure. A handler's own writes roll back when it fails."""
    event = delivery.event
    if delivery.webhook is not None:
        _post_webhook(delivery.webhook, event)
        return
    handler = handler_by_key(delivery.subscriber)
    if handler is None:
        raise LookupError(f"no handler registered as {delivery.subscriber}")
    with transaction.atomic():
        handler(event.name, event.payload, str(event.idempotency_key))


def _claim(delivery_id: int, now: dt.datetime) -> bool:
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    return bool(
        EventDelivery.objects.filter(free, pk=delivery_id, status=DeliveryStatus.PENDING).update(
            claimed_until=now + CLAIM_LEASE
        )
    )


def _record_failure(delivery: EventDelivery, error: Exception, now: dt.datetime, stats: DeliveryStats) -> None:
    delivery.attempts += 1
    delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
    delivery.claimed_until = None
    if delivery.attempts >= settings.OHS_OUTBOX_MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.DEAD
        stats.dead += 1
        log.error("outbox delivery %s is dead after %s attempts: %s", delivery.pk, delivery.attempts, error)
    else:
        backoff = settings.OHS_OUTBOX_BACKOFF_SECONDS * 2 ** (delivery.attempts - 1)
        delivery.next_attempt_at = now + dt.timedelta(seconds=backoff)
        stats.failed += 1
    delivery.save(update_fields=["attempts", "last_error", "claimed_until", "status", "next_attempt_at"])


def deliver_due(limit: int = 500, now: dt.datetime | None = None) -> DeliveryStats:
    """Fan out new events, then try every delivery that is due."""
    stats = DeliveryStats(fanned_out=fan_out(limit))
    now = now or timezone.now()
    due = EventDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
    for delivery_id in due.order_by("next_attempt_at", "id").values_list("id", flat=True)[:limit]:
        if not _claim(delivery_id, now):
            continue
        delivery = EventDelivery.objects.select_related("event", "webhook").get(pk=delivery_id)
        try:
            _attempt(delivery)
        except Exception as error:  # noqa: BLE001 - any failure is recorded and retried, never lost
            _record_failure(delivery, error, now, stats)
            continue
        EventDelivery.objects.filter(pk=delivery_id).update(
            status=DeliveryStatus.DELIVERED,
            delivered_at=timezone.now(),
            claimed_until=None,
            attempts=delivery.attempts + 1,
        )
        stats.delivered += 1
    return stats


def redeliver(delivery_ids: list[int]) -> int:
    """Put dead deliveries back in the queue (from the admin page)."""
    return EventDelivery.objects.filter(pk__in=delivery_ids, status=DeliveryStatus.DEAD).update(
        status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), claimed_until=None
    )
