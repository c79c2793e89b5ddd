from django.utils.translation import gettext_lazy as _

from ohs.core.navigation import DashboardCard, NavItem, register_cards, register_nav
from ohs.detection.choices import ProjectStatus
from ohs.detection.models import Finding, Project
from ohs.orgs.choices import Role

_READERS = frozenset(
    {Role.REGULATOR, Role.INSPECTOR, Role.CDC_STAFF, Role.COORDINATOR, Role.EMPLOYER_MANAGER, Role.SERVICE_STAFF}
)
_GOVERNING = frozenset({Role.REGULATOR, Role.INSPECTOR, Role.CDC_STAFF, Role.COORDINATOR})
_GROUP = _("Hazard measurement")

register_nav(
    NavItem(_("Measurement projects"), "detection:project_list", _READERS, group=_GROUP, order=30),
    NavItem(
        _("Exceedances"), "detection:exceedance_list", _GOVERNING | {Role.EMPLOYER_MANAGER}, group=_GROUP, order=31
    ),
    NavItem(_("Equipment"), "detection:equipment_list", frozenset({Role.SERVICE_STAFF}), group=_GROUP, order=32),
    NavItem(
        _("Authorised signatories"),
        "detection:signatory_list",
        frozenset({Role.SERVICE_STAFF, Role.REGULATOR, Role.INSPECTOR}),
        group=_GROUP,
        order=33,
    ),
)
register_cards(
    DashboardCard(
        _("Sampling in progress"),
        _GOVERNING | {Role.SERVICE_STAFF},
        lambda actor: Project.objects.for_actor(actor).filter(status=ProjectStatus.SAMPLING).count(),
        "detection:project_list",
        order=30,
    ),
    DashboardCard(
        _("Results over the limit in issued reports"),
        _GOVERNING,
        lambda actor: (
            Finding.objects.for_actor(actor).filter(is_compliant=False, project__status=ProjectStatus.ISSUED).count()
        ),
        "detection:exceedance_list",
        order=31,
    ),
)
