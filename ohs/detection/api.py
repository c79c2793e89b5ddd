"""Detection API for the institutions' own systems: projects, survey and plan, samples and
results, review, approval, the report; the register of authorised signatories; exceedances for
regulators.

Approval is a person's signature: it is refused to an organisation's API token (which names
no person) with ``signatory_needs_person``; the signatory approves with their own login (the
pages, or this API in their session)."""

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from ohs.core.actor import Actor
from ohs.core.api import require_perm
from ohs.core.documents import current_document_for
from ohs.core.querysets import Action
from ohs.detection import queries, services
from ohs.detection.models import Equipment, Finding, PlanItem, Project, Sample, Signatory, SurveyPost
from ohs.detection.report import REPORT_KIND
from ohs.detection.schemas import (
    CountOut,
    EditionIn,
    EquipmentIn,
    EquipmentOut,
    ExceedanceOut,
    IdOut,
    NewPlanItemIn,
    PlanItemIn,
    PlanItemOut,
    ProjectIn,
    ProjectOut,
    ResultIn,
    ReviseIn,
    RevokeIn,
    SampleCorrectionIn,
    SampleFinishIn,
    SampleOut,
    SampleStartIn,
    SignatoryIn,
    SignatoryOut,
    SurveyDoneIn,
    SurveyPostIn,
)

router = Router(tags=["detection"])


def _out(project: Project) -> Project:
    document = current_document_for(project, REPORT_KIND)
    project.report_code = document.verification_code if document else None  # type: ignore[attr-defined]
    return project


def _project(request: HttpRequest, project_id: int) -> tuple[Actor, Project]:
    actor = require_perm(request, "detection.change_project")
    return actor, queries.get_project_for(actor, project_id, Action.CHANGE)


@router.get("/projects", response=list[ProjectOut])
@paginate(PageNumberPagination)
def list_projects(request: HttpRequest, status: str | None = None) -> QuerySet[Project]:
    queryset = queries.list_projects_for(require_perm(request, "detection.view_project"))
    return (queryset.filter(status=status) if status else queryset).order_by("-pk")


@router.get("/projects/{project_id}", response=ProjectOut)
def get_project(request: HttpRequest, project_id: int) -> Project:
    return _out(queries.get_project_for(require_perm(request, "detection.view_project"), project_id))


@router.post("/projects", response={201: ProjectOut})
def create_project(request: HttpRequest, payload: ProjectIn) -> Status[Project]:
    """Record the employer's commission (contract)."""
    actor = require_perm(request, "detection.add_project")
    employer = services.employer_by_uscc(payload.employer_uscc)
    project = services.contract_project(
        actor=actor, employer=employer, contract_number=payload.contract_number,
        contract_signed_on=payload.contract_signed_on, purpose=payload.purpose, edition=payload.edition,
    )  # fmt: skip
    return Status(201, _out(project))


@router.put("/projects/{project_id}/edition", response=ProjectOut)
def choose_edition(request: HttpRequest, project_id: int, payload: EditionIn) -> Project:
    """Change the GBZ 2.1 edition used for judgement (refused once sampling has started)."""
    actor, project = _project(request, project_id)
    return _out(services.choose_edition(actor=actor, project=project, edition=payload.edition))


@router.post("/projects/{project_id}/survey/from-declaration", response=CountOut)
def survey_from_declaration(request: HttpRequest, project_id: int) -> dict[str, int]:
    actor, project = _project(request, project_id)
    return {"count": services.survey_from_declaration(actor=actor, project=project)}


@router.post("/projects/{project_id}/survey/posts", response={201: IdOut})
def add_survey_post(request: HttpRequest, project_id: int, payload: SurveyPostIn) -> Status[SurveyPost]:
    actor, project = _project(request, project_id)
    data = services.SurveyPostData(**payload.dict())
    return Status(201, services.add_survey_post(actor=actor, project=project, data=data))


@router.post("/projects/{project_id}/survey/done", response=ProjectOut)
def finish_survey(request: HttpRequest, project_id: int, payload: SurveyDoneIn) -> Project:
    actor, project = _project(request, project_id)
    return _out(services.finish_survey(actor=actor, project=project, process_description=payload.process_description))


@router.get("/projects/{project_id}/plan", response=list[PlanItemOut])
def list_plan(request: HttpRequest, project_id: int) -> QuerySet[PlanItem]:
    project = queries.get_project_for(require_perm(request, "detection.view_project"), project_id)
    return queries.plan_items_of(project)


