"""The phone page used on site while sampling, and the laboratory results page (form or Excel)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.errors import DomainError
from ohs.core.excel import xlsx_response
from ohs.core.querysets import Action
from ohs.detection import lab_excel, queries, services
from ohs.detection.choices import ProjectStatus, SampleStatus
from ohs.detection.forms import ResultForm, ResultUploadForm, SampleFinishForm, SampleStartForm
from ohs.detection.models import Sample
from ohs.detection.views.common import actor_of, form_errors, project_of, run


@login_required
@permission_required("detection.add_sample", raise_exception=True)
def sampling_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Start and stop samples as they happen; times are the server's."""
    actor = actor_of(request)
    project = project_of(request, pk, Action.CHANGE)
    items = queries.plan_items_of(project).filter(samples_planned__gt=0)
    equipment = queries.list_equipment_for(actor)
    form = SampleStartForm(request.POST or None, request.FILES or None, items=items, equipment=equipment)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            ok = run(
                request,
                lambda: services.start_sample(
                    actor=actor,
                    project=project,
                    plan_item=data["plan_item"],
                    equipment=data["equipment"],
                    location=data["location"],
                    flow_before_l_per_min=data["flow_before_l_per_min"],
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    photo=data["photo"],
                ),
                str(_("Sampling started")),
            )
            if ok:
                return redirect("detection:sampling", pk=pk)
        else:
            form_errors(request, form)
    samples = queries.samples_of(project)
    context = {
        "project": project,
        "form": form,
        "running": [(s, SampleFinishForm(prefix=f"s{s.pk}")) for s in samples if s.status == SampleStatus.SAMPLING],
        "done": [s for s in samples if s.status != SampleStatus.SAMPLING],
        "can_sample": project.status in (ProjectStatus.PLANNED, ProjectStatus.SAMPLING),
    }
    return render(request, "detection/sampling.html", context)


@require_POST
@login_required
@permission_required("detection.change_sample", raise_exception=True)
def sample_finish(request: HttpRequest, pk: int, sample_id: int) -> HttpResponse:
    sample = queries.get_sample_for(actor_of(request), sample_id, Action.CHANGE)
    if sample.project_id != pk:
        raise Http404
    form = SampleFinishForm(request.POST, request.FILES, prefix=f"s{sample.pk}")
    if form.is_valid():
        data = form.cleaned_data
        run(
            request,
            lambda: services.finish_sample(
                actor=actor_of(request),
                sample=sample,
                flow_after_l_per_min=data["flow_after_l_per_min"],
                photo=data["photo"],
            ),
            str(_("Sample collected")),
        )
    else:
        form_errors(request, form)
    return redirect("detection:sampling", pk=pk)


@login_required
@permission_required("detection.change_sample", raise_exception=True)
def results_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter results one by one, or check (dry run) and import a lab's Excel file."""
    project = project_of(request, pk, Action.CHANGE)
    samples = list(queries.samples_of(project).order_by("code"))
    context = {
        "project": project,
        "rows": [(s, ResultForm(prefix=f"r{s.pk}", initial=_initial(s))) for s in samples],
        "upload_form": ResultUploadForm(),
        "is_open": not project.is_locked,
    }
    return render(request, "detection/results.html", context)


def _initial(sample: Sample) -> dict[str, object]:
    return {"value": sample.value, "mass_ug": sample.mass_ug, "volume_l": sample.volume_l, "lod": sample.lod}


@require_POST
@login_required
@permission_required("detection.change_sample", raise_exception=True)
def result_record(request: HttpRequest, pk: int, sample_id: int) -> HttpResponse:
    sample = queries.get_sample_for(actor_of(request), sample_id, Action.CHANGE)
    if sample.project_id != pk:
        raise Http404
    form = ResultForm(request.POST, prefix=f"r{sample.pk}")
    if form.is_valid():
        run(
            request,
            lambda: services.record_result(actor=actor_of(request), sample=sample, data=form.to_data()),
            str(_("Result recorded")),
        )
    else:
        form_errors(request, form)
    return redirect("detection:results", pk=pk)


@login_required
@permission_required("detection.change_sample", raise_exception=True)
def results_template(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_of(request, pk, Action.CHANGE)
    return xlsx_response(f"检测结果-{project.code}.xlsx", lab_excel.template_bytes(project))


@require_POST
@login_required
@permission_required("detection.change_sample", raise_exception=True)
def results_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Check the file (dry run) or, when asked and clean, import it in one transaction."""
    project = project_of(request, pk, Action.CHANGE)
    form = ResultUploadForm(request.POST, request.FILES)
    commit = request.POST.get("commit") == "1"
    report = None
    if form.is_valid():
        try:
            report = lab_excel.import_results(
                actor=actor_of(request), project=project, content=form.cleaned_data["file"].read(), commit=commit
            )
        except DomainError as error:
            messages.error(request, error.message)
    if report is not None and commit and report.is_clean:
        messages.success(request, _("%(count)s results imported") % {"count": report.written})
        return redirect("detection:results", pk=pk)
    context = {"project": project, "report": report, "upload_form": form, "committed": commit}
    return render(request, "detection/results_check.html", context)
