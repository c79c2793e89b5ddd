"""What each role may do in monitoring (scoping decides on which rows)."""

from ohs.orgs.choices import Role

_SEES = ("monitoring.view_device", "monitoring.view_alert")
_SUPERVISES = (*_SEES, "monitoring.view_verificationtask")

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.REGULATOR: _SUPERVISES,
    Role.INSPECTOR: (*_SUPERVISES, "monitoring.change_verificationtask"),
    Role.CDC_STAFF: _SEES,
    Role.EMPLOYER_MANAGER: (*_SEES, "monitoring.change_alert"),
    Role.SYSADMIN: ("monitoring.view_deadletter", "monitoring.change_deadletter"),
}
