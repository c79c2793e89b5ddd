"""Events are written with their change and delivered at least once, signed, retried, never lost."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from ohs.core.delivery import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, deliver_due, redeliver
from ohs.core.events import emit, subscriber
from ohs.core.models.audit import AuditEntry
from ohs.core.models.outbox import DeliveryStatus, EventDelivery, OutboxEvent, WebhookSubscription

pytestmark = pytest.mark.django_db
received: list[tuple[str, str]] = []
flaky_failures = {"left": 0}


@subscriber("test.thing.*")
def record_thing(name: str, payload: Mapping[str, Any], key: str) -> None:
    received.append((name, key))


@subscriber("test.flaky.happened")
def flaky(name: str, payload: Mapping[str, Any], key: str) -> None:
    # Writes a row, then fails while failures are left: the row must roll back each time.
    AuditEntry.objects.create(actor_label="flaky-handler", action="create", object_type="test")
    if flaky_failures["left"] > 0:
        flaky_failures["left"] -= 1
        raise RuntimeError("downstream is down")


@pytest.fixture(autouse=True)
def _reset() -> None:
    received.clear()
    flaky_failures["left"] = 0
    OutboxEvent.objects.all().delete()


def _later(seconds: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(seconds=seconds)


def test_event_rolls_back_with_its_transaction() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        emit("test.thing.made", {"id": 1})
        raise RuntimeError("the change failed")
    assert not OutboxEvent.objects.filter(name="test.thing.made").exists()


def test_handler_gets_the_event_once_with_its_key() -> None:
    with transaction.atomic():
        event = emit("test.thing.made", {"id": 1})
    deliver_due()
    deliver_due()
    assert received == [("test.thing.made", str(event.idempotency_key))]
    assert EventDelivery.objects.get(event=event).status == DeliveryStatus.DELIVERED


@override_settings(OHS_OUTBOX_MAX_ATTEMPTS=3, OHS_OUTBOX_BACKOFF_SECONDS=10)
def test_failing_handler_is_retried_with_backoff_and_loses_nothing() -> None:
    flaky_failures["left"] = 2
    with transaction.atomic():
        event = emit("test.flaky.happened", {})
    deliver_due()
    delivery = EventDelivery.objects.get(event=event)
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    assert "downstream is down" in delivery.last_error
    assert not AuditEntry.objects.filter(actor_label="flaky-handler").exists()  # rolled back
    deliver_due(now=_later(11))  # first backoff: 10 s
    deliver_due(now=_later(11 + 21))  # second backoff: 20 s
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 3
    assert AuditEntry.objects.filter(actor_label="flaky-handler").count() == 1


@override_settings(OHS_OUTBOX_MAX_ATTEMPTS=2, OHS_OUTBOX_BACKOFF_SECONDS=1)
def test_delivery_is_dead_after_max_attempts_and_can_be_sent_again() -> None:
    flaky_failures["left"] = 5
    with transaction.atomic():
        event = emit("test.flaky.happened", {})
    deliver_due()
    deliver_due(now=_later(5))
    delivery = EventDelivery.objects.get(event=event)
    assert delivery.status == DeliveryStatus.DEAD
    flaky_failures["left"] = 0
    assert redeliver([delivery.pk]) == 1
    deliver_due(now=_later(10))
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED


class _Receiver(BaseHTTPRequestHandler):
    calls: list[dict[str, Any]] = []
    fail_first = False

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).calls.append({"headers": self.headers, "body": body})  # case-insensitive lookups
        failing = type(self).fail_first and len(type(self).calls) == 1
        self.send_response(503 if failing else 200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    _Receiver.calls = []
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


def test_webhook_is_signed_and_carries_idempotency_key(receiver: str) -> None:
    WebhookSubscription.objects.create(
        name="enforcement platform", url=receiver, secret="s3cret", event_patterns="test.thing.*"
    )
    with transaction.atomic():
        event = emit("test.thing.made", {"id": 7})
    deliver_due()
    (call,) = _Receiver.calls
    expected = "sha256=" + hmac.new(b"s3cret", call["body"], hashlib.sha256).hexdigest()
    assert call["headers"][SIGNATURE_HEADER] == expected
    assert call["headers"][IDEMPOTENCY_HEADER] == str(event.idempotency_key)
    assert json.loads(call["body"])["payload"] == {"id": 7}


def test_webhook_failure_is_retried_with_the_same_key(receiver: str) -> None:
    _Receiver.fail_first = True
    try:
        WebhookSubscription.objects.create(name="p", url=receiver, secret="k", event_patterns="*")
        with transaction.atomic():
            emit("test.other.done", {})
        deliver_due()
        deliver_due(now=_later(3600))
    finally:
        _Receiver.fail_first = False
    keys = [c["headers"][IDEMPOTENCY_HEADER] for c in _Receiver.calls]
    assert len(keys) == 2 and keys[0] == keys[1]
    assert EventDelivery.objects.get(subscriber__startswith="webhook:").status == DeliveryStatus.DELIVERED


def test_emit_outside_a_transaction_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class _NoAtomic:
        in_atomic_block = False

    monkeypatch.setattr("django.db.transaction.get_connection", lambda *args, **kwargs: _NoAtomic())
    with pytest.raises(RuntimeError, match="inside the transaction"):
        emit("test.thing.made", {})
