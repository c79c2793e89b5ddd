"""Monitoring pages: devices with their live chart, alerts, the inspector's queue, the summary."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.errors import DomainError
from ohs.core.forms import StyledForm, add_domain_error
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.querysets import Action
from ohs.geo.queries import county_choices_for
from ohs.monitoring import queries
from ohs.monitoring.api import http_pipeline
from ohs.monitoring.choices import AlertStatus, DeadLetterStatus, DeviceStatus, Outcome, TaskStatus
from ohs.monitoring.config import get_config
from ohs.monitoring.models import Channel
from ohs.monitoring.rules.alerting import Severity
from ohs.monitoring.rules.rates import as_percent
from ohs.monitoring.services.alerts import answer_alert
from ohs.monitoring.services.deadletters import replay_dead_letter
from ohs.monitoring.services.tasks import record_outcome, start_verification

SEVERITY_LABELS = {Severity.WARNING: _("Warning"), Severity.ALARM: _("Alarm"), Severity.CRITICAL: _("Critical")}


def severity_label(value: int) -> str:
    return str(SEVERITY_LABELS.get(Severity(value), value))


def _local(moment: dt.datetime | None) -> str:
    """A time as the reader's clock shows it (Excel cells take no time zone)."""
    return "" if moment is None else timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


def _county(request: HttpRequest) -> list[tuple[str, str]]:
    return county_choices_for(request.actor)  # type: ignore[attr-defined]


DEVICE_LIST = ListSpec(
    title=_("Monitoring devices"),
    columns=[
        Column("code", _("device code (MN)"), sort="code", link=True),
        Column("name", _("name"), sort="name"),
        Column("employer", _("employer"), value=lambda d: str(d.employer or "")),
        Column("county", _("county"), value=lambda d: d.county.name),
        Column("status", _("status"), value=lambda d: d.get_status_display(), sort="status"),
        Column("last_seen_at", _("last data at"), value=lambda o: _local(o.last_seen_at), sort="last_seen_at"),
    ],
    search_fields=("code", "name", "employer__name"),
    search_hint=_("device code, name or employer"),
    filters=[
        Filter("status", _("status"), "status", lambda r: list(DeviceStatus.choices)),
        Filter("county", _("county"), "county_id", _county),
    ],
    default_sort="code",
    export_name="monitoring-devices",
    row_url=lambda d: reverse("monitoring:device_detail", args=[d.pk]),
)

ALERT_LIST = ListSpec(
    title=_("Monitoring alerts"),
    columns=[
        Column("opened_at", _("raised at"), value=lambda o: _local(o.opened_at), sort="opened_at", link=True),
        Column("device", _("device"), value=lambda a: str(a.device)),
        Column("severity", _("severity"), value=lambda a: severity_label(a.severity), sort="severity"),
        Column("message", _("message"), value=lambda a: a.display_message),
        Column("status", _("status"), value=lambda a: a.get_status_display(), sort="status"),
        Column("county", _("county"), value=lambda a: a.county.name),
    ],
    search_fields=("device__code", "device__name", "message"),
    search_hint=_("device code or name"),
    filters=[
        Filter("status", _("status"), "status", lambda r: list(AlertStatus.choices)),
        Filter("county", _("county"), "county_id", _county),
    ],
    default_sort="-opened_at",
    export_name="monitoring-alerts",
    row_url=lambda a: reverse("monitoring:alert_detail", args=[a.pk]),
    template="monitoring/alert_list.html",
)
FEED_LIMIT = 20  # new alerts one poll returns; the list itself reloads for the rest

