from django.utils.translation import gettext_lazy as _

from ohs.core.navigation import NavItem, register_nav
from ohs.orgs.choices import Role

register_nav(
    NavItem(
        _("Organisations"),
        "orgs:organisation_list",
        frozenset({Role.REGULATOR, Role.INSPECTOR, Role.CDC_STAFF, Role.COORDINATOR, Role.SYSADMIN}),
        group=_("Registry"),
        order=30,
    ),
)
