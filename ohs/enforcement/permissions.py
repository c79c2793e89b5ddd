"""What each role may do in enforcement (scoping decides on which rows)."""

from ohs.orgs.choices import Role

_VIEW = (
    "enforcement.view_case",
    "enforcement.view_actioncode",
    "enforcement.view_benchmark",
    "enforcement.view_reviewcampaign",
    "enforcement.view_enforcementaudit",
)
_OFFICER = (
    "enforcement.add_case",
    "enforcement.change_case",
    "enforcement.add_benchmarkrefinement",
)
_SUPERVISOR = (
    "enforcement.add_reviewcampaign",
    "enforcement.change_reviewcampaign",
    "enforcement.add_enforcementaudit",
    "enforcement.change_enforcementaudit",
)

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.INSPECTOR: _VIEW + _OFFICER + ("enforcement.change_enforcementaudit",),
    Role.REGULATOR: _VIEW + _OFFICER + _SUPERVISOR,
    # The entity sees every code and case about itself, and signs its commitment.
    Role.EMPLOYER_MANAGER: ("enforcement.view_case", "enforcement.view_actioncode", "enforcement.sign_commitment"),
}
