"""Login, logout, failed logins and lockouts go to the audit log."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from ohs.core import audit
from ohs.core.actor import Actor, actor_for_user
from ohs.core.context import RequestOrigin, current_origin
from ohs.core.middleware import client_ip
from ohs.core.models.audit import AuditAction


def _with_origin(request: HttpRequest | None, actor: Actor, action: str, changes: dict[str, Any]) -> None:
    if request is not None:
        token = current_origin.set(RequestOrigin(client_ip(request), request.META.get("HTTP_USER_AGENT", "")[:200]))
        try:
            audit.record(actor, action, object_type="orgs.user", object_id=str(actor.user_id or ""), changes=changes)
        finally:
            current_origin.reset(token)
    else:
        audit.record(actor, action, object_type="orgs.user", object_id=str(actor.user_id or ""), changes=changes)


def _anonymous(username: str) -> Actor:
    return Actor(user_id=None, label=username[:150] or "?", role="")


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    _with_origin(request, actor_for_user(user), AuditAction.LOGIN, {})


@receiver(user_logged_out)
def on_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        _with_origin(request, actor_for_user(user), AuditAction.LOGOUT, {})


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    _with_origin(request, _anonymous(str(credentials.get("username", ""))), AuditAction.LOGIN_FAILED, {})


@receiver(user_locked_out)
def on_locked_out(sender: Any, request: HttpRequest, username: str = "", **kwargs: Any) -> None:
    _with_origin(request, _anonymous(username), AuditAction.LOCKED_OUT, {})
