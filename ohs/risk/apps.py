from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    name = "ohs.risk"
    verbose_name = _("Risk profiles")

    def ready(self) -> None:
        from ohs.risk import handlers, navigation, tasks  # noqa: F401  (event subscribers, menu, jobs)
