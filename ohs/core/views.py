"""The shell's own pages: the per-role dashboard, health check, audit browsing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.models.audit import AccessLogEntry, AuditAction, AuditEntry
from ohs.core.navigation import cards_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard of the logged-in role: figures computed through the actor's scope."""
    return render(request, "core/home.html", {"cards": cards_for(request.actor)})  # type: ignore[attr-defined]


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for the load balancer: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says."""
    return redirect(static("ohs/favicon.svg"), permanent=True)


AUDIT_LIST = ListSpec(
    title=_("Audit log"),
    columns=[
        Column("at", _("at"), sort="at"),
        Column("actor_label", _("actor"), sort="actor_label"),
        Column("action", _("action"), value=lambda e: e.get_action_display(), sort="action"),
        Column("object_type", _("object type"), sort="object_type"),
        Column("object_id", _("object id")),
        Column("object_repr", _("object")),
        Column("changes", _("changes")),
        Column("ip", _("IP address")),
    ],
    search_fields=["actor_label", "object_id", "object_repr", "ip"],
    search_hint=_("actor, object or IP"),
    filters=[Filter("action", _("action"), "action", lambda r: list(AuditAction.choices))],
    default_sort="-at",
    per_page=50,
    export_name="audit-log",
)

ACCESS_LIST = ListSpec(
    title=_("Sensitive-data access log"),
    columns=[
        Column("at", _("at"), sort="at"),
        Column("actor_label", _("actor"), sort="actor_label"),
        Column("what", _("what was viewed")),
        Column("subject_type", _("subject type")),
        Column("subject_id", _("subject id")),
        Column("ip", _("IP address")),
    ],
    search_fields=["actor_label", "subject_id"],
    default_sort="-at",
    per_page=50,
    export_name="access-log",
)


@login_required
@permission_required("core.view_auditentry", raise_exception=True)
def audit_log(request: HttpRequest) -> HttpResponse:
    return render_list(request, AUDIT_LIST, AuditEntry.objects.all())


@login_required
@permission_required("core.view_accesslogentry", raise_exception=True)
def access_log(request: HttpRequest) -> HttpResponse:
    return render_list(request, ACCESS_LIST, AccessLogEntry.objects.all())
