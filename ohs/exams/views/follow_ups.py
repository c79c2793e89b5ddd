"""Follow-up pages: the list (open first), one step with the employer's confirmation of a move off
the hazard post, and the notices the platform sent."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.errors import DomainError
from ohs.core.forms import StyledForm, add_domain_error
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.querysets import Action
from ohs.exams import queries, services
from ohs.exams.choices import FollowUpStatus, NoticeAudience
from ohs.exams.models import FollowUp
from ohs.exams.workflow import FOLLOW_UP_WORKFLOW

FOLLOW_UP_LIST = ListSpec(
    title=_("Exam follow-ups"),
    columns=[
        Column("worker", _("worker"), value=lambda f: f.worker.name, sort="worker__name", link=True),
        Column("employer", _("employer"), value=lambda f: f.employer.name, sort="employer__name"),
        Column("label", _("follow-up")),
        Column("due_on", _("due on"), sort="due_on"),
        Column("status", _("status"), value=lambda f: f.get_status_display(), sort="status"),
    ],
    search_fields=["worker__name", "employer__name", "label"],
    search_hint=_("worker, employer or step"),
    filters=[Filter("status", _("status"), "status", lambda r: list(FollowUpStatus.choices))],
    default_sort="status",
    export_name="exam-follow-ups",
    row_url=lambda f: reverse("exams:follow_up_detail", args=[f.pk]),
)

NOTICE_LIST = ListSpec(
    title=_("Exam notices"),
    columns=[
        Column("created_at", _("sent at"), sort="created_at"),
        Column("audience", _("to"), value=lambda n: n.get_audience_display(), sort="audience"),
        Column("title", _("title"), link=True),
        Column("body", _("message")),
    ],
    search_fields=["title", "body"],
    search_hint=_("title or text"),
    filters=[Filter("audience", _("to"), "audience", lambda r: list(NoticeAudience.choices))],
    default_sort="-created_at",
    export_name="exam-notices",
)


@login_required
@permission_required("exams.view_followup", raise_exception=True)
def follow_up_list(request: HttpRequest) -> HttpResponse:
    actions = [(_("Notices"), reverse("exams:notice_list"))]
    return render_list(
        request,
        FOLLOW_UP_LIST,
        queries.list_follow_ups_for(request.actor),  # type: ignore[attr-defined]
        {"page_actions": actions},
    )


@login_required
@permission_required("exams.view_examnotice", raise_exception=True)
def notice_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, NOTICE_LIST, queries.list_notices_for(request.actor))  # type: ignore[attr-defined]


class ConfirmForm(StyledForm):
    note = forms.CharField(label=_("new post or arrangement"), max_length=500)


@login_required
@permission_required("exams.view_followup", raise_exception=True)
def follow_up_detail(request: HttpRequest, pk: int, form: ConfirmForm | None = None) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    follow_up = queries.get_follow_up_for(actor, pk)
    may_confirm = (
        "confirmed" in [t.name for t in FOLLOW_UP_WORKFLOW.allowed(actor, follow_up)]
        and follow_up.action == "confirm_post_change"
        and FollowUp.objects.for_actor(actor, Action.CHANGE).filter(pk=pk).exists()
    )
    context = {"follow_up": follow_up, "may_confirm": may_confirm, "form": form or ConfirmForm()}
    return render(request, "exams/follow_up_detail.html", context)


@require_POST
@login_required
@permission_required("exams.change_followup", raise_exception=True)
def follow_up_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    follow_up = queries.get_follow_up_for(actor, pk, Action.CHANGE)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            services.confirm_post_change(actor=actor, follow_up=follow_up, note=form.cleaned_data["note"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("exams:follow_up_detail", pk=pk)
    return follow_up_detail(request, pk, form=form)
