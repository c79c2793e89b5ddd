"""Case pages: list, open, detail with the steps of the current stage, the documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.errors import DomainError
from ohs.core.forms import StyledForm, add_domain_error
from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.core.models.documents import IssuedDocument
from ohs.core.querysets import Action
from ohs.enforcement import queries
from ohs.enforcement.choices import CaseStatus
from ohs.enforcement.documents import DOCUMENT_TITLES
from ohs.enforcement.forms import OpenCaseForm
from ohs.enforcement.models import Case
from ohs.enforcement.services import cases
from ohs.enforcement.services.procedure import decision_blockers
from ohs.enforcement.views.steps import STEP_BY_NAME, STEPS, Step, step_form
from ohs.enforcement.workflow import CASE_WORKFLOW
from ohs.registry.models import Employer

CASE_LIST = ListSpec(
    title=_("Penalty cases"),
    columns=[
        Column("ref", _("case number"), sort="ref", link=True),
        Column("employer", _("employer"), value=lambda c: c.employer.name, sort="employer__name"),
        Column("code", _("action code"), value=lambda c: c.action_code.code),
        Column("article", _("violated provision"), sort="article"),
        Column("status", _("stage"), value=lambda c: c.get_status_display(), sort="status"),
        Column("decision_due_on", _("decision due by"), sort="decision_due_on"),
        Column("fine_yuan", _("fine (yuan)"), sort="fine_yuan"),
    ],
    search_fields=["ref", "employer__name", "employer__uscc", "action_code__code"],
    search_hint=_("case number, employer or action code"),
    filters=[Filter("status", _("stage"), "status", lambda r: list(CaseStatus.choices))],
    default_sort="-created_at",
    export_name="cases",
    row_url=lambda c: reverse("enforcement:case_detail", args=[c.pk]),
)


@login_required
@permission_required("enforcement.view_case", raise_exception=True)
def case_list(request: HttpRequest) -> HttpResponse:
    actions = (
        [(_("Open a case"), reverse("enforcement:case_new"))] if request.user.has_perm("enforcement.add_case") else []
    )
    return render_list(request, CASE_LIST, queries.list_cases_for(request.actor), {"page_actions": actions})  # type: ignore[attr-defined]


@login_required
@permission_required("enforcement.add_case", raise_exception=True)
def case_new(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employers = Employer.objects.for_actor(actor, Action.CHANGE).order_by("name")
    form = OpenCaseForm(request.POST or None, employers=employers)
    if request.method == "POST" and form.is_valid():
        try:
            case = cases.open_case(actor=actor, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("enforcement:case_detail", pk=case.pk)
    return render(request, "core/form.html", {"form": form, "title": _("Open a case")})


def _steps_for(request: HttpRequest, case: Case) -> list[tuple[Step, StyledForm]]:
    actor = request.actor  # type: ignore[attr-defined]
    may_change = request.user.has_perm("enforcement.change_case") and (
        Case.objects.for_actor(actor, Action.CHANGE).filter(pk=case.pk).exists()
    )
    may_sign = request.user.has_perm("enforcement.sign_commitment")
    allowed = {t.name for t in CASE_WORKFLOW.allowed(actor, case)}
    shown = []
    for step in STEPS:
        if case.status not in step.stages:
            continue
        if step.by_entity:
            if not (may_sign and case.no_penalty_item and not case.commitment_signed_on):
                continue
        elif not may_change or (step.name == "approve" and "filing_approved" not in allowed):
            continue
        if step.name == "offer" and (case.no_penalty_item or not case.article):
            continue
        if step.name == "no_penalty" and not case.commitment_signed_on:
            continue
        if step.name == "remedy_outcome" and not case.remedies.filter(outcome="pending").exists():
            continue
        shown.append((step, step_form(step, case)))
    return shown


@login_required
@permission_required("enforcement.view_case", raise_exception=True)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = queries.get_case_for(request.actor, pk)  # type: ignore[attr-defined]
    documents = IssuedDocument.objects.filter(subject_type="enforcement.case", subject_id=str(case.pk)).order_by(
        "issued_at"
    )
    context = {
        "case": case,
        "code": case.action_code,
        "officers": case.officers.all(),
        "evidence": case.evidence.all(),
        "remedies": case.remedies.all(),
        "compulsory": getattr(case, "compulsory", None),
        "documents": [(d, DOCUMENT_TITLES.get(d.kind, d.title)) for d in documents],
        "steps": _steps_for(request, case),
        "blockers": decision_blockers(case, timezone.localdate()) if case.status in ("notified", "heard") else [],
    }
    return render(request, "enforcement/case_detail.html", context)


@require_POST
@login_required
@permission_required("enforcement.view_case", raise_exception=True)
def case_step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    step = STEP_BY_NAME.get(name)
    if step is None:
        raise Http404
    actor = request.actor  # type: ignore[attr-defined]
    if step.by_entity:
        if not request.user.has_perm("enforcement.sign_commitment"):
            raise PermissionDenied
        case = queries.get_case_for(actor, pk)
    else:
        if not request.user.has_perm("enforcement.change_case"):
            raise PermissionDenied
        case = queries.get_case_for(actor, pk, Action.CHANGE)
    form = step_form(step, case, request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else str(error))
        return redirect("enforcement:case_detail", pk=pk)
    data = dict(form.cleaned_data)
    try:
        step.run(actor, case, data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(step.label))
    return redirect("enforcement:case_detail", pk=pk)


@login_required
@permission_required("enforcement.view_case", raise_exception=True)
def case_document(request: HttpRequest, pk: int, code: str) -> FileResponse:
    case = queries.get_case_for(request.actor, pk)  # type: ignore[attr-defined]
    document = IssuedDocument.objects.filter(
        subject_type="enforcement.case", subject_id=str(case.pk), verification_code=code
    ).first()
    if document is None:
        raise Http404
    name = f"{DOCUMENT_TITLES.get(document.kind, document.title)}-{case.ref}.pdf"
    return FileResponse(document.file.open("rb"), content_type="application/pdf", filename=name)
