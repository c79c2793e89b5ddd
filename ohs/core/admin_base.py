"""Admin pages write the same audit trail as services do."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from ohs.core import audit
from ohs.core.actor import Actor, actor_for_user


def admin_actor(request: HttpRequest) -> Actor:
    return getattr(request, "actor", None) or actor_for_user(request.user)  # type: ignore[arg-type]


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Every create, update and delete made on an admin page is audited with its changes."""

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = audit.snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
            super().save_model(request, obj, form, change)
            if before is None:
                audit.record_created(admin_actor(request), obj)
            else:
                audit.record_updated(admin_actor(request), obj, before)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            audit.record_deleted(admin_actor(request), obj)
            super().delete_model(request, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Inline rows (e.g. the days of a holiday notice) are audited one by one as well."""
        actor = admin_actor(request)
        with transaction.atomic():
            instances = formset.save(commit=False)
            for obj in formset.deleted_objects:
                audit.record_deleted(actor, obj)
                obj.delete()
            for obj in instances:
                before = None if obj._state.adding else audit.snapshot(type(obj)._default_manager.get(pk=obj.pk))
                obj.save()
                if before is None:
                    audit.record_created(actor, obj)
                else:
                    audit.record_updated(actor, obj, before)
            formset.save_m2m()

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                audit.record_deleted(admin_actor(request), obj)
            super().delete_queryset(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """For append-only records: viewable by those with the view permission, never editable."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
