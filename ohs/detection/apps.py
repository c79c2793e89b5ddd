from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DetectionConfig(AppConfig):
    name = "ohs.detection"
    verbose_name = _("Hazard measurement")

    def ready(self) -> None:
        from ohs.detection import archives, navigation, profile  # noqa: F401
