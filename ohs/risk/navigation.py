from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.navigation import DashboardCard, NavItem, register_cards, register_nav
from ohs.orgs.choices import Role
from ohs.risk.choices import RectificationStatus
from ohs.risk.models import Rectification

_GOVERNING = frozenset({Role.REGULATOR, Role.INSPECTOR, Role.CDC_STAFF, Role.COORDINATOR})
_ALL = _GOVERNING | {Role.EMPLOYER_MANAGER}

register_nav(
    NavItem(_("Risk profiles"), "risk:profile_list", _ALL, group=_("Risk"), order=30),
    NavItem(_("Rectifications"), "risk:rectification_list", _ALL, group=_("Risk"), order=31),
    NavItem(_("Self-inspections"), "risk:self_inspection_list", _ALL, group=_("Risk"), order=32),
    NavItem(_("Classification settings"), "risk:config", frozenset({Role.REGULATOR}), group=_("Risk"), order=33),
)
register_cards(
    DashboardCard(
        _("Overdue rectifications"),
        frozenset({Role.REGULATOR, Role.INSPECTOR, Role.EMPLOYER_MANAGER}),
        lambda actor: (
            Rectification.objects.for_actor(actor)
            .filter(deadline__lt=timezone.localdate())
            .exclude(status=RectificationStatus.APPROVED)
            .count()
        ),
        "risk:rectification_list",
        order=30,
    ),
)
