from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "ohs.enforcement"
    verbose_name = _("Lawful enforcement")

    def ready(self) -> None:
        from ohs.core.supervision import register_act_code_issuer, register_case_opener
        from ohs.enforcement import archives, navigation, profile, subscribers  # noqa: F401  (sections, menu, hooks)
        from ohs.enforcement.services.cases import open_case_from_act
        from ohs.enforcement.services.codes import issue_act_code

        register_act_code_issuer(issue_act_code)
        register_case_opener(open_case_from_act)