TASK_LIST = ListSpec(
    title=_("Warning verification tasks"),
    columns=[
        Column(
            "dispatched_at",
            _("dispatched at"),
            value=lambda o: _local(o.dispatched_at),
            sort="dispatched_at",
            link=True,
        ),
        Column("device", _("device"), value=lambda t: str(t.alert.device)),
        Column("alert", _("warning"), value=lambda t: t.alert.display_message),
        Column("county", _("county"), value=lambda t: t.county.name),
        Column("status", _("status"), value=lambda t: t.get_status_display(), sort="status"),
        Column("due_at", _("due by"), value=lambda o: _local(o.due_at), sort="due_at"),
        Column("outcome", _("outcome"), value=lambda t: t.get_outcome_display()),
    ],
    search_fields=("alert__device__code", "alert__device__name", "alert__message"),
    search_hint=_("device code or name"),
    filters=[
        Filter("status", _("status"), "status", lambda r: list(TaskStatus.choices)),
        Filter("county", _("county"), "county_id", _county),
    ],
    default_sort="due_at",
    export_name="monitoring-tasks",
    row_url=lambda t: reverse("monitoring:task_detail", args=[t.pk]),
)

DEAD_LETTER_LIST = ListSpec(
    title=_("Dead letters"),
    columns=[
        Column("received_at", _("received at"), value=lambda o: _local(o.received_at), sort="received_at", link=True),
        Column("transport", _("transport"), value=lambda d: d.get_transport_display()),
        Column("device_code", _("device code (MN)")),
        Column("reason", _("reason"), sort="reason"),
        Column("message", _("message")),
        Column("status", _("status"), value=lambda d: d.get_status_display()),
    ],
    search_fields=("device_code", "reason", "source"),
    search_hint=_("device code, reason or source"),
    filters=[Filter("status", _("status"), "status", lambda r: list(DeadLetterStatus.choices))],
    default_sort="-received_at",
    export_name="monitoring-dead-letters",
    row_url=lambda d: reverse("monitoring:deadletter_detail", args=[d.pk]),
)


@login_required
@permission_required("monitoring.view_device", raise_exception=True)
def device_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, DEVICE_LIST, queries.list_devices_for(request.actor))  # type: ignore[attr-defined]


@login_required
@permission_required("monitoring.view_device", raise_exception=True)
def device_detail(request: HttpRequest, pk: int) -> HttpResponse:
    device = queries.get_device_for(request.actor, pk)  # type: ignore[attr-defined]
    context = {
        "device": device,
        "channels": Channel.objects.filter(device=device).select_related("agent").order_by("pk"),
        "alerts": device.alerts.select_related("channel").order_by("-opened_at")[:10],
        "chart_url": reverse("api:device_chart", args=[device.pk]),
    }
    return render(request, "monitoring/device_detail.html", context)


@login_required
@permission_required("monitoring.view_alert", raise_exception=True)
def alert_list(request: HttpRequest) -> HttpResponse:
    alerts = queries.list_alerts_for(request.actor)  # type: ignore[attr-defined]
    live = {
        "latest_alert": alerts.aggregate(latest=Max("pk"))["latest"] or 0,
        "poll_seconds": int(get_config().live_poll_every.total_seconds()),
    }
    return render_list(request, ALERT_LIST, alerts, live)


@login_required
@permission_required("monitoring.view_alert", raise_exception=True)
def alert_feed(request: HttpRequest) -> JsonResponse:
    """The actor's alerts newer than ``after`` (an alert id), oldest first: the list page polls it."""
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        return JsonResponse({"field": "after", "message": _("after must be an alert number")}, status=400)
    found = queries.list_alerts_for(request.actor).filter(pk__gt=after).order_by("pk")  # type: ignore[attr-defined]
    alerts = [
        {
            "id": a.pk,
            "opened_at": _local(a.opened_at),
            "device": str(a.device),
            "severity": severity_label(a.severity),
            "message": a.display_message,
            "url": reverse("monitoring:alert_detail", args=[a.pk]),
        }
        for a in found[:FEED_LIMIT]
    ]
    return JsonResponse({"latest": alerts[-1]["id"] if alerts else after, "alerts": alerts})


class AnswerForm(StyledForm):
    text = forms.CharField(label=_("Cause and measures taken"), widget=forms.Textarea(attrs={"rows": 3}))


