"""Where the current request came from, for audit rows written deep inside services."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RequestOrigin:
    ip: str | None
    user_agent: str


NO_ORIGIN = RequestOrigin(ip=None, user_agent="")
current_origin: ContextVar[RequestOrigin] = ContextVar("current_origin", default=NO_ORIGIN)
