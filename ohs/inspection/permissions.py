"""Permissions of the inspection app's roles (merged by ohs.orgs.roles)."""

from ohs.orgs.choices import Role

_VIEW = ("inspection.view_inspectionplan", "inspection.view_inspection", "inspection.view_complaint")
_ACT = (
    "inspection.add_inspectionplan",
    "inspection.change_inspectionplan",
    "inspection.add_inspection",
    "inspection.change_inspection",
    "inspection.add_complaint",
    "inspection.change_complaint",
    "inspection.view_inspector",
    "inspection.add_inspector",
    "inspection.change_inspector",
)

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.REGULATOR: _VIEW + _ACT,
    Role.INSPECTOR: _VIEW + _ACT,
    Role.CDC_STAFF: ("inspection.view_inspectionplan",),
    # An employer sees the inspections of itself (results are public anyway), nothing else.
    Role.EMPLOYER_MANAGER: ("inspection.view_inspection",),
}