@router.post("/projects/{project_id}/plan", response={201: PlanItemOut})
def add_plan_item(request: HttpRequest, project_id: int, payload: NewPlanItemIn) -> Status[PlanItem]:
    actor, project = _project(request, project_id)
    survey_post = SurveyPost.objects.filter(project=project, pk=payload.survey_post_id).first()
    if survey_post is None:
        raise Http404
    data = services.PlanItemData(**payload.dict(exclude={"survey_post_id", "agent_id"}))
    item = services.add_plan_item(
        actor=actor, project=project, survey_post=survey_post, agent_id=payload.agent_id, data=data
    )
    return Status(201, queries.get_plan_item_for(actor, item.pk))


@router.put("/plan-items/{item_id}", response=PlanItemOut)
def update_plan_item(request: HttpRequest, item_id: int, payload: PlanItemIn) -> PlanItem:
    actor = require_perm(request, "detection.change_project")
    item = queries.get_plan_item_for(actor, item_id, Action.CHANGE)
    return services.update_plan_item(actor=actor, item=item, data=services.PlanItemData(**payload.dict()))


@router.post("/projects/{project_id}/plan/confirm", response=ProjectOut)
def confirm_plan(request: HttpRequest, project_id: int) -> Project:
    """Refused with the list of declared hazards neither sampled nor justified."""
    actor, project = _project(request, project_id)
    return _out(services.confirm_plan(actor=actor, project=project))


@router.get("/projects/{project_id}/samples", response=list[SampleOut])
def list_samples(request: HttpRequest, project_id: int) -> QuerySet[Sample]:
    project = queries.get_project_for(require_perm(request, "detection.view_sample"), project_id)
    return queries.samples_of(project)


@router.post("/projects/{project_id}/samples", response={201: SampleOut})
def start_sample(request: HttpRequest, project_id: int, payload: SampleStartIn) -> Status[Sample]:
    """Start a sample now; a client-supplied ``started_at`` is refused (no back-dating)."""
    actor = require_perm(request, "detection.add_sample")
    project = queries.get_project_for(actor, project_id, Action.CHANGE)
    item = PlanItem.objects.filter(project=project, pk=payload.plan_item_id).first()
    equipment = Equipment.objects.for_actor(actor).filter(pk=payload.equipment_id).first()
    if item is None or equipment is None:
        raise Http404
    sample = services.start_sample(
        actor=actor, project=project, plan_item=item, equipment=equipment, location=payload.location,
        flow_before_l_per_min=payload.flow_before_l_per_min, latitude=payload.latitude,
        longitude=payload.longitude, started_at=payload.started_at,
    )  # fmt: skip
    return Status(201, sample)


def _sample(request: HttpRequest, sample_id: int) -> tuple[Actor, Sample]:
    actor = require_perm(request, "detection.change_sample")
    return actor, queries.get_sample_for(actor, sample_id, Action.CHANGE)


@router.get("/samples/{sample_id}", response=SampleOut)
def get_sample(request: HttpRequest, sample_id: int) -> Sample:
    return queries.get_sample_for(require_perm(request, "detection.view_sample"), sample_id)


@router.post("/samples/{sample_id}/finish", response=SampleOut)
def finish_sample(request: HttpRequest, sample_id: int, payload: SampleFinishIn) -> Sample:
    actor, sample = _sample(request, sample_id)
    return services.finish_sample(
        actor=actor, sample=sample, flow_after_l_per_min=payload.flow_after_l_per_min, ended_at=payload.ended_at
    )


@router.patch("/samples/{sample_id}", response=SampleOut)
def correct_sample(request: HttpRequest, sample_id: int, payload: SampleCorrectionIn) -> Sample:
    """Correct a sample's place; refused once the project has passed its technical review."""
    actor, sample = _sample(request, sample_id)
    return services.correct_sample(actor=actor, sample=sample, location=payload.location)


@router.post("/samples/{sample_id}/result", response=SampleOut)
def record_result(request: HttpRequest, sample_id: int, payload: ResultIn) -> Sample:
    """The lab's result; the platform reproduces C = m / V and refuses a mismatch."""
    actor, sample = _sample(request, sample_id)
    data = services.ResultData(
        value=payload.concentration_mg_per_m3, mass_ug=payload.mass_ug, volume_l=payload.volume_l,
        lod=payload.lod_mg_per_m3,
    )  # fmt: skip
    return services.record_result(actor=actor, sample=sample, data=data)


