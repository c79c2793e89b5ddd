"""Reading enforcement records, always through the actor's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ohs.core.actor import Actor
from ohs.core.querysets import Action
from ohs.enforcement.choices import CaseStatus
from ohs.enforcement.models import ActionCode, Case, CaseReview, EnforcementAudit, ReviewCampaign

DEADLINE_WARNING_DAYS = 7  # a limit within a week shows as "near" (a platform choice, not a statute)
_OPEN = [s for s in CaseStatus.values if s not in (CaseStatus.CLOSED, CaseStatus.NOT_PUNISHED)]


def list_cases_for(actor: Actor) -> QuerySet[Case]:
    return Case.objects.for_actor(actor).select_related("employer", "action_code", "county")


def get_case_for(actor: Actor, case_id: int, action: Action = Action.VIEW) -> Case:
    return Case.objects.select_related("employer", "action_code", "county__parent", "body").get_for(
        actor, action, pk=case_id
    )


def list_codes_for(actor: Actor) -> QuerySet[ActionCode]:
    return ActionCode.objects.for_actor(actor).select_related("employer", "body")


def get_code_for(actor: Actor, code_id: int) -> ActionCode:
    return ActionCode.objects.select_related("employer", "body").get_for(actor, pk=code_id)


@dataclass(frozen=True)
class DueItem:
    case: Case
    what: str | Promise
    due_on: dt.date
    is_past: bool


def _limits(case: Case) -> list[tuple[str | Promise, dt.date | None]]:
    limits: list[tuple[str | Promise, dt.date | None]] = []
    if case.decided_on is None:
        limits.append((_("decision (90 days from filing)"), case.decision_due_on))
    if case.status == CaseStatus.NOTIFIED:
        limits.append((_("hearing request"), case.hearing_request_due_on))
    if case.status == CaseStatus.SERVED:
        limits.append((_("payment of the fine"), case.payment_due_on))
    if case.status == CaseStatus.PROPOSED or (case.correction_deadline and not case.corrected_on):
        limits.append((_("correction"), case.correction_deadline))
    return limits


def deadlines_for(actor: Actor, today: dt.date) -> list[DueItem]:
    """Open cases with a limit within DEADLINE_WARNING_DAYS or already past, soonest first."""
    horizon = today + dt.timedelta(days=DEADLINE_WARNING_DAYS)
    near = (
        Q(decision_due_on__lte=horizon, decided_on__isnull=True)
        | Q(hearing_request_due_on__lte=horizon, status=CaseStatus.NOTIFIED)
        | Q(payment_due_on__lte=horizon, status=CaseStatus.SERVED)
        | Q(correction_deadline__lte=horizon, corrected_on__isnull=True)
    )
    cases = list_cases_for(actor).filter(status__in=_OPEN).filter(near)
    items = [
        DueItem(case, what, due, due < today)
        for case in cases
        for what, due in _limits(case)
        if due is not None and due <= horizon
    ]
    return sorted(items, key=lambda i: i.due_on)


def list_campaigns_for(actor: Actor) -> QuerySet[ReviewCampaign]:
    return ReviewCampaign.objects.for_actor(actor).select_related("region").annotate(n_reviews=Count("reviews"))


def get_campaign_for(actor: Actor, campaign_id: int, action: Action = Action.VIEW) -> ReviewCampaign:
    return ReviewCampaign.objects.select_related("region").get_for(actor, action, pk=campaign_id)


def reviews_of(actor: Actor, campaign: ReviewCampaign) -> QuerySet[CaseReview]:
    return (
        CaseReview.objects.for_actor(actor)
        .filter(campaign=campaign)
        .select_related("case__employer", "case__county")
        .prefetch_related("findings")
    )


@dataclass(frozen=True)
class RegionResult:
    county: str
    reviews: int
    average: float
    failed: int


def results_by_county(reviews: QuerySet[CaseReview]) -> list[RegionResult]:
    """Published results per county: how many files, the average score, how many failed."""
    rows: dict[str, list[CaseReview]] = {}
    for review in reviews:
        rows.setdefault(review.case.county.name, []).append(review)
    return [
        RegionResult(
            name, len(rs), round(sum(r.score_points for r in rs) / len(rs), 1), sum(r.grade == "不合格" for r in rs)
        )
        for name, rs in sorted(rows.items())
    ]


def list_audits_for(actor: Actor) -> QuerySet[EnforcementAudit]:
    return EnforcementAudit.objects.for_actor(actor).select_related("county", "auditor")


@dataclass(frozen=True)
class Coverage:
    subject_type: str
    label: str
    acts: int
    coded: int

    @property
    def percent(self) -> float:
        return round(100 * self.coded / self.acts, 1) if self.acts else 100.0


def code_coverage() -> list[Coverage]:
    """Province-wide: per kind of record that starts a supervisory act (as the other apps pass
    them to the issuer), how many of those records carry a code (seed 000 item 14); penalty
    cases count on their own row, whether their code came from an act or was issued for them."""
    coded = (
        ActionCode.objects.exclude(subject_type="enforcement.case")
        .values("subject_type")
        .annotate(n=Count("subject_id", distinct=True))
    )
    result = []
    for row in coded.order_by("subject_type"):
        try:
            model = apps.get_model(row["subject_type"])
        except (LookupError, ValueError):
            continue
        label = str(model._meta.verbose_name)
        result.append(Coverage(row["subject_type"], label, model._default_manager.count(), row["n"]))
    cases = Case.objects.aggregate(acts=Count("pk"), coded=Count("pk", filter=Q(action_code__isnull=False)))
    result.append(Coverage("enforcement.case", str(Case._meta.verbose_name), cases["acts"], cases["coded"]))
    return result
