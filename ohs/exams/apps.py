from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamsConfig(AppConfig):
    name = "ohs.exams"
    verbose_name = _("Occupational health exams")

    def ready(self) -> None:
        # Menu, file sections, risk-profile inputs and recurring jobs register themselves.
        from ohs.exams import archives, navigation, profile, tasks  # noqa: F401