@router.post("/projects/{project_id}/transition/{name}", response=ProjectOut)
def take_transition(request: HttpRequest, project_id: int, name: str) -> Project:
    """sampling_finished | reviewed | approved | issued.

    ``approved`` needs the authorised signatory in person (their session, not a system token):
    registered at the institution, valid today, not revoked, covering every measured hazard, and
    not the technical reviewer; each refusal names ``approved_by``."""
    actor, project = _project(request, project_id)
    steps = {
        "sampling_finished": services.finish_sampling,
        "reviewed": services.review_project,
        "approved": services.approve_project,
    }
    if name == "issued":
        services.issue_report(actor=actor, project=project)
    elif name in steps:
        steps[name](actor=actor, project=project)
    else:
        raise Http404
    return _out(project)


@router.post("/projects/{project_id}/report/revise", response=ProjectOut)
def revise_report(request: HttpRequest, project_id: int, payload: ReviseIn) -> Project:
    actor, project = _project(request, project_id)
    services.revise_report(actor=actor, project=project, reason=payload.reason)
    return _out(project)


@router.get("/projects/{project_id}/report.pdf")
def report_pdf(request: HttpRequest, project_id: int) -> FileResponse:
    """The current revision of the issued report (with its verification QR)."""
    project = queries.get_project_for(require_perm(request, "detection.view_project"), project_id)
    document = current_document_for(project, REPORT_KIND)
    if document is None:
        raise Http404
    return FileResponse(document.file.open("rb"), content_type="application/pdf")


@router.get("/exceedances", response=list[ExceedanceOut])
@paginate(PageNumberPagination)
def list_exceedances(request: HttpRequest) -> QuerySet[Finding]:
    return queries.list_exceedances_for(require_perm(request, "detection.view_finding")).order_by("-pk")


@router.get("/equipment", response=list[EquipmentOut])
def list_equipment(request: HttpRequest) -> QuerySet[Equipment]:
    return queries.list_equipment_for(require_perm(request, "detection.view_equipment"))


@router.post("/equipment", response={201: EquipmentOut})
def register_equipment(request: HttpRequest, payload: EquipmentIn) -> Status[Equipment]:
    actor = require_perm(request, "detection.add_equipment")
    return Status(201, services.register_equipment(actor=actor, **payload.dict()))


@router.get("/signatories", response=list[SignatoryOut])
@paginate(PageNumberPagination)
def list_signatories(request: HttpRequest, status: str | None = None) -> QuerySet[Signatory]:
    """Your institution's authorised signatories (a regulator: those of institutions in its region)."""
    queryset = queries.list_signatories_for(require_perm(request, "detection.view_signatory"))
    return (queryset.filter(status=status) if status else queryset).order_by("name", "pk")


@router.get("/signatories/{signatory_id}", response=SignatoryOut)
def get_signatory(request: HttpRequest, signatory_id: int) -> Signatory:
    return queries.get_signatory_for(require_perm(request, "detection.view_signatory"), signatory_id)


@router.post("/signatories", response={201: SignatoryOut})
def register_signatory(request: HttpRequest, payload: SignatoryIn) -> Status[Signatory]:
    """Register a person of your institution as authorised signatory for a scope and a period."""
    actor = require_perm(request, "detection.add_signatory")
    scope = services.ScopeData(payload.scope_all, tuple(payload.categories), tuple(payload.agent_ids))
    data = services.SignatoryData(
        user_id=payload.user_id, name=payload.name, basis=payload.basis, certificate_number=payload.certificate_number,
        valid_from=payload.valid_from, valid_until=payload.valid_until, scope=scope,
    )  # fmt: skip
    signatory = services.register_signatory(actor=actor, data=data)
    return Status(201, queries.get_signatory_for(actor, signatory.pk))


@router.post("/signatories/{signatory_id}/revoke", response=SignatoryOut)
def revoke_signatory(request: HttpRequest, signatory_id: int, payload: RevokeIn) -> Signatory:
    """Withdraw an authorisation with its reason; reports it signed keep naming it."""
    actor = require_perm(request, "detection.change_signatory")
    signatory = queries.get_signatory_for(actor, signatory_id, Action.CHANGE)
    services.revoke_signatory(actor=actor, signatory=signatory, reason=payload.reason)
    return queries.get_signatory_for(actor, signatory_id)
