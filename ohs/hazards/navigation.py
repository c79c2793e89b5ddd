from django.utils.translation import gettext_lazy as _

from ohs.core.navigation import DashboardCard, NavItem, register_cards, register_nav
from ohs.hazards.choices import Confidence
from ohs.hazards.models import LimitValue
from ohs.orgs.choices import Role

# Public reference data: every role reads the catalogue.
_EVERYONE = frozenset(Role)

register_nav(
    NavItem(_("Hazard catalogue"), "hazards:agent_list", _EVERYONE, group=_("Reference data"), order=70),
)
register_cards(
    DashboardCard(
        _("Catalogue values not yet confirmed (below A)"),
        frozenset({Role.REGULATOR, Role.SYSADMIN}),
        lambda actor: LimitValue.objects.current().exclude(confidence=Confidence.A).count(),
        "hazards:agent_list",
        order=70,
    ),
)
