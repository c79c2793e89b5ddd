from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "ohs.registry"
    verbose_name = _("Employers")

    def ready(self) -> None:
        from ohs.registry import archives, navigation  # noqa: F401  (file sections, menu)
