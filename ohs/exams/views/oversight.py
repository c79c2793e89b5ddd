"""Coverage: the employer's per post and hazard; the regulator's across employers with suspected
cases, contraindications and late reports; the province's institutions connected and updating."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ohs.core.querysets import Action
from ohs.exams import queries, services
from ohs.exams.choices import FollowUpStatus
from ohs.exams.due import coverage, due_for_employers
from ohs.exams.models import ExamResult, FollowUp
from ohs.orgs.choices import OrgKind, Role
from ohs.orgs.models import Organisation
from ohs.registry.models import Employer

# A page for people: a county has a few hundred employers; a city or the province reads the
# totals and exports (risk profiles carry the same counts for every employer).
EMPLOYERS_ON_PAGE = 200
CASES_ON_PAGE = 100


def _employer_coverage(request: HttpRequest) -> HttpResponse:
    employer = Employer.objects.for_actor(request.actor, Action.CHANGE).first()  # type: ignore[attr-defined]
    if employer is None:
        raise PermissionDenied
    entries = due_for_employers([employer.pk], timezone.localdate()).get(employer.pk, [])
    rows = coverage(entries)
    totals = {k: sum(getattr(r, k) for r in rows) for k in ("workers", "done", "due", "overdue")}
    return render(request, "exams/coverage_employer.html", {"employer": employer, "rows": rows, "totals": totals})


def _regulator_coverage(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employers = list(Employer.objects.for_actor(actor).order_by("county_id", "name")[:EMPLOYERS_ON_PAGE])
    due = due_for_employers([e.pk for e in employers], timezone.localdate())
    rows = []
    for employer in employers:
        summary = coverage(due.get(employer.pk, []))
        if summary:
            counts = {k: sum(getattr(r, k) for r in summary) for k in ("workers", "done", "due", "overdue")}
            rows.append({"employer": employer, **counts})
    results = ExamResult.objects.for_actor(actor).select_related("worker", "employer", "institution__organisation")
    context = {
        "rows": rows,
        "suspected": results.filter(conclusion="suspected_disease")[:CASES_ON_PAGE],
        "contraindications": FollowUp.objects.for_actor(actor)
        .filter(action="confirm_post_change")
        .select_related("worker", "employer", "result")
        .order_by("status", "-pk")[:CASES_ON_PAGE],
        "late": results.filter(is_late=True)[:CASES_ON_PAGE],
        "open_status": FollowUpStatus.OPEN,
        "truncated": len(employers) == EMPLOYERS_ON_PAGE,
    }
    return render(request, "exams/coverage_regulator.html", context)


@login_required
@permission_required("exams.view_examresult", raise_exception=True)
def coverage_page(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    if actor.role == Role.EMPLOYER_MANAGER:
        return _employer_coverage(request)
    if actor.is_governing:
        return _regulator_coverage(request)
    raise PermissionDenied


@login_required
@permission_required("exams.view_examinstitution", raise_exception=True)
def institution_list(request: HttpRequest) -> HttpResponse:
    """Which exam institutions are connected (registered on the platform) and updating capacity."""
    actor = request.actor  # type: ignore[attr-defined]
    institutions = list(queries.list_institutions_for(actor).order_by("organisation__region_id", "organisation__name"))
    rows = [{"institution": i, "stale": services.is_stale(i)} for i in institutions]
    context: dict[str, object] = {"rows": rows}
    if actor.is_governing:
        # The indicator "exam institutions 100 % connected": registered bodies of the kind in the
        # jurisdiction against those connected here.
        span = actor.jurisdiction
        assert span is not None  # is_governing implies a jurisdiction
        bodies = Organisation.objects.filter(
            kind=OrgKind.EXAM_INSTITUTION, is_active=True, region_id__gte=span.lo, region_id__lt=span.hi
        ).count()
        connected = sum(1 for i in institutions if i.is_active)
        updating = sum(1 for i in institutions if i.is_active and not services.is_stale(i))
        context |= {"bodies": bodies, "connected": connected, "updating": updating}
    return render(request, "exams/institution_list.html", context)
