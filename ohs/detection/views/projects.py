"""Project pages: list, contract, the project page with each stage's actions, the report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.documents import current_document_for
from ohs.core.errors import DomainError
from ohs.core.forms import add_domain_error
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.models.documents import IssuedDocument
from ohs.core.querysets import Action
from ohs.detection import queries, services
from ohs.detection.choices import ProjectStatus
from ohs.detection.forms import NewPlanItemForm, PlanItemForm, ProjectForm, ReviseForm, SurveyDoneForm, SurveyPostForm
from ohs.detection.models import PlanItem, Project
from ohs.detection.report import REPORT_KIND, sample_result_text
from ohs.detection.services.projects import missing_from_plan
from ohs.detection.views.common import actor_of, form_errors, project_of, run
from ohs.detection.workflow import PROJECT_WORKFLOW
from ohs.registry.models import Post

PROJECT_LIST = ListSpec(
    title=_("Measurement projects"),
    columns=[
        Column("code", _("project number"), sort="code", link=True),
        Column("employer", _("employer"), value=lambda p: p.employer.name, sort="employer__name"),
        Column("institution", _("technical service institution"), value=lambda p: p.institution.name),
        Column("county", _("county"), value=lambda p: p.county.name, sort="county_id"),
        Column("status", _("status"), value=lambda p: p.get_status_display(), sort="status"),
        Column("contract_signed_on", _("contract signed on"), sort="contract_signed_on"),
        Column(
            "issued_at",
            _("issued at"),
            value=lambda p: timezone.localtime(p.issued_at).strftime("%Y-%m-%d %H:%M") if p.issued_at else "",
        ),
    ],
    search_fields=["code", "employer__name", "employer__uscc", "contract_number"],
    search_hint=_("project number, employer or credit code"),
    filters=[Filter("status", _("status"), "status", lambda r: list(ProjectStatus.choices))],
    default_sort="-created_at",
    export_name="detection-projects",
    row_url=lambda p: reverse("detection:project_detail", args=[p.pk]),
)


@login_required
@permission_required("detection.view_project", raise_exception=True)
def project_list(request: HttpRequest) -> HttpResponse:
    actions = (
        [(_("New project (contract)"), reverse("detection:project_create"))]
        if request.user.has_perm("detection.add_project")
        else []
    )
    return render_list(request, PROJECT_LIST, queries.list_projects_for(actor_of(request)), {"page_actions": actions})


@login_required
@permission_required("detection.add_project", raise_exception=True)
def project_create(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None, initial={"contract_signed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            employer = services.employer_by_uscc(data.pop("employer_uscc"))
            project = services.contract_project(actor=actor_of(request), employer=employer, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("detection:project_detail", pk=project.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New measurement project (contract)")})


def _stage_forms(project: Project, can_change: bool) -> dict[str, object]:
    if not can_change:
        return {}
    forms: dict[str, object] = {}
    if project.status == ProjectStatus.CONTRACTED:
        posts = Post.objects.filter(employer_id=project.employer_id, is_active=True).select_related("workplace")
        forms["survey_post_form"] = SurveyPostForm(posts=posts)
        forms["survey_done_form"] = SurveyDoneForm(initial={"process_description": project.process_description})
    if project.status in (ProjectStatus.CONTRACTED, ProjectStatus.SURVEYED):
        survey_posts = project.survey_posts.select_related("post")
        forms["new_plan_item_form"] = NewPlanItemForm(survey_posts=survey_posts)
        forms["plan_editable"] = True
    if project.status == ProjectStatus.SURVEYED:
        forms["missing"] = missing_from_plan(project)
    if project.status == ProjectStatus.ISSUED:
        forms["revise_form"] = ReviseForm()
    return forms


def _revisions(project: Project) -> list[IssuedDocument]:
    return list(
        IssuedDocument.objects.filter(subject_type="detection.project", subject_id=str(project.pk), kind=REPORT_KIND)
        .select_related("superseded_by")
        .order_by("-revision")
    )


@login_required
@permission_required("detection.view_project", raise_exception=True)
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    project = project_of(request, pk)
    can_change = Project.objects.for_actor(actor, Action.CHANGE).filter(pk=pk).exists() and request.user.has_perm(
        "detection.change_project"
    )
    samples = list(queries.samples_of(project))
    context = {
        "project": project,
        "can_change": can_change,
        "survey_posts": project.survey_posts.select_related("post__workplace"),
        "plan_items": queries.plan_items_of(project),
        "samples": [(s, sample_result_text(s)) for s in samples],
        "findings": project.findings.select_related("plan_item__agent", "plan_item__survey_post__post"),
        "transitions": [t.name for t in PROJECT_WORKFLOW.allowed(actor, project)] if can_change else [],
        "report": current_document_for(project, REPORT_KIND),
        "revisions": _revisions(project),
        **_stage_forms(project, can_change),
    }
    return render(request, "detection/project_detail.html", context)


@require_POST
@login_required
@permission_required("detection.change_project", raise_exception=True)
def survey_import(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_of(request, pk, Action.CHANGE)
    run(request, lambda: services.survey_from_declaration(actor=actor_of(request), project=project), str(_("Saved")))
    return redirect("detection:project_detail", pk=pk)


@require_POST
@login_required
@permission_required("detection.change_project", raise_exception=True)
def survey_post_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_of(request, pk, Action.CHANGE)
    posts = Post.objects.filter(employer_id=project.employer_id).select_related("workplace")
    form = SurveyPostForm(request.POST, posts=posts)
    if form.is_valid():
        run(request, lambda: services.add_survey_post(actor=actor_of(request), project=project, data=form.to_data()))
    else:
        form_errors(request, form)
    return redirect("detection:project_detail", pk=pk)


@require_POST
@login_required
@permission_required("detection.change_project", raise_exception=True)
def plan_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_of(request, pk, Action.CHANGE)
    form = NewPlanItemForm(request.POST, survey_posts=project.survey_posts.select_related("post"))
    if form.is_valid():
        survey_post = project.survey_posts.get(pk=form.cleaned_data["survey_post_id"])
        agent_id = form.cleaned_data["agent_id"].pk
        run(
            request,
            lambda: services.add_plan_item(
                actor=actor_of(request),
                project=project,
                survey_post=survey_post,
                agent_id=agent_id,
                data=form.to_data(),
            ),
        )
    else:
        form_errors(request, form)
    return redirect("detection:project_detail", pk=pk)


@require_POST
@login_required
@permission_required("detection.change_project", raise_exception=True)
def plan_item_edit(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    project = project_of(request, pk, Action.CHANGE)
    item = PlanItem.objects.select_related("project", "survey_post").filter(project=project, pk=item_id).first()
    if item is None:
        raise Http404
    form = PlanItemForm(request.POST)
    if form.is_valid():
        run(request, lambda: services.update_plan_item(actor=actor_of(request), item=item, data=form.to_data()))
    else:
        form_errors(request, form)
    return redirect(f"{reverse('detection:project_detail', args=[pk])}#plan")


@require_POST
@login_required
@permission_required("detection.change_project", raise_exception=True)
def project_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    actor = actor_of(request)
    project = project_of(request, pk, Action.CHANGE)
    steps = {
        "surveyed": lambda: services.finish_survey(
            actor=actor, project=project, process_description=request.POST.get("process_description", "")
        ),
        "planned": lambda: services.confirm_plan(actor=actor, project=project),
        "sampling_finished": lambda: services.finish_sampling(actor=actor, project=project),
        "reviewed": lambda: services.review_project(actor=actor, project=project),
        "approved": lambda: services.approve_project(actor=actor, project=project),
        "issued": lambda: services.issue_report(actor=actor, project=project),
        "revised": lambda: services.revise_report(actor=actor, project=project, reason=request.POST.get("reason", "")),
    }
    if name not in steps:
        raise Http404
    run(request, steps[name], str(_("Saved")))
    return redirect("detection:project_detail", pk=pk)


@login_required
@permission_required("detection.view_project", raise_exception=True)
def report_pdf(request: HttpRequest, pk: int) -> FileResponse:
    document = current_document_for(project_of(request, pk), REPORT_KIND)
    if document is None:
        raise Http404
    return FileResponse(
        document.file.open("rb"), content_type="application/pdf", filename=f"检测报告-{document.verification_code}.pdf"
    )
