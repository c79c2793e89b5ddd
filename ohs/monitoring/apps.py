from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "ohs.monitoring"
    verbose_name = _("Online monitoring")

    def ready(self) -> None:
        from ohs.core.platform import register_platform_processes
        from ohs.monitoring import hooks, navigation, tasks  # noqa: F401  (providers, menu, recurring jobs)
        from ohs.monitoring.platform import monitoring_processes

        register_platform_processes("monitoring", monitoring_processes)