@login_required
@permission_required("monitoring.view_alert", raise_exception=True)
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    alert = queries.get_alert_for(actor, pk)
    may_answer = actor.organisation_id == alert.owner_id and request.user.has_perm("monitoring.change_alert")
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and may_answer and form.is_valid():
        try:
            answer_alert(actor=actor, alert=alert, text=form.cleaned_data["text"])
            messages.success(request, _("Your answer was sent to the supervision body."))
            return redirect("monitoring:alert_detail", pk=alert.pk)
        except DomainError as error:
            add_domain_error(form, error)
    context = {"alert": alert, "severity": severity_label(alert.severity), "form": form, "may_answer": may_answer}
    return render(request, "monitoring/alert_detail.html", context)


@login_required
@permission_required("monitoring.view_verificationtask", raise_exception=True)
def task_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, TASK_LIST, queries.list_tasks_for(request.actor))  # type: ignore[attr-defined]


class OutcomeForm(StyledForm):
    outcome = forms.ChoiceField(label=_("outcome"), choices=Outcome.choices)
    note = forms.CharField(label=_("What was found and ordered"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False)  # fmt: skip


@login_required
@permission_required("monitoring.view_verificationtask", raise_exception=True)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    task = queries.get_task_for(actor, pk)
    may_handle = request.user.has_perm("monitoring.change_verificationtask") and task.status != TaskStatus.CLOSED
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and may_handle and form.is_valid():
        task = queries.get_task_for(actor, pk, Action.CHANGE)
        try:
            record_outcome(actor=actor, task=task, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"])
            messages.success(request, _("The outcome is recorded."))
            return redirect("monitoring:task_detail", pk=task.pk)
        except DomainError as error:
            add_domain_error(form, error)
    context = {"task": task, "form": form, "may_handle": may_handle, "severity": severity_label(task.alert.severity)}
    return render(request, "monitoring/task_detail.html", context)


@require_POST
@login_required
@permission_required("monitoring.change_verificationtask", raise_exception=True)
def task_start(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    task = queries.get_task_for(actor, pk, Action.CHANGE)
    try:
        start_verification(actor=actor, task=task)
        messages.success(request, _("On-site verification started."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("monitoring:task_detail", pk=task.pk)


@login_required
@permission_required("monitoring.view_verificationtask", raise_exception=True)
def summary(request: HttpRequest) -> HttpResponse:
    """Timeliness and disposal of warnings, and this month's offline rates, per region."""
    actor = request.actor  # type: ignore[attr-defined]
    now = timezone.now()
    rates = sorted(queries.warning_rates(actor, now).values(), key=lambda r: r.region_code)
    _devices, _entities, regions = queries.offline_rates(actor, now)
    context = {
        "rates": [{"r": r, "timeliness": as_percent(r.timeliness), "disposal": as_percent(r.disposal)} for r in rates],
        "regions": [{"g": g, "rate": as_percent(g.offline_rate)} for g in regions],
        "offline_target": queries.OFFLINE_TARGET,
    }
    return render(request, "monitoring/summary.html", context)


@login_required
@permission_required("monitoring.view_deadletter", raise_exception=True)
def deadletter_list(request: HttpRequest) -> HttpResponse:
    letters = queries.list_dead_letters_for(request.actor)  # type: ignore[attr-defined]
    return render_list(request, DEAD_LETTER_LIST, letters)


@login_required
@permission_required("monitoring.view_deadletter", raise_exception=True)
def deadletter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = queries.get_dead_letter_for(request.actor, pk)  # type: ignore[attr-defined]
    return render(request, "monitoring/deadletter_detail.html", {"letter": letter})


@require_POST
@login_required
@permission_required("monitoring.change_deadletter", raise_exception=True)
def deadletter_replay(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    letter = queries.get_dead_letter_for(actor, pk, Action.CHANGE)
    try:
        letter = replay_dead_letter(actor=actor, letter=letter, pipeline=http_pipeline())
        if letter.status == DeadLetterStatus.REPLAYED:
            messages.success(request, _("The message was stored."))
        else:
            messages.error(request, _("Refused again: %(reason)s") % {"reason": letter.message})
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("monitoring:deadletter_detail", pk=letter.pk)
