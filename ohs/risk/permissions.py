"""Permissions of the risk app's roles (merged by ohs.orgs.roles)."""

from ohs.orgs.choices import Role

_VIEW = ("risk.view_riskprofile", "risk.view_rectification", "risk.view_selfinspection")
_SUPERVISE = ("risk.add_rectification", "risk.change_rectification")

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.REGULATOR: _VIEW
    + _SUPERVISE
    + ("risk.view_classificationconfigversion", "risk.add_classificationconfigversion"),
    Role.INSPECTOR: _VIEW + _SUPERVISE,
    Role.CDC_STAFF: _VIEW,
    Role.COORDINATOR: _VIEW,
    Role.EMPLOYER_MANAGER: (
        *_VIEW,
        "risk.change_rectification",
        "risk.add_selfinspection",
        "risk.change_selfinspection",
    ),
}
