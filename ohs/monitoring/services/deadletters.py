"""Replaying a dead letter once its cause is fixed (a device registered, a channel added)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.audit import AuditAction
from ohs.monitoring.choices import DeadLetterStatus, Transport
from ohs.monitoring.ingest.hj212_server import envelope_of
from ohs.monitoring.ingest.pipeline import Envelope, MalformedMessage, Pipeline, parse_json_batch
from ohs.monitoring.models import DeadLetter
from ohs.monitoring.rules.hj212 import Packet, parse_packet


def _envelope(letter: DeadLetter) -> Envelope:
    if letter.transport == Transport.HJ212:
        packet = parse_packet(letter.payload.encode("utf-8"))
        if not isinstance(packet, Packet):
            raise MalformedMessage(str(packet.reason), packet.message)
        return envelope_of(packet, letter.source, letter.payload.encode("utf-8"))
    return parse_json_batch(letter.payload, transport=letter.transport, source=letter.source)


def replay_dead_letter(*, actor: Actor, letter: DeadLetter, pipeline: Pipeline | None = None) -> DeadLetter:
    """Send the letter through the pipeline again: stored (replayed) or refused again (kept, with the new reason)."""
    if letter.status == DeadLetterStatus.REPLAYED:
        raise DomainError(ErrorCode.CONFLICT, "this message was already replayed", field="status")
    pipeline = pipeline or Pipeline()
    pipeline.directory.forget()  # the fix (a device registered, a channel added) must be seen now
    with transaction.atomic():
        try:
            result = pipeline.store([_envelope(letter)], keep_refusals=False)
            refusal = result.refusals[0] if result.refusals else None
            reason, message = (refusal.reason, refusal.message) if refusal else ("", "")
        except MalformedMessage as exc:
            reason, message = exc.reason, exc.message
        before = audit.snapshot(letter, ["status", "reason", "message"])
        letter.status = DeadLetterStatus.REPLAY_FAILED if reason else DeadLetterStatus.REPLAYED
        if reason:
            letter.reason, letter.message = reason[:40], message[:400]
        letter.replayed_at = timezone.now()
        letter.save(update_fields=["status", "reason", "message", "replayed_at"])
        audit.record(actor, AuditAction.UPDATE, obj=letter, changes=audit.diff(before, audit.snapshot(letter, before)))
        emit("monitoring.deadletter.replayed", {"id": letter.pk, "status": letter.status})
    if not reason:
        pipeline.evaluate(result)
    return letter
