"""Worker pages: the list (masked ID numbers), the detail, and the logged reveal of an ID number."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core import audit
from ohs.core.archives import FileKind, build_file
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.geo.queries import county_choices_for
from ohs.orgs.choices import FULL_ID_NUMBER_ROLES
from ohs.workers import queries, services
from ohs.workers.models import Sex

WORKER_LIST = ListSpec(
    title=_("Workers"),
    columns=[
        Column("name", _("name"), sort="name", link=True),
        Column("id_number_masked", _("ID number")),
        Column("sex", _("sex"), value=lambda w: w.get_sex_display(), sort="sex"),
        Column("birth_date", _("birth date"), sort="birth_date"),
        Column("current_employer", _("current employer"), value=lambda w: str(w.current_employer or "")),
    ],
    search_hint=_("name, full ID number or its last digits"),
    filters=[
        Filter("sex", _("sex"), "sex", lambda r: list(Sex.choices)),
        Filter("county", _("county"), "county_id", lambda r: county_choices_for(r.actor)),  # type: ignore[attr-defined]
    ],
    default_sort="name",
    export_name="workers",
    row_url=lambda w: reverse("workers:worker_detail", args=[w.pk]),
    search=queries.search_workers,
)


@login_required
@permission_required("workers.view_worker", raise_exception=True)
def worker_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, WORKER_LIST, queries.list_workers_for(request.actor))  # type: ignore[attr-defined]


@login_required
@permission_required("workers.view_worker", raise_exception=True)
def worker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    worker = queries.get_worker_for(actor, pk)
    context = {"worker": worker, "may_reveal": actor.role in FULL_ID_NUMBER_ROLES or actor.worker_id == worker.pk}
    return render(request, "workers/worker_detail.html", context)


@require_POST
@login_required
@permission_required("workers.view_worker", raise_exception=True)
def worker_reveal_id(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX: swap the masked number for the full one; the view is written to the access log."""
    actor = request.actor  # type: ignore[attr-defined]
    worker = queries.get_worker_for(actor, pk)
    if actor.role not in FULL_ID_NUMBER_ROLES and actor.worker_id != worker.pk:
        raise PermissionDenied
    number = services.reveal_id_number(actor=actor, worker=worker)
    return render(request, "workers/partials/_id_number.html", {"number": number})


@login_required
@permission_required("workers.view_worker", raise_exception=True)
def worker_file(request: HttpRequest, pk: int) -> HttpResponse:
    """一人一档. A view by anyone but the worker is written to the access log."""
    actor = request.actor  # type: ignore[attr-defined]
    worker = queries.get_worker_for(actor, pk)
    if actor.worker_id != worker.pk:
        audit.record_access(actor, worker, "worker_file")
    context = {"archive": build_file(FileKind.WORKER, actor, worker), "title": f"{_('Worker file')} · {worker.name}"}
    return render(request, "core/archive.html", context)


@login_required
def my_file(request: HttpRequest) -> HttpResponse:
    """The worker's own file (the 浙里办 卫康在线 portal links here)."""
    worker_id = request.actor.worker_id  # type: ignore[attr-defined]
    if worker_id is None:
        raise PermissionDenied
    return redirect("workers:worker_file", pk=worker_id)
