"""Roles as Django groups with permissions. Scoping decides WHICH rows; permissions decide
WHAT a role may do with them (see docs/development/scoping.md)."""

from __future__ import annotations

from ohs.orgs.choices import Role

_REGISTRY_VIEW = (
    "registry.view_employer",
    "registry.view_declaration",
    "workers.view_worker",
    "orgs.view_organisation",
    "geo.view_region",
)
_REGISTRY_EDIT = (
    "registry.change_employer",
    "registry.add_employer",
    "registry.change_declaration",
    "workers.change_worker",
    "workers.add_worker",
)

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.REGULATOR: _REGISTRY_VIEW + _REGISTRY_EDIT + ("orgs.add_organisation", "orgs.change_organisation"),
    Role.INSPECTOR: _REGISTRY_VIEW + _REGISTRY_EDIT,
    Role.CDC_STAFF: _REGISTRY_VIEW,
    Role.COORDINATOR: _REGISTRY_VIEW,
    Role.EMPLOYER_MANAGER: (
        "registry.view_employer",
        "registry.change_employer",
        "registry.view_declaration",
        "registry.add_declaration",
        "registry.change_declaration",
        "workers.view_worker",
        "workers.add_worker",
        "workers.change_worker",
    ),
    Role.WORKER: ("workers.view_worker",),
    Role.EXAM_STAFF: ("registry.view_employer", "workers.view_worker"),
    Role.SERVICE_STAFF: ("registry.view_employer",),
    Role.DIAGNOSIS_STAFF: ("workers.view_worker",),
    Role.APPRAISAL_STAFF: ("workers.view_worker",),
    Role.REHAB_STAFF: ("workers.view_worker",),
    Role.EXPERT: (),
    Role.SECURITY_AUDITOR: ("core.view_auditentry", "core.view_accesslogentry"),
    Role.SYSADMIN: (
        "orgs.view_organisation",
        "orgs.add_organisation",
        "orgs.change_organisation",
        "orgs.view_user",
        "orgs.add_user",
        "orgs.change_user",
        "core.view_apitoken",
        "core.add_apitoken",
        "core.change_apitoken",
        "core.view_eventdelivery",
        "core.change_eventdelivery",
        "core.view_outboxevent",
        "core.view_webhooksubscription",
        "core.add_webhooksubscription",
        "core.change_webhooksubscription",
        "core.view_holidayyear",
        "core.add_holidayyear",
        "core.change_holidayyear",
        "core.view_holidayday",
        "core.add_holidayday",
        "core.change_holidayday",
        "core.delete_holidayday",
        "geo.view_region",
    ),
}

# The hazard catalogue is public reference data: every role reads it. Regulators and the system
# administrator may change it; ohs.hazards.services lets only a provincial regulator do so.
_HAZARDS_VIEW = ("hazards.view_agent",)
_HAZARDS_EDIT = ("hazards.add_agent", "hazards.add_limitvalue", "hazards.change_limitvalue")
for _role in Role:
    _edits = _HAZARDS_EDIT if _role in (Role.REGULATOR, Role.SYSADMIN) else ()
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS.get(_role, ()) + _HAZARDS_VIEW + _edits


def _merge_app_permissions() -> None:
    """Each domain app may list its roles' permissions in ``ohs/<app>/permissions.py`` as
    ``ROLE_PERMISSIONS``; merging them here keeps one table without every app editing it."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.conf import settings

    for app in settings.INSTALLED_APPS:
        if not app.startswith("ohs.") or find_spec(f"{app}.permissions") is None:
            continue
        contributed: dict[str, tuple[str, ...]] = import_module(f"{app}.permissions").ROLE_PERMISSIONS
        for role, perms in contributed.items():
            held = ROLE_PERMISSIONS.get(role, ())
            ROLE_PERMISSIONS[role] = held + tuple(p for p in perms if p not in held)


_merge_app_permissions()

# Roles that reach the Django admin site (operations, not daily work).
ADMIN_SITE_ROLES = frozenset({Role.SYSADMIN, Role.SECURITY_AUDITOR})


def group_name(role: str) -> str:
    return f"role:{role}"
