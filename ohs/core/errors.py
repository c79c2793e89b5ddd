"""Domain errors: one stable code, a message for people, and the fields at fault.

Services raise ``DomainError``; pages show it as a form error and the API as a 4xx body
``{"code": ..., "message": ..., "fields": {...}}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class ErrorCode(StrEnum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    UNAUTHENTICATED = "unauthenticated"
    CONFLICT = "conflict"
    ILLEGAL_TRANSITION = "illegal_transition"
    CALENDAR_UNKNOWN_YEAR = "calendar_unknown_year"


# HTTP status for each code; app-specific codes default to 400.
HTTP_STATUS: dict[str, int] = {
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.CONFLICT: 409,
    ErrorCode.ILLEGAL_TRANSITION: 409,
}


class DomainError(Exception):
    def __init__(
        self,
        code: str,
        message: str,
        *,
        field: str | None = None,
        fields: Mapping[str, list[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = str(code)
        self.message = message
        merged = {k: list(v) for k, v in (fields or {}).items()}
        if field is not None:
            merged.setdefault(field, []).append(message)
        self.fields = merged

    @property
    def http_status(self) -> int:
        return HTTP_STATUS.get(self.code, 400)

    def as_body(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "fields": self.fields}
