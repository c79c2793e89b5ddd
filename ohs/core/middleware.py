"""Request-wide concerns: who is acting, from where, and whether their password expired."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import check_for_language

from ohs.core.actor import actor_for_user
from ohs.core.context import RequestOrigin, current_origin
from ohs.orgs.choices import PASSWORD_EXPIRING_ROLES

MAX_USER_AGENT = 200


def client_ip(request: HttpRequest) -> str | None:
    """The client address. Behind the provincial load balancer, trust its X-Forwarded-For."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Attach ``request.actor`` and remember the request's origin for audit rows."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        origin = RequestOrigin(
            ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:MAX_USER_AGENT]
        )
        token = current_origin.set(origin)
        try:
            user = request.user
            request.actor = actor_for_user(user) if user.is_authenticated else None  # type: ignore[attr-defined]
            return self.get_response(request)
        finally:
            current_origin.reset(token)


class PasswordExpiryMiddleware:
    """Staff whose password is older than the maximum age must change it before going on."""

    EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/api/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and user.role in PASSWORD_EXPIRING_ROLES
            and not request.path.startswith(self.EXEMPT_PREFIXES)
            and password_expired(user.password_changed_at)
        ):
            return redirect(reverse("password_change") + "?expired=1")
        return self.get_response(request)


def password_expired(changed_at: dt.datetime) -> bool:
    max_age = dt.timedelta(days=settings.OHS_STAFF_PASSWORD_MAX_AGE_DAYS)
    return timezone.now() - changed_at > max_age


class LanguageMiddleware:
    """Simplified Chinese unless the person chose another language (cookie set by the switch).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an official on an
    English-language system would get English pages; the platform is Chinese by default.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = (
            chosen if check_for_language(chosen) and chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        )
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
