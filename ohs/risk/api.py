"""Risk API: profiles, the rectification loop, self-inspections, the classification config."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from ohs.core.api import require_perm
from ohs.core.querysets import Action
from ohs.registry.queries import get_employer_for
from ohs.risk import queries, services
from ohs.risk.config_store import save_config
from ohs.risk.models import ClassificationConfigVersion, Rectification, RiskProfile, SelfInspection
from ohs.risk.schemas import (
    ConfigIn,
    ConfigOut,
    ProfileDetailOut,
    ProfileFilter,
    ProfileOut,
    PushIn,
    RectificationOut,
    ReturnIn,
    SelfInspectionIn,
    SelfInspectionOut,
)

router = Router(tags=["risk"])


@router.get("/profiles", response=list[ProfileOut])
@paginate(PageNumberPagination)
def list_profiles(request: HttpRequest, filters: Query[ProfileFilter]) -> QuerySet[RiskProfile]:
    """Risk profiles the caller may see; filter by class and county."""
    queryset = queries.list_profiles_for(require_perm(request, "risk.view_riskprofile")).order_by("employer_id")
    if filters.risk_class:
        queryset = queryset.filter(risk_class=filters.risk_class)
    if filters.county:
        queryset = queryset.filter(county_id=filters.county)
    return queryset


@router.get("/profiles/{employer_id}", response=ProfileDetailOut)
def get_profile(request: HttpRequest, employer_id: int) -> RiskProfile:
    """One employer's profile with its inputs snapshot (computed now if it has none)."""
    actor = require_perm(request, "risk.view_riskprofile")
    return services.profile_of(get_employer_for(actor, employer_id))


@router.post("/profiles/{employer_id}/recompute", response=ProfileDetailOut)
def recompute_profile(request: HttpRequest, employer_id: int) -> RiskProfile:
    actor = require_perm(request, "risk.add_rectification")
    employer = get_employer_for(actor, employer_id, Action.CHANGE)
    services.classify_employers([employer.pk])
    return RiskProfile.objects.get(employer=employer)


@router.get("/rectifications", response=list[RectificationOut])
@paginate(PageNumberPagination)
def list_rectifications(request: HttpRequest, overdue: bool = False) -> QuerySet[Rectification]:
    actor = require_perm(request, "risk.view_rectification")
    queryset = queries.list_rectifications_for(actor).prefetch_related("files").order_by("deadline", "pk")
    return queryset.filter(escalated_at__isnull=False) if overdue else queryset


@router.get("/rectifications/{rectification_id}", response=RectificationOut)
def get_rectification(request: HttpRequest, rectification_id: int) -> Rectification:
    return queries.get_rectification_for(require_perm(request, "risk.view_rectification"), rectification_id)


@router.post("/profiles/{employer_id}/rectifications", response={201: RectificationOut})
def push_rectification(request: HttpRequest, employer_id: int, payload: PushIn) -> Status[Rectification]:
    """The regulator pushes one of the profile's shortfalls to the employer, with a deadline."""
    actor = require_perm(request, "risk.add_rectification")
    employer = get_employer_for(actor, employer_id, Action.CHANGE)
    return Status(201, services.push_rectification(actor=actor, employer=employer, **payload.dict()))


@router.post("/rectifications/{rectification_id}/submit", response=RectificationOut)
def submit_rectification(
    request: HttpRequest,
    rectification_id: int,
    actions_taken: Form[str],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Rectification:
    """The employer submits its actions with evidence files (multipart)."""
    actor = require_perm(request, "risk.change_rectification")
    rectification = queries.get_rectification_for(actor, rectification_id, Action.CHANGE)
    return services.submit_rectification(
        actor=actor, rectification=rectification, actions_taken=actions_taken, files=files or []
    )


@router.post("/rectifications/{rectification_id}/approve", response=RectificationOut)
def approve_rectification(request: HttpRequest, rectification_id: int) -> Rectification:
    """Approval releases the item (解除) and recomputes the profile."""
    actor = require_perm(request, "risk.change_rectification")
    rectification = queries.get_rectification_for(actor, rectification_id, Action.CHANGE)
    return services.approve_rectification(actor=actor, rectification=rectification)


@router.post("/rectifications/{rectification_id}/return", response=RectificationOut)
def return_rectification(request: HttpRequest, rectification_id: int, payload: ReturnIn) -> Rectification:
    actor = require_perm(request, "risk.change_rectification")
    rectification = queries.get_rectification_for(actor, rectification_id, Action.CHANGE)
    return services.return_rectification(actor=actor, rectification=rectification, reason=payload.reason)


@router.get("/self-inspections", response=list[SelfInspectionOut])
@paginate(PageNumberPagination)
def list_self_inspections(request: HttpRequest) -> QuerySet[SelfInspection]:
    return queries.list_self_inspections_for(require_perm(request, "risk.view_selfinspection")).order_by("-pk")


@router.post("/employers/{employer_id}/self-inspections", response={201: SelfInspectionOut})
def record_self_inspection(request: HttpRequest, employer_id: int, payload: SelfInspectionIn) -> Status[SelfInspection]:
    actor = require_perm(request, "risk.add_selfinspection")
    employer = get_employer_for(actor, employer_id, Action.CHANGE)
    problems = {code: p.dict() for code, p in payload.problems.items()}
    inspection = services.record_self_inspection(
        actor=actor, employer=employer, performed_on=payload.performed_on, score=payload.score, problems=problems
    )
    return Status(201, inspection)


@router.get("/config", response=list[ConfigOut])
def list_configs(request: HttpRequest) -> QuerySet[ClassificationConfigVersion]:
    require_perm(request, "risk.view_classificationconfigversion")
    return ClassificationConfigVersion.objects.all()


@router.post("/config", response={201: ConfigOut})
def save_classification_config(request: HttpRequest, payload: ConfigIn) -> Status[ClassificationConfigVersion]:
    """A new version of the classification configuration (provincial regulator); validated."""
    actor = require_perm(request, "risk.add_classificationconfigversion")
    return Status(201, save_config(actor=actor, data=payload.data, activate=payload.activate))
