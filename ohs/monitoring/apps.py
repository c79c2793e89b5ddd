from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "ohs.monitoring"
    verbose_name = _("Online monitoring")

    def ready(self) -> None:
        from ohs.monitoring import hooks, navigation, tasks  # noqa: F401  (providers, menu, recurring jobs)
