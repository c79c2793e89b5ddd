from django.utils.translation import gettext_lazy as _

from ohs.core.navigation import NavItem, register_nav
from ohs.orgs.choices import Role

_SUPERVISORS = frozenset({Role.REGULATOR, Role.INSPECTOR})

register_nav(
    NavItem(
        _("Random inspection plans"),
        "inspection:plan_list",
        _SUPERVISORS | {Role.CDC_STAFF},
        group=_("Inspections"),
        order=40,
    ),
    NavItem(
        _("Inspections"),
        "inspection:inspection_list",
        _SUPERVISORS | {Role.EMPLOYER_MANAGER},
        group=_("Inspections"),
        order=41,
    ),
    NavItem(_("Complaints and reports"), "inspection:complaint_list", _SUPERVISORS, group=_("Inspections"), order=42),
)
