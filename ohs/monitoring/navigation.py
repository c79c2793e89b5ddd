from django.utils.translation import gettext_lazy as _

from ohs.core.navigation import DashboardCard, NavItem, register_cards, register_nav
from ohs.monitoring.choices import AlertStatus, TaskStatus
from ohs.orgs.choices import Role

_SEES_DEVICES = frozenset({Role.REGULATOR, Role.INSPECTOR, Role.CDC_STAFF, Role.EMPLOYER_MANAGER})
_SEES_ALERTS = frozenset({Role.REGULATOR, Role.INSPECTOR, Role.CDC_STAFF, Role.EMPLOYER_MANAGER})
_SUPERVISES = frozenset({Role.REGULATOR, Role.INSPECTOR})
_GROUP = _("Online monitoring")

register_nav(
    NavItem(_("Monitoring devices"), "monitoring:device_list", _SEES_DEVICES, group=_GROUP, order=40),
    NavItem(_("Monitoring alerts"), "monitoring:alert_list", _SEES_ALERTS, group=_GROUP, order=41),
    NavItem(_("Warning verification tasks"), "monitoring:task_list", _SUPERVISES, group=_GROUP, order=42),
    NavItem(_("Monitoring summary"), "monitoring:summary", _SUPERVISES, group=_GROUP, order=43),
    NavItem(_("Dead letters"), "monitoring:deadletter_list", frozenset({Role.SYSADMIN}), group=_GROUP, order=44),
)


def _open_alerts(actor: object) -> int:
    from ohs.monitoring.models import Alert

    return Alert.objects.for_actor(actor, "view").filter(status=AlertStatus.OPEN).count()  # type: ignore[arg-type]


def _open_tasks(actor: object) -> int:
    from ohs.monitoring.models import VerificationTask

    return (
        VerificationTask.objects.for_actor(actor, "view")  # type: ignore[arg-type]
        .exclude(status=TaskStatus.CLOSED)
        .count()
    )


register_cards(
    DashboardCard(_("Open monitoring alerts"), _SEES_ALERTS, _open_alerts, "monitoring:alert_list", order=40),
    DashboardCard(_("Warnings to verify"), _SUPERVISES, _open_tasks, "monitoring:task_list", order=41),
)
