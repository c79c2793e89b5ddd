from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from ohs.core.admin_base import AuditedModelAdmin
from ohs.orgs.models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "region", "uscc", "is_active"]
    list_filter = ["kind", "is_active", "region__parent"]
    search_fields = ["name", "uscc", "region__name"]
    autocomplete_fields = ["region"]


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin[User]):
    list_display = ["username", "full_name", "role", "organisation", "is_active", "last_login", "password_changed_at"]
    list_filter = ["role", "is_active", "organisation__kind"]
    search_fields = ["username", "full_name", "organisation__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["last_login", "date_joined", "password_changed_at"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("full_name", "email", "certificate_number")}),
        (_("Organisation and role"), {"fields": ("organisation", "role", "is_active")}),
        (_("Dates"), {"fields": ("last_login", "date_joined", "password_changed_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "password1", "password2", "organisation", "role", "full_name"),
            },
        ),
    )
