from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ohs.core"
    verbose_name = _("Platform core")

    def ready(self) -> None:
        from ohs.core import menu, signals  # noqa: F401  (menu, login / logout audit)
