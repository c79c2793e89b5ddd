"""Events: ``emit`` inside a transaction, delivery at least once afterwards.

In-process subscribers register with ``@subscriber("app.model.*")``; external platforms
subscribe through a ``WebhookSubscription``. Each subscriber gets every matching event at
least once, with the event's idempotency key, so a handler that runs twice can tell.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ohs.core.models.outbox import OutboxEvent

Handler = Callable[[str, Mapping[str, Any], str], None]


@dataclass(frozen=True)
class Subscription:
    pattern: str
    handler: Handler

    @property
    def key(self) -> str:
        return f"handler:{self.handler.__module__}.{self.handler.__qualname__}"

    def wants(self, event_name: str) -> bool:
        if self.pattern.endswith("*"):
            return event_name.startswith(self.pattern[:-1])
        return self.pattern == event_name


_subscriptions: list[Subscription] = []


def subscriber(*patterns: str) -> Callable[[Handler], Handler]:
    """Register an in-process handler ``handler(name, payload, idempotency_key)`` for events."""

    def register(handler: Handler) -> Handler:
        for pattern in patterns:
            sub = Subscription(pattern, handler)
            if sub not in _subscriptions:
                _subscriptions.append(sub)
        return handler

    return register


def subscriptions_for(event_name: str) -> list[Subscription]:
    """Every in-process handler that wants this event, once each."""
    seen: dict[str, Subscription] = {}
    for sub in _subscriptions:
        if sub.wants(event_name):
            seen.setdefault(sub.key, sub)
    return list(seen.values())


def handler_by_key(key: str) -> Handler | None:
    return next((s.handler for s in _subscriptions if s.key == key), None)


def emit(name: str, payload: Mapping[str, Any]) -> OutboxEvent:
    """Write an event to the outbox in the caller's transaction."""
    _require_transaction(f"emit({name!r})")
    return OutboxEvent.objects.create(name=name, payload=dict(payload))


def emit_many(events: Sequence[tuple[str, Mapping[str, Any]]]) -> list[OutboxEvent]:
    """Write several events, in this order, with one statement (a batch of ingest's alerts)."""
    if not events:
        return []
    _require_transaction("emit_many()")
    return OutboxEvent.objects.bulk_create([OutboxEvent(name=name, payload=dict(payload)) for name, payload in events])


def _require_transaction(call: str) -> None:
    """An event reports a change: written outside that change's transaction, it could outlive a rollback."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{call} must run inside the transaction of the change it reports")
