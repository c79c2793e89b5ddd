from django.utils.translation import gettext_lazy as _

from ohs.core.navigation import DashboardCard, NavItem, register_cards, register_nav
from ohs.orgs.choices import Role
from ohs.registry.choices import DeclarationStatus, EmployerStatus
from ohs.registry.models import Declaration, Employer

_SEES_EMPLOYERS = frozenset(
    {Role.REGULATOR, Role.INSPECTOR, Role.CDC_STAFF, Role.COORDINATOR, Role.EXAM_STAFF, Role.SERVICE_STAFF}
)

register_nav(
    NavItem(_("Employers"), "registry:employer_list", _SEES_EMPLOYERS, group=_("Registry"), order=10),
    NavItem(
        _("Our enterprise"), "registry:employer_list", frozenset({Role.EMPLOYER_MANAGER}), group=_("Registry"), order=10
    ),
)
register_cards(
    DashboardCard(
        _("Employers in my jurisdiction"),
        frozenset({Role.REGULATOR, Role.INSPECTOR, Role.CDC_STAFF, Role.COORDINATOR}),
        lambda actor: Employer.objects.for_actor(actor).count(),
        "registry:employer_list",
        order=10,
    ),
    DashboardCard(
        _("Employers awaiting confirmation"),
        frozenset({Role.REGULATOR, Role.INSPECTOR}),
        lambda actor: Employer.objects.for_actor(actor).filter(status=EmployerStatus.PENDING).count(),
        "registry:employer_list",
        order=11,
    ),
)

register_nav(
    NavItem(
        _("Hazard declarations"),
        "registry:declaration_list",
        frozenset({Role.REGULATOR, Role.INSPECTOR, Role.CDC_STAFF, Role.COORDINATOR, Role.EMPLOYER_MANAGER}),
        group=_("Registry"),
        order=15,
    ),
)
register_cards(
    DashboardCard(
        _("Declarations awaiting acceptance"),
        frozenset({Role.REGULATOR, Role.INSPECTOR}),
        lambda actor: Declaration.objects.for_actor(actor).filter(status=DeclarationStatus.SUBMITTED).count(),
        "registry:declaration_list",
        order=12,
    ),
)
