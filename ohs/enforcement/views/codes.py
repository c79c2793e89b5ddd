"""Action-code pages: the list (the entity sees every code about itself), one code, the public
page a scan opens (no login), and the province's coverage."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.listing import Column, Filter, ListSpec, render_list
from ohs.enforcement import queries
from ohs.enforcement.choices import ActKind
from ohs.enforcement.models import ActionCode
from ohs.enforcement.rules.action_code import validate_action_code
from ohs.enforcement.rules.violations import PROVINCE_REGION_CODE

CODE_LIST = ListSpec(
    title=_("Administrative action codes"),
    columns=[
        Column("code", _("action code"), sort="code", link=True),
        Column("kind", _("kind of act"), value=lambda c: c.get_kind_display(), sort="kind"),
        Column("employer", _("employer"), value=lambda c: c.employer.name, sort="employer__name"),
        Column("body", _("enforcing body"), value=lambda c: c.body.name),
        Column("stage", _("current stage"), sort="stage"),
        Column(
            "issued_at",
            _("issued at"),
            value=lambda c: timezone.localtime(c.issued_at).strftime("%Y-%m-%d %H:%M"),
            sort="issued_at",
        ),
    ],
    search_fields=["code", "employer__name", "employer__uscc", "title"],
    search_hint=_("code, employer or credit code"),
    filters=[Filter("kind", _("kind of act"), "kind", lambda r: list(ActKind.choices))],
    default_sort="-issued_at",
    export_name="action-codes",
    row_url=lambda c: reverse("enforcement:code_detail", args=[c.pk]),
)


@login_required
@permission_required("enforcement.view_actioncode", raise_exception=True)
def code_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    actions = []
    if actor.role == "regulator" and actor.region_code == PROVINCE_REGION_CODE:
        actions.append((_("Coding coverage"), reverse("enforcement:code_coverage")))
    return render_list(request, CODE_LIST, queries.list_codes_for(actor), {"page_actions": actions})


@login_required
@permission_required("enforcement.view_actioncode", raise_exception=True)
def code_detail(request: HttpRequest, pk: int) -> HttpResponse:
    code = queries.get_code_for(request.actor, pk)  # type: ignore[attr-defined]
    cases = queries.list_cases_for(request.actor).filter(action_code=code)  # type: ignore[attr-defined]
    return render(
        request, "enforcement/code_detail.html", {"code": code, "officers": code.officers.all(), "cases": cases}
    )


def public_code(request: HttpRequest, code: str) -> HttpResponse:
    """What a scan shows anyone: body, officers (name, certificate), basis, stage, results — nothing else."""
    text = code.strip().upper()
    if not validate_action_code(text).is_valid:
        return render(request, "enforcement/public_code.html", {"invalid": True, "text": text}, status=404)
    row = get_object_or_404(ActionCode.objects.select_related("body"), code=text)
    return render(request, "enforcement/public_code.html", {"row": row, "officers": row.officers.all()})


@login_required
@permission_required("enforcement.view_actioncode", raise_exception=True)
def code_coverage(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    if not (actor.is_superuser or (actor.role == "regulator" and actor.region_code == PROVINCE_REGION_CODE)):
        raise PermissionDenied
    return render(request, "enforcement/coverage.html", {"rows": queries.code_coverage()})
