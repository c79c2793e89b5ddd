from django.contrib import admin

from ohs.core.admin_base import ReadOnlyAdmin
from ohs.geo.models import Region


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    """The region tree is reference data loaded by migration; it is not edited by hand."""

    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
