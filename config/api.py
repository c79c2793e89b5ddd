"""The typed JSON API at /api/v1/: one NinjaAPI, one router per app."""

from __future__ import annotations

from ninja import NinjaAPI

from ohs.core.api import ActorSessionAuth, TokenAuth, install_error_handlers

api = NinjaAPI(
    title="OHS Online API",
    version="1",
    description="职业健康在线 — typed JSON API for institutions' systems, device gateways and provincial platforms.",
    auth=[TokenAuth(), ActorSessionAuth()],
    urls_namespace="api",
    docs_url="/docs",
)
install_error_handlers(api)

API_ROUTERS = [
    ("/geo", "ohs.geo.api"),
    ("/orgs", "ohs.orgs.api"),
    ("/hazards", "ohs.hazards.api"),
    ("/registry", "ohs.registry.api"),
    ("/registry", "ohs.registry.api_declarations"),
    ("/workers", "ohs.workers.api"),
    ("/enforcement", "ohs.enforcement.api"),
    ("/detection", "ohs.detection.api"),
    ("/risk", "ohs.risk.api"),
    ("/inspection", "ohs.inspection.api"),
    ("/exams", "ohs.exams.api"),
    ("/monitoring", "ohs.monitoring.api"),
    ("/core", "ohs.core.api_routes"),
]


def _mount() -> None:
    from importlib import import_module

    for prefix, module in API_ROUTERS:
        api.add_router(prefix, import_module(module).router)


_mount()
