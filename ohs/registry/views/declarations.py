"""Hazard declaration pages: list, start, items, submit; accept or return; the receipt."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
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
from ohs.core.querysets import Action
from ohs.orgs.choices import Role
from ohs.registry import queries, services
from ohs.registry.choices import DeclarationKind, DeclarationStatus
from ohs.registry.forms import DeclarationItemForm, DeclarationStartForm, ReturnForm
from ohs.registry.models import Declaration, DeclarationItem, Employer
from ohs.registry.receipts import RECEIPT_KIND
from ohs.registry.workflow import DECLARATION_WORKFLOW

YES_NO = [("1", _("yes")), ("0", _("no"))]

DECLARATION_LIST = ListSpec(
    title=_("Hazard declarations"),
    columns=[
        Column("employer", _("employer"), value=lambda d: d.employer.name, sort="employer__name", link=True),
        Column("kind", _("kind"), value=lambda d: d.get_kind_display(), sort="kind"),
        Column("event_on", _("event date"), sort="event_on"),
        Column("due_on", _("due by"), sort="due_on"),
        Column("status", _("status"), value=lambda d: d.get_status_display(), sort="status"),
        Column("is_late", _("late"), value=lambda d: "逾期" if d.is_late else "", sort="is_late"),
        Column(
            "submitted_at",
            _("submitted at"),
            value=lambda d: timezone.localtime(d.submitted_at) if d.submitted_at else "",
            sort="submitted_at",
        ),
    ],
    search_fields=["employer__name", "employer__uscc"],
    search_hint=_("employer name or credit code"),
    filters=[
        Filter("status", _("status"), "status", lambda r: list(DeclarationStatus.choices)),
        Filter("kind", _("kind"), "kind", lambda r: list(DeclarationKind.choices)),
        Filter("late", _("late"), "is_late", lambda r: YES_NO),
    ],
    default_sort="-created_at",
    export_name="declarations",
    row_url=lambda d: reverse("registry:declaration_detail", args=[d.pk]),
)


@login_required
@permission_required("registry.view_declaration", raise_exception=True)
def declaration_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    queryset = queries.list_declarations_for(actor)
    actions = (
        [(_("New declaration"), reverse("registry:declaration_start"))]
        if request.user.has_perm("registry.add_declaration")
        else []
    )
    if actor.is_governing:
        actions.append((_("Late or missing"), reverse("registry:declaration_overdue")))
    return render_list(request, DECLARATION_LIST, queryset, {"page_actions": actions})


@login_required
@permission_required("registry.add_declaration", raise_exception=True)
def declaration_start(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employers = Employer.objects.for_actor(actor, Action.CHANGE).order_by("name")
    form = DeclarationStartForm(request.POST or None, employers=employers, initial={"employer": employers.first()})
    if request.method == "POST" and form.is_valid():
        try:
            declaration = services.start_declaration(actor=actor, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("registry:declaration_detail", pk=declaration.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New declaration")})


def _declaration(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> Declaration:
    return queries.get_declaration_for(request.actor, pk, action)  # type: ignore[attr-defined]


@login_required
@permission_required("registry.view_declaration", raise_exception=True)
def declaration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    declaration = _declaration(request, pk)
    can_edit = declaration.is_editable and Declaration.objects.for_actor(actor, Action.CHANGE).filter(pk=pk).exists()
    item_form = (
        DeclarationItemForm(employer=declaration.employer) if can_edit and actor.role == Role.EMPLOYER_MANAGER else None
    )
    context = {
        "declaration": declaration,
        "items": declaration.items.select_related("post__workplace", "agent"),
        "item_form": item_form,
        "transitions": [t.name for t in DECLARATION_WORKFLOW.allowed(actor, declaration)],
        "return_form": ReturnForm(),
        "receipt": current_document_for(declaration, RECEIPT_KIND),
    }
    return render(request, "registry/declaration_detail.html", context)


@require_POST
@login_required
@permission_required("registry.change_declaration", raise_exception=True)
def declaration_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration(request, pk, Action.CHANGE)
    form = DeclarationItemForm(request.POST, employer=declaration.employer)
    if form.is_valid():
        try:
            services.add_item(actor=request.actor, declaration=declaration, **form.cleaned_data)  # type: ignore[attr-defined]
        except DomainError as error:
            add_domain_error(form, error)
    for field_errors in form.errors.values():
        for message in field_errors:
            messages.error(request, str(message))
    return redirect("registry:declaration_detail", pk=pk)


@require_POST
@login_required
@permission_required("registry.change_declaration", raise_exception=True)
def declaration_item_remove(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    declaration = _declaration(request, pk, Action.CHANGE)
    item = DeclarationItem.objects.filter(declaration=declaration, pk=item_id).first()
    if item is None:
        raise Http404
    _run(request, lambda: services.remove_item(actor=request.actor, item=item))  # type: ignore[attr-defined]
    return redirect("registry:declaration_detail", pk=pk)


def _run(request: HttpRequest, action: Callable[[], object]) -> None:
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)


@require_POST
@login_required
@permission_required("registry.change_declaration", raise_exception=True)
def declaration_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    declaration = _declaration(request, pk, Action.CHANGE)
    steps = {
        "submitted": lambda: services.submit_declaration(actor=actor, declaration=declaration),
        "accepted": lambda: services.accept_declaration(actor=actor, declaration=declaration),
        "returned": lambda: services.return_declaration(
            actor=actor, declaration=declaration, reason=request.POST.get("reason", "")
        ),
    }
    if name not in steps:
        raise Http404
    _run(request, steps[name])
    return redirect("registry:declaration_detail", pk=pk)


@login_required
@permission_required("registry.view_declaration", raise_exception=True)
def declaration_receipt(request: HttpRequest, pk: int) -> FileResponse:
    document = current_document_for(_declaration(request, pk), RECEIPT_KIND)
    if document is None:
        raise Http404
    return FileResponse(
        document.file.open("rb"), content_type="application/pdf", filename=f"申报回执-{document.verification_code}.pdf"
    )


@login_required
@permission_required("registry.view_declaration", raise_exception=True)
def declaration_overdue(request: HttpRequest) -> HttpResponse:
    """For regulators: employers whose declaration is missing or late, in the jurisdiction."""
    report = queries.declaration_gaps_for(request.actor, timezone.localdate())  # type: ignore[attr-defined]
    return render(request, "registry/declaration_overdue.html", {"report": report})
