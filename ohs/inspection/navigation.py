from django.utils.translation import gettext_lazy as _

from ohs.core.navigation import NavItem, register_nav
from ohs.orgs.choices import Role

_SUPERVISORS = frozenset({Role.REGULATOR, Role.INSPECTOR})
_REGULATOR = frozenset({Role.REGULATOR})

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
    # The regulator keeps the pool of its jurisdiction; an inspector declares their own interests.
    NavItem(_("Inspector pool"), "inspection:inspector_list", _REGULATOR, group=_("Inspections"), order=43),
    NavItem(
        _("Declared conflicts of interest"),
        "inspection:conflict_list",
        _REGULATOR,
        group=_("Inspections"),
        order=44,
    ),
    NavItem(
        _("My conflicts of interest"),
        "inspection:my_conflicts",
        frozenset({Role.INSPECTOR}),
        group=_("Inspections"),
        order=45,
    ),
)
