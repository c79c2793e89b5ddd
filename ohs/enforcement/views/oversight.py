"""Deadlines, benchmarks, review campaigns and audits."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.errors import DomainError
from ohs.core.forms import add_domain_error
from ohs.core.listing import Column, ListSpec, render_list
from ohs.core.querysets import Action
from ohs.enforcement import queries
from ohs.enforcement.forms import (
    AuditForm,
    CampaignForm,
    DisputeForm,
    FindingForm,
    FollowUpForm,
    RecordForm,
    RefinementForm,
    SettleForm,
)
from ohs.enforcement.models import BenchmarkRefinement, CaseReview, EnforcementAudit, ReviewFinding
from ohs.enforcement.reference import violations
from ohs.enforcement.rules.discretion import tier_ranges
from ohs.enforcement.services import benchmarks, reviews
from ohs.enforcement.services.benchmarks import as_rules, benchmark_in_force
from ohs.geo.models import Region


@login_required
@permission_required("enforcement.view_case", raise_exception=True)
def deadlines(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    if not actor.is_governing and not actor.is_superuser:
        raise PermissionDenied
    today = timezone.localdate()
    return render(request, "enforcement/deadlines.html", {"items": queries.deadlines_for(actor, today), "today": today})


@login_required
@permission_required("enforcement.view_benchmark", raise_exception=True)
def benchmark_page(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    benchmark = benchmark_in_force(timezone.localdate())
    rules = as_rules(benchmark)
    tiers = [(v, tier_ranges(v, rules)) for v in violations().values() if v.legal_range is not None]
    refinements = BenchmarkRefinement.objects.for_actor(actor).filter(benchmark=benchmark).select_related("region")
    form = RefinementForm(request.POST or None)
    may_refine = request.user.has_perm("enforcement.add_benchmarkrefinement") and actor.region_code not in (
        None,
        "330000",
    )
    if request.method == "POST":
        if not may_refine:
            raise PermissionDenied
        if form.is_valid():
            region = Region.objects.get(pk=actor.region_code)
            try:
                benchmarks.add_refinement(actor=actor, benchmark=benchmark, region=region, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Refinement accepted."))
                return redirect("enforcement:benchmarks")
    context = {"benchmark": benchmark, "tiers": tiers, "refinements": refinements, "form": form if may_refine else None}
    return render(request, "enforcement/benchmarks.html", context)


CAMPAIGN_LIST = ListSpec(
    title=_("Case-file review campaigns"),
    columns=[
        Column("name", _("name"), sort="name", link=True),
        Column("region", _("region"), value=lambda c: c.region.name),
        Column("period", _("cases decided from"), value=lambda c: f"{c.decided_from} – {c.decided_to}"),
        Column("n_reviews", _("files reviewed")),
        Column("status", _("status"), value=lambda c: c.get_status_display(), sort="status"),
    ],
    search_fields=["name"],
    search_hint=_("name"),
    default_sort="-created_at",
    export_name="review-campaigns",
    row_url=lambda c: reverse("enforcement:campaign_detail", args=[c.pk]),
)


@login_required
@permission_required("enforcement.view_reviewcampaign", raise_exception=True)
def campaign_list(request: HttpRequest) -> HttpResponse:
    actions = (
        [(_("New review campaign"), reverse("enforcement:campaign_new"))]
        if request.user.has_perm("enforcement.add_reviewcampaign")
        else []
    )
    return render_list(request, CAMPAIGN_LIST, queries.list_campaigns_for(request.actor), {"page_actions": actions})  # type: ignore[attr-defined]


@login_required
@permission_required("enforcement.add_reviewcampaign", raise_exception=True)
def campaign_new(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = reviews.start_campaign(actor=request.actor, **form.cleaned_data)  # type: ignore[attr-defined]
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("enforcement:campaign_detail", pk=campaign.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New review campaign")})


@login_required
@permission_required("enforcement.view_reviewcampaign", raise_exception=True)
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    campaign = queries.get_campaign_for(actor, pk)
    rows = queries.reviews_of(actor, campaign)
    may_review = request.user.has_perm("enforcement.change_reviewcampaign") and campaign.status == "open"
    context = {
        "campaign": campaign,
        "reviews": rows,
        "results": queries.results_by_county(rows),
        "may_review": may_review,
        "may_dispute": request.user.has_perm("enforcement.change_case") and campaign.status == "open",
        "finding_form": FindingForm(),
        "comment_form": RecordForm(),
        "dispute_form": DisputeForm(),
        "settle_form": SettleForm(),
    }
    return render(request, "enforcement/campaign_detail.html", context)


def _run(request: HttpRequest, action: Callable[[], object]) -> None:
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)


@require_POST
@login_required
@permission_required("enforcement.view_reviewcampaign", raise_exception=True)
def campaign_step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    campaign = queries.get_campaign_for(actor, pk)
    review_ids = queries.reviews_of(actor, campaign).values("pk")
    post = request.POST
    reviewer = request.user.has_perm("enforcement.change_reviewcampaign")
    if name == "publish" and reviewer:
        _run(request, lambda: reviews.publish_campaign(actor=actor, campaign=campaign))
    elif name in ("finding", "comment") and reviewer:
        review = CaseReview.objects.filter(pk=post.get("review", 0), pk__in=review_ids).first()
        if review is None:
            raise Http404
        if name == "finding":
            form = FindingForm(post)
            if form.is_valid():
                _run(request, lambda: reviews.add_reviewer_finding(actor=actor, review=review, **form.cleaned_data))
        else:
            _run(request, lambda: reviews.comment_review(actor=actor, review=review, comment=post.get("record", "")))
    elif name in ("dispute", "settle") and request.user.has_perm("enforcement.change_case"):
        finding = ReviewFinding.objects.filter(pk=post.get("finding", 0), review__in=review_ids).first()
        if finding is None:
            raise Http404
        if name == "dispute":
            _run(request, lambda: reviews.dispute_finding(actor=actor, finding=finding, reason=post.get("reason", "")))
        elif reviewer:
            _run(
                request,
                lambda: reviews.settle_dispute(
                    actor=actor, finding=finding, outcome=post.get("outcome", ""), record=post.get("record", "")
                ),
            )
        else:
            raise PermissionDenied
    else:
        raise PermissionDenied
    return redirect("enforcement:campaign_detail", pk=pk)


AUDIT_LIST = ListSpec(
    title=_("Enforcement audits"),
    columns=[
        Column("county", _("county"), value=lambda a: a.county.name, sort="county_id", link=True),
        Column("auditor", _("audited by"), value=lambda a: a.auditor.name),
        Column("audited_on", _("audited on"), sort="audited_on"),
        Column("findings", _("findings")),
        Column("follow_up_due_on", _("follow-up due by"), sort="follow_up_due_on"),
        Column("status", _("status"), value=lambda a: a.get_status_display(), sort="status"),
    ],
    search_fields=["findings", "county__name"],
    search_hint=_("county or finding"),
    default_sort="-audited_on",
    export_name="enforcement-audits",
    row_url=lambda a: reverse("enforcement:audit_detail", args=[a.pk]),
)


@login_required
@permission_required("enforcement.view_enforcementaudit", raise_exception=True)
def audit_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    actions = []
    if request.user.has_perm("enforcement.add_enforcementaudit"):
        actions.append((_("New audit"), reverse("enforcement:audit_new")))
    return render_list(request, AUDIT_LIST, queries.list_audits_for(actor), {"page_actions": actions})


@login_required
@permission_required("enforcement.add_enforcementaudit", raise_exception=True)
def audit_new(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    counties = [(r.pk, r.name) for r in Region.objects.filter(parent_id=actor.region_code).order_by("code")]
    form = AuditForm(request.POST or None, counties=counties)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        county = Region.objects.get(pk=data.pop("county"))
        try:
            row = reviews.start_audit(actor=actor, county=county, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("enforcement:audit_detail", pk=row.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New audit")})


@login_required
@permission_required("enforcement.view_enforcementaudit", raise_exception=True)
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    row = EnforcementAudit.objects.select_related("county", "auditor").get_for(actor, pk=pk)
    may_follow = request.user.has_perm("enforcement.change_enforcementaudit") and actor.region_code == row.county_id
    form = FollowUpForm(request.POST or None)
    if request.method == "POST":
        if not may_follow:
            raise PermissionDenied
        row = EnforcementAudit.objects.get_for(actor, Action.CHANGE, pk=pk)
        if form.is_valid():
            try:
                reviews.record_follow_up(actor=actor, audit_row=row, follow_up=form.cleaned_data["follow_up"])
            except DomainError as error:
                add_domain_error(form, error)
            else:
                return redirect("enforcement:audit_detail", pk=pk)
    return render(request, "enforcement/audit_detail.html", {"row": row, "form": form if may_follow else None})
