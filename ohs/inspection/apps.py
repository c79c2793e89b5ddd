from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    name = "ohs.inspection"
    verbose_name = _("Inspections")

    def ready(self) -> None:
        from ohs.inspection import navigation  # noqa: F401  (menu)
