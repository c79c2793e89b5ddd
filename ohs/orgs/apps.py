from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "ohs.orgs"
    verbose_name = _("Organisations and users")

    def ready(self) -> None:
        from ohs.orgs import navigation, signals  # noqa: F401  (role-group sync, menu)
