from ohs.core.models.audit import AccessLogEntry, AuditEntry
from ohs.core.models.calendar import HolidayDay, HolidayYear
from ohs.core.models.documents import IssuedDocument
from ohs.core.models.outbox import EventDelivery, OutboxEvent, WebhookSubscription
from ohs.core.models.tokens import ApiToken

__all__ = [
    "AccessLogEntry",
    "ApiToken",
    "AuditEntry",
    "EventDelivery",
    "HolidayDay",
    "HolidayYear",
    "IssuedDocument",
    "OutboxEvent",
    "WebhookSubscription",
]
