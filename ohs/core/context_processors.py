from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ohs.core.navigation import nav_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """The navigation of the logged-in actor for the page shell."""
    actor = getattr(request, "actor", None)
    return {"nav_items": nav_for(actor) if actor is not None else [], "actor": actor}
