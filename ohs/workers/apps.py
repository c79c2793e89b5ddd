from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkersConfig(AppConfig):
    name = "ohs.workers"
    verbose_name = _("Workers")

    def ready(self) -> None:
        from ohs.workers import archives, navigation  # noqa: F401  (file sections, menu)
