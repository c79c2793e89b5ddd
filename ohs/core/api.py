"""API plumbing shared by every app: authentication, the one error body, pagination."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.models.tokens import ApiToken, hash_token
from ohs.orgs.choices import SYSTEM_ROLE_BY_KIND

LAST_USED_RESOLUTION = dt.timedelta(minutes=1)  # don't write last_used_at on every call


class ActorSessionAuth(SessionAuth):
    """A logged-in person (pages' own calls); CSRF is checked as for any form."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user and getattr(request, "actor", None) is not None else None


class TokenAuth(HttpBearer):
    """An organisation's own system: ``Authorization: Bearer ohs_...``."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = ApiToken.objects.select_related("organisation").filter(key_hash=hash_token(token)).first()
        if found is None or not found.is_usable or not found.organisation.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.actor = token_actor(found)  # type: ignore[attr-defined]
        return found


def token_actor(token: ApiToken) -> Actor:
    org = token.organisation
    return Actor(
        user_id=None,
        label=f"token:{token.prefix}",
        role=SYSTEM_ROLE_BY_KIND[org.kind],
        organisation_id=org.pk,
        org_kind=org.kind,
        region_code=org.region_id,
        token_id=token.pk,
    )


def actor_of(request: HttpRequest) -> Actor:
    """The actor the authentication step attached to the request."""
    actor = getattr(request, "actor", None)
    if actor is None:
        raise AuthenticationError()
    return actor  # type: ignore[no-any-return]


def _body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "fields": fields or {}}


def _field_name(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form", "file")]
    return ".".join(parts) or "__all__"


def install_error_handlers(api: NinjaAPI) -> None:
    """Every error leaves the API as ``{"code", "message", "fields"}``."""

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(request, exc.as_body(), status=exc.http_status)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields: dict[str, list[str]] = {}
        for err in exc.errors:
            fields.setdefault(_field_name(err.get("loc", ())), []).append(str(err.get("msg", "invalid")))
        return api.create_response(request, _body(ErrorCode.INVALID, "invalid input", fields), status=422)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, _body(ErrorCode.NOT_FOUND, "not found"), status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(request, _body(ErrorCode.FORBIDDEN, str(exc) or "forbidden"), status=403)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(request, _body(ErrorCode.UNAUTHENTICATED, "authentication required"), status=401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, _body("error", str(exc)), status=exc.status_code)


def require_perm(request: HttpRequest, perm: str) -> Actor:
    """The actor, once its role holds ``perm`` (same table for people and system tokens)."""
    from ohs.orgs.roles import ROLE_PERMISSIONS

    actor = actor_of(request)
    if not actor.is_superuser and perm not in ROLE_PERMISSIONS.get(actor.role, ()):
        raise PermissionDenied(f"your role lacks {perm}")
    return actor
