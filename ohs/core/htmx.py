"""HTMX partial updates through one helper: a full page for a normal request, only the
fragment for an HTMX request (NetBox habit)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page(
    request: HttpRequest, template: str, partial: str, context: Mapping[str, Any], status: int = 200
) -> HttpResponse:
    """Render ``partial`` for HTMX requests that target a fragment, else the whole ``template``."""
    htmx = getattr(request, "htmx", None)
    use_partial = bool(htmx) and not htmx.boosted  # type: ignore[union-attr]
    response = render(request, partial if use_partial else template, dict(context), status=status)
    response["Vary"] = "HX-Request"
    return response
