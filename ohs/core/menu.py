"""The core's own menu entries and dashboard cards."""

from django.utils.translation import gettext_lazy as _

from ohs.core.models.audit import AuditEntry
from ohs.core.models.outbox import DeliveryStatus, EventDelivery
from ohs.core.navigation import DashboardCard, NavItem, register_cards, register_nav
from ohs.orgs.choices import Role

_AUDITOR = frozenset({Role.SECURITY_AUDITOR})
_SYSADMIN = frozenset({Role.SYSADMIN})

register_nav(
    NavItem(_("Audit log"), "core:audit_log", _AUDITOR, group=_("Security"), order=90),
    NavItem(_("Sensitive-data access log"), "core:access_log", _AUDITOR, group=_("Security"), order=91),
    NavItem(_("Administration"), "admin:index", _SYSADMIN | _AUDITOR, group=_("Security"), order=99),
)
register_cards(
    DashboardCard(_("Audit entries"), _AUDITOR, lambda actor: AuditEntry.objects.count(), "core:audit_log", order=90),
    DashboardCard(
        _("Dead event deliveries"),
        _SYSADMIN,
        lambda actor: EventDelivery.objects.filter(status=DeliveryStatus.DEAD).count(),
        "admin:core_eventdelivery_changelist",
        order=90,
    ),
)
