"""What each role may do in the detection app; scoping decides on which rows."""

from ohs.orgs.choices import Role

_READ = ("detection.view_project", "detection.view_sample", "detection.view_finding")

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.SERVICE_STAFF: (
        *_READ,
        "detection.add_project",
        "detection.change_project",
        "detection.add_sample",
        "detection.change_sample",
        "detection.view_equipment",
        "detection.add_equipment",
        "detection.view_signatory",
        "detection.add_signatory",
        "detection.change_signatory",
    ),
    # Supervisors read the registers of institutions in their jurisdiction (who may sign what).
    Role.REGULATOR: (*_READ, "detection.view_signatory"),
    Role.INSPECTOR: (*_READ, "detection.view_signatory"),
    Role.CDC_STAFF: _READ,
    Role.COORDINATOR: _READ,
    Role.EMPLOYER_MANAGER: _READ,
}
