from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core import audit
from ohs.core.admin_base import AuditedModelAdmin, ReadOnlyAdmin, admin_actor
from ohs.core.calendar import forget_calendar
from ohs.core.delivery import redeliver
from ohs.core.models import (
    AccessLogEntry,
    ApiToken,
    AuditEntry,
    EventDelivery,
    HolidayDay,
    HolidayYear,
    OutboxEvent,
    WebhookSubscription,
)
from ohs.core.models.audit import AuditAction
from ohs.core.models.outbox import DeliveryStatus


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "action", "object_type", "object_id", "object_repr", "ip"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_id", "object_repr", "ip"]
    date_hierarchy = "at"


@admin.register(AccessLogEntry)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "what", "subject_type", "subject_id", "ip"]
    list_filter = ["what", "subject_type"]
    search_fields = ["actor_label", "subject_id"]
    date_hierarchy = "at"


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdmin):
    list_display = ["id", "name", "created_at", "fanned_out_at", "idempotency_key"]
    list_filter = ["name"]
    search_fields = ["name", "idempotency_key"]


@admin.register(EventDelivery)
class EventDeliveryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["id", "event", "subscriber", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status", "subscriber"]
    readonly_fields = [f.name for f in EventDelivery._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Send the selected dead deliveries again"), permissions=["change"])
    def send_again(self, request: HttpRequest, queryset: QuerySet[EventDelivery]) -> None:
        with transaction.atomic():
            ids = list(queryset.filter(status=DeliveryStatus.DEAD).values_list("id", flat=True))
            count = redeliver(ids)
            audit.record(
                admin_actor(request), AuditAction.UPDATE, object_type="core.eventdelivery", changes={"redeliver": ids}
            )
        self.message_user(request, _("%(n)d deliveries queued again.") % {"n": count}, messages.SUCCESS)


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(AuditedModelAdmin):
    list_display = ["name", "url", "event_patterns", "is_active", "created_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    """Issue a token (shown once, after saving) and revoke it; the raw value is never stored."""

    list_display = ["name", "organisation", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["organisation__kind"]
    search_fields = ["name", "prefix", "organisation__name"]
    autocomplete_fields = ["organisation"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["organisation", "name", "revoked_at"] if obj else ["revoked_at"]

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        assert isinstance(obj, ApiToken)
        if not change:
            raw, obj.prefix, obj.key_hash = ApiToken.generate()
            obj.created_by = request.user  # type: ignore[assignment]
            self.message_user(
                request,
                _("Token issued. Copy it now, it will not be shown again: %(t)s") % {"t": raw},
                messages.WARNING,
            )
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        with transaction.atomic():
            for token in queryset.filter(revoked_at__isnull=True):
                before = audit.snapshot(token)
                token.revoked_at = timezone.now()
                token.save(update_fields=["revoked_at"])
                audit.record_updated(admin_actor(request), token, before)


class HolidayDayInline(admin.TabularInline):  # type: ignore[type-arg]
    model = HolidayDay
    extra = 3


@admin.register(HolidayYear)
class HolidayYearAdmin(AuditedModelAdmin):
    list_display = ["year", "notice"]
    inlines = [HolidayDayInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        forget_calendar()
