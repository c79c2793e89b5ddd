"""One file per enterprise (一企一案) and one per worker (一人一档).

Each app contributes its own sections through ``register_section``; the file pages and API
gather whatever is registered, so a new capability adds its part without editing the page.
A section builder receives the actor and reads through the actor's scope like any query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import models
from django.utils.functional import Promise

from ohs.core.actor import Actor

Label = str | Promise


class FileKind(StrEnum):
    ENTERPRISE = "enterprise"
    WORKER = "worker"


@dataclass(frozen=True)
class TimelineItem:
    on: dt.date
    title: str
    detail: str = ""
    url: str | None = None
    section: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: Label
    facts: Sequence[tuple[Label, Any]] = ()
    items: Sequence[TimelineItem] = ()
    empty_text: Label = ""


@dataclass(frozen=True)
class SectionProvider:
    key: str
    title: Label
    build: Callable[[Actor, Any], Section]
    order: int = 100


_providers: dict[FileKind, dict[str, SectionProvider]] = {kind: {} for kind in FileKind}


def register_section(kind: FileKind, provider: SectionProvider) -> None:
    _providers[kind][provider.key] = provider


@dataclass(frozen=True)
class ArchiveFile:
    kind: FileKind
    subject: models.Model
    sections: Sequence[Section]
    timeline: Sequence[TimelineItem] = field(default_factory=tuple)


def build_file(kind: FileKind, actor: Actor, subject: models.Model) -> ArchiveFile:
    """Every registered section for the subject, plus one timeline of all their dated items."""
    providers = sorted(_providers[kind].values(), key=lambda p: p.order)
    sections = [p.build(actor, subject) for p in providers]
    timeline = sorted(
        (TimelineItem(i.on, i.title, i.detail, i.url, section=str(s.title)) for s in sections for i in s.items),
        key=lambda i: i.on,
        reverse=True,
    )
    return ArchiveFile(kind=kind, subject=subject, sections=sections, timeline=timeline)


def file_as_json(archive: ArchiveFile) -> dict[str, Any]:
    """The file for the API: sections with facts and items, and the merged timeline."""

    def item(i: TimelineItem) -> dict[str, Any]:
        return {"on": i.on.isoformat(), "title": i.title, "detail": i.detail, "url": i.url, "section": i.section}

    return {
        "kind": archive.kind.value,
        "subject_id": archive.subject.pk,
        "sections": [
            {
                "key": s.key,
                "title": str(s.title),
                "facts": [[str(k), _plain(v)] for k, v in s.facts],
                "items": [item(i) for i in s.items],
            }
            for s in archive.sections
        ],
        "timeline": [item(i) for i in archive.timeline],
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, int | float | bool) or value is None:
        return value
    return str(value)
