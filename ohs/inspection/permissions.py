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
)
# The regulator keeps the inspector pool of its jurisdiction and sees the conflicts declared in it;
# an inspector declares and withdraws their own (the scope narrows the rows, the page to their own).
_POOL = (
    "inspection.view_inspector",
    "inspection.add_inspector",
    "inspection.change_inspector",
    "inspection.view_inspectorconflict",
)
_DECLARE = ("inspection.add_inspectorconflict", "inspection.change_inspectorconflict")

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.REGULATOR: _VIEW + _ACT + _POOL,
    Role.INSPECTOR: _VIEW + _ACT + _DECLARE,
    Role.CDC_STAFF: ("inspection.view_inspectionplan",),
    # An employer sees the inspections of itself (results are public anyway), nothing else.
    Role.EMPLOYER_MANAGER: ("inspection.view_inspection",),
}
