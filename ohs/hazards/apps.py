from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HazardsConfig(AppConfig):
    name = "ohs.hazards"
    verbose_name = _("Hazard catalogue")

    def ready(self) -> None:
        from ohs.hazards import navigation  # noqa: F401
