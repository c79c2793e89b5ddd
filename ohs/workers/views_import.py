"""Roster import pages: upload → every row checked → error report, or import all at once."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.errors import DomainError
from ohs.core.excel import xlsx_response
from ohs.core.forms import StyledForm, add_domain_error
from ohs.core.querysets import Action
from ohs.registry.models import Employer
from ohs.workers import services
from ohs.workers.models import RosterImport
from ohs.workers.roster_excel import error_report_bytes, template_bytes
from ohs.workers.rules.roster import RowError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class RosterUploadForm(StyledForm):
    employer = forms.ModelChoiceField(label=_("employer"), queryset=Employer.objects.none())
    file = forms.FileField(label=_("roster (.xlsx)"))

    def __init__(self, *args: object, employers: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers  # type: ignore[attr-defined]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


@login_required
@permission_required("workers.add_worker", raise_exception=True)
def roster_upload(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employers = Employer.objects.for_actor(actor, Action.CHANGE).order_by("name")
    form = RosterUploadForm(request.POST or None, request.FILES or None, employers=employers)
    if employers.count() == 1:
        form.fields["employer"].initial = employers.first()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.check_upload(
                actor=actor,
                employer=form.cleaned_data["employer"],
                file_name=upload.name,
                content=upload.read(),
                today=timezone.localdate(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("workers:roster_detail", pk=batch.pk)
    return render(request, "workers/roster_upload.html", {"form": form})


def _batch_for(request: HttpRequest, pk: int) -> RosterImport:
    return RosterImport.objects.select_related("employer").get_for(request.actor, Action.CHANGE, pk=pk)  # type: ignore[attr-defined]


@login_required
@permission_required("workers.add_worker", raise_exception=True)
def roster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "workers/roster_detail.html", {"batch": _batch_for(request, pk)})


@login_required
@permission_required("workers.add_worker", raise_exception=True)
def roster_error_report(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_for(request, pk)
    errors = [RowError(e["row"], e["column"], e["message"]) for e in batch.errors]
    return xlsx_response(f"花名册错误报告-{batch.pk}.xlsx", error_report_bytes(errors))


@login_required
def roster_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response("劳动者花名册模板.xlsx", template_bytes())


@require_POST
@login_required
@permission_required("workers.add_worker", raise_exception=True)
def roster_commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_for(request, pk)
    try:
        batch = services.import_roster(actor=request.actor, batch=batch, today=timezone.localdate())  # type: ignore[attr-defined]
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _t("%(n)d workers imported.") % {"n": batch.hired_count})
    return redirect("workers:roster_detail", pk=batch.pk)
