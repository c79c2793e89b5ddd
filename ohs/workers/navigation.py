from django.utils.translation import gettext_lazy as _

from ohs.core.navigation import DashboardCard, NavItem, register_cards, register_nav
from ohs.orgs.choices import Role
from ohs.workers.models import Worker

_SEES_WORKERS = frozenset({Role.REGULATOR, Role.INSPECTOR, Role.CDC_STAFF, Role.COORDINATOR, Role.EMPLOYER_MANAGER})

register_nav(
    NavItem(_("Workers"), "workers:worker_list", _SEES_WORKERS, group=_("Registry"), order=20),
    NavItem(_("My file"), "workers:my_file", frozenset({Role.WORKER}), group=_("My health"), order=5),
    NavItem(
        _("Import a roster"), "workers:roster_upload", frozenset({Role.EMPLOYER_MANAGER}), group=_("Registry"), order=21
    ),
)
register_cards(
    DashboardCard(
        _("Workers"),
        _SEES_WORKERS,
        lambda actor: Worker.objects.for_actor(actor).count(),
        "workers:worker_list",
        order=20,
    ),
)
