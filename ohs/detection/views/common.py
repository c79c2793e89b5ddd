"""Helpers shared by the detection pages."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest

from ohs.core.actor import Actor
from ohs.core.errors import DomainError
from ohs.core.querysets import Action
from ohs.detection import queries
from ohs.detection.models import Project


def actor_of(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


def project_of(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> Project:
    return queries.get_project_for(actor_of(request), pk, action)


def run(request: HttpRequest, action: Callable[[], object], success: str = "") -> bool:
    """Run a service; its DomainError becomes a message naming the field and the reason."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
        for field, texts in error.fields.items():
            for text in texts:
                if text != error.message:
                    messages.error(request, f"{field}: {text}")
        return False
    if success:
        messages.success(request, success)
    return True


def form_errors(request: HttpRequest, form: object) -> None:
    for field, texts in form.errors.items():  # type: ignore[attr-defined]
        for text in texts:
            messages.error(request, f"{field}: {text}")
