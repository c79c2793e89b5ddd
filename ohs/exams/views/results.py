"""Result pages: the institution records one worker's result or uploads a sheet (dry run first);
everyone in scope reads results."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.errors import DomainError
from ohs.core.excel import xlsx_response
from ohs.core.forms import StyledForm, add_domain_error
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.querysets import Action
from ohs.exams import queries, services
from ohs.exams.choices import ConclusionChoice
from ohs.exams.forms import date_input
from ohs.exams.models import ResultImport
from ohs.exams.results_excel import check_upload, error_report_bytes, import_results, template_bytes

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
YES_NO = [("1", _("yes")), ("0", _("no"))]

RESULT_LIST = ListSpec(
    title=_("Exam results"),
    columns=[
        Column("worker", _("worker"), value=lambda r: r.worker.name, sort="worker__name", link=True),
        Column("employer", _("employer"), value=lambda r: r.employer.name, sort="employer__name"),
        Column("institution", _("exam institution"), value=lambda r: str(r.institution)),
        Column("examined_on", _("examined on"), sort="examined_on"),
        Column("conclusion", _("conclusion"), value=lambda r: r.get_conclusion_display(), sort="conclusion"),
        Column("is_late", _("reported late"), value=lambda r: "逾期" if r.is_late else "", sort="is_late"),
    ],
    search_fields=["worker__name", "employer__name"],
    search_hint=_("worker or employer"),
    filters=[
        Filter("conclusion", _("conclusion"), "conclusion", lambda r: list(ConclusionChoice.choices)),
        Filter("late", _("reported late"), "is_late", lambda r: YES_NO),
    ],
    default_sort="-examined_on",
    export_name="exam-results",
    row_url=lambda r: reverse("exams:result_detail", args=[r.pk]),
)


@login_required
@permission_required("exams.view_examresult", raise_exception=True)
def result_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, RESULT_LIST, queries.list_results_for(request.actor))  # type: ignore[attr-defined]


@login_required
@permission_required("exams.view_examresult", raise_exception=True)
def result_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    result = queries.get_result_for(actor, pk)
    context = {
        "result": result,
        "follow_ups": result.follow_ups.order_by("pk"),
        "notices": result.notices.for_actor(actor).order_by("pk"),
    }
    return render(request, "exams/result_detail.html", context)


class ResultForm(StyledForm):
    examined_on = forms.DateField(label=_("examined on"), widget=date_input())
    conclusion = forms.ChoiceField(label=_("conclusion"), choices=ConclusionChoice.choices)
    suspected_disease = forms.CharField(
        label=_("suspected occupational disease"), required=False, help_text=_("Only for 疑似职业病.")
    )
    recheck_on = forms.DateField(
        label=_("recheck by"),
        required=False,
        widget=date_input(),
        help_text=_("Only for 复查."),
    )
    items = forms.CharField(
        label=_("exam items"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item per line: name: value (add ! at the end of an abnormal one)."),
    )
    findings = forms.CharField(label=_("findings"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    advice = forms.CharField(label=_("handling advice"), widget=forms.Textarea(attrs={"rows": 2}))


def _items(text: str) -> list[dict[str, object]]:
    items = []
    for line in text.splitlines():
        if not line.strip():
            continue
        name, _sep, value = line.replace("：", ":").partition(":")
        abnormal = value.strip().endswith("!")
        items.append({"name": name.strip(), "value": value.strip().rstrip("!").strip(), "abnormal": abnormal})
    return items


@login_required
@permission_required("exams.add_examresult", raise_exception=True)
def result_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    appointment = queries.get_appointment_for(actor, pk, Action.CHANGE)
    form = ResultForm(request.POST or None, initial={"examined_on": appointment.booking.exam_on})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["items"] = _items(data["items"])
        try:
            services.record_result(actor=actor, appointment=appointment, data=services.ResultData(**data))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("exams:booking_detail", pk=appointment.booking_id)
    title = f"{gettext('Record the result')} · {appointment.worker.name}"
    return render(request, "exams/result_form.html", {"form": form, "title": title, "appointment": appointment})


class UploadForm(StyledForm):
    file = forms.FileField(label=_("results (.xlsx)"))

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


@login_required
@permission_required("exams.add_resultimport", raise_exception=True)
def results_upload(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    booking = queries.get_booking_for(actor, pk, Action.CHANGE)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = check_upload(
                actor=actor, booking=booking, file_name=upload.name, content=upload.read(), today=timezone.localdate()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("exams:results_import", pk=batch.pk)
    return render(request, "exams/results_upload.html", {"form": form, "booking": booking})


@login_required
@permission_required("exams.add_resultimport", raise_exception=True)
def results_template(request: HttpRequest, pk: int) -> HttpResponse:
    booking = queries.get_booking_for(request.actor, pk, Action.CHANGE)  # type: ignore[attr-defined]
    return xlsx_response(f"体检结果-{booking.pk}.xlsx", template_bytes(booking))


def _batch(request: HttpRequest, pk: int) -> ResultImport:
    return ResultImport.objects.select_related("booking").get_for(request.actor, Action.CHANGE, pk=pk)  # type: ignore[attr-defined]


@login_required
@permission_required("exams.add_resultimport", raise_exception=True)
def results_import(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "exams/results_import.html", {"batch": _batch(request, pk)})


@login_required
@permission_required("exams.add_resultimport", raise_exception=True)
def results_error_report(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    return xlsx_response(f"体检结果错误报告-{batch.pk}.xlsx", error_report_bytes(batch.errors))


@require_POST
@login_required
@permission_required("exams.add_resultimport", raise_exception=True)
def results_commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        batch = import_results(actor=request.actor, batch=batch, today=timezone.localdate())  # type: ignore[attr-defined]
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("%(n)d results recorded.") % {"n": batch.imported_count})
    return redirect("exams:results_import", pk=batch.pk)
