"""List pages: search, filters, sorting, pagination and Excel export, declared once per list.

A view builds a ``ListSpec`` and calls ``render_list(request, spec, queryset)`` with a queryset
that already went through ``for_actor``: everything shown, counted or exported comes from it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise

from ohs.core import audit
from ohs.core.excel import workbook_bytes, xlsx_response
from ohs.core.htmx import render_page
from ohs.core.models.audit import AuditAction

Label = str | Promise
EXPORT_ROW_LIMIT = 200_000  # an xlsx sheet holds ~1M rows; beyond this an official wants a report, not a list


@dataclass(frozen=True)
class Column:
    key: str
    label: Label
    value: Callable[[Any], Any] | None = None
    sort: str | None = None
    link: bool = False

    def cell(self, obj: Any) -> Any:
        if self.value is not None:
            return self.value(obj)
        value: Any = obj
        for part in self.key.split("__"):
            value = getattr(value, part, None) if value is not None else None
        return value


@dataclass(frozen=True)
class Filter:
    param: str
    label: Label
    lookup: str
    choices: Callable[[HttpRequest], Sequence[tuple[str, Any]]]


@dataclass(frozen=True)
class ListSpec:
    title: Label
    columns: Sequence[Column]
    search_fields: Sequence[str] = ()
    search_hint: Label = ""
    filters: Sequence[Filter] = ()
    default_sort: str = "-pk"
    per_page: int = 25
    export_name: str = "export"
    row_url: Callable[[Any], str] | None = None
    search: Callable[[QuerySet[Any], str], QuerySet[Any]] | None = None
    actions: Sequence[tuple[Label, str]] = field(default_factory=tuple)
    template: str = "core/list.html"  # an app's own page may extend it (e.g. to add a script)


def apply_search(spec: ListSpec, queryset: QuerySet[Any], term: str) -> QuerySet[Any]:
    if not term:
        return queryset
    if spec.search is not None:
        return spec.search(queryset, term)
    condition = Q()
    for name in spec.search_fields:
        condition |= Q(**{f"{name}__icontains": term})
    return queryset.filter(condition)


def apply_filters(
    spec: ListSpec, request: HttpRequest, queryset: QuerySet[Any]
) -> tuple[QuerySet[Any], dict[str, str]]:
    active: dict[str, str] = {}
    for flt in spec.filters:
        value = request.GET.get(flt.param, "")
        allowed = {v for v, _ in flt.choices(request)}
        if value and value in allowed:
            queryset = queryset.filter(**{flt.lookup: value})
            active[flt.param] = value
    return queryset, active


def apply_sort(spec: ListSpec, queryset: QuerySet[Any], requested: str) -> tuple[QuerySet[Any], str]:
    sortable = {c.key: c.sort for c in spec.columns if c.sort}
    key = requested.lstrip("-")
    if key in sortable:
        prefix = "-" if requested.startswith("-") else ""
        return queryset.order_by(f"{prefix}{sortable[key]}", "pk"), requested
    return queryset.order_by(spec.default_sort, "pk"), ""


def _export(request: HttpRequest, spec: ListSpec, queryset: QuerySet[Any], active: dict[str, str]) -> HttpResponse:
    columns = list(spec.columns)
    rows = ([c.cell(obj) for c in columns] for obj in queryset[:EXPORT_ROW_LIMIT].iterator(chunk_size=2000))
    content = workbook_bytes(str(spec.title), [str(c.label) for c in columns], rows)
    actor = request.actor  # type: ignore[attr-defined]
    audit.record(
        actor,
        AuditAction.EXPORT,
        object_type=spec.export_name,
        changes={"filters": active, "q": request.GET.get("q", "")},
    )
    return xlsx_response(f"{spec.export_name}-{timezone.localdate():%Y%m%d}.xlsx", content)


def render_list(
    request: HttpRequest, spec: ListSpec, queryset: QuerySet[Any], extra: dict[str, Any] | None = None
) -> HttpResponse:
    """The whole list page, its HTMX table fragment, or its Excel export."""
    term = request.GET.get("q", "").strip()
    queryset = apply_search(spec, queryset, term)
    queryset, active = apply_filters(spec, request, queryset)
    queryset, sort = apply_sort(spec, queryset, request.GET.get("sort", ""))
    if request.GET.get("export") == "xlsx":
        return _export(request, spec, queryset, active)
    page: Page[Model] = Paginator(queryset, spec.per_page).get_page(request.GET.get("page"))
    rows = [
        {"obj": obj, "url": spec.row_url(obj) if spec.row_url else None, "cells": [c.cell(obj) for c in spec.columns]}
        for obj in page
    ]
    context = {
        "spec": spec,
        "page": page,
        "rows": rows,
        "q": term,
        "sort": sort,
        "active": active,
        "filters": [{"f": f, "choices": f.choices(request), "value": active.get(f.param, "")} for f in spec.filters],
        "query_without_page": _query_without(request, "page"),
        "query_without_sort": _query_without(request, "sort", "page"),
        **(extra or {}),
    }
    return render_page(request, spec.template, "core/partials/_list_table.html", context)


def _query_without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    params.pop("export", None)
    return params.urlencode()
