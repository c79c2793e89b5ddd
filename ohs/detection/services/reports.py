"""Technical review (findings stored), signatory approval, and the report issued as a verifiable PDF."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.documents import Issue, current_document_for, issue_document, revise_document
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.models.documents import IssuedDocument
from ohs.core.workflow import transition
from ohs.detection.choices import ProjectStatus, SampleStatus
from ohs.detection.evaluation import as_dict, evaluate_project
from ohs.detection.models import Finding, Project
from ohs.detection.report import REPORT_KIND, report_document
from ohs.detection.services.guards import require_status
from ohs.detection.services.signatories import require_person, require_signatory
from ohs.detection.workflow import PROJECT_WORKFLOW
from ohs.orgs.models import Organisation


def review_project(*, actor: Actor, project: Project) -> Project:
    """Technical review: every sample has a result; findings are judged and stored; records lock."""
    require_status(project, ProjectStatus.ANALYSING)
    waiting = list(project.samples.exclude(status=SampleStatus.ANALYSED).values_list("code", flat=True))
    if waiting:
        raise DomainError(
            ErrorCode.INVALID,
            _("samples without a lab result: %(codes)s") % {"codes": "、".join(waiting)},
            field="samples",
        )
    evaluation = evaluate_project(project)
    if evaluation.problems:
        raise DomainError(ErrorCode.INVALID, "；".join(evaluation.problems), field="findings")
    if not evaluation.findings:
        raise DomainError(ErrorCode.INVALID, _("no result can be judged against a limit"), field="findings")
    with transaction.atomic():
        Finding.objects.filter(project=project).delete()
        Finding.objects.bulk_create([Finding(project=project, **as_dict(f)) for f in evaluation.findings])
        fields = {"reviewed_at": timezone.now(), "reviewed_by_label": actor.label, "reviewed_by_user_id": actor.user_id}
        transition(PROJECT_WORKFLOW, actor, project, "reviewed", {"findings": len(evaluation.findings)}, fields=fields)
    return project


def approve_project(*, actor: Actor, project: Project) -> Project:
    """The authorised signatory approves the reviewed results for issue.

    The approver must be a person (not a system token), not the technical reviewer (a report
    is checked and authorised by different persons, the four-eyes rule of an institution's
    quality system), and registered as the institution's signatory: valid today, not revoked,
    with a scope covering every hazard the project measured."""
    require_status(project, ProjectStatus.REVIEWED)
    require_person(actor)
    require_other_than_reviewer(actor, project)
    signatory = require_signatory(actor, project)
    fields = {"approved_at": timezone.now(), "approved_by_label": actor.label, "approved_signatory": signatory}
    transition(PROJECT_WORKFLOW, actor, project, "approved", {"signatory": signatory.pk}, fields=fields)
    return project


def require_other_than_reviewer(actor: Actor, project: Project) -> None:
    """Refuse an approval by the person (or system token) who did the technical review."""
    same_user = actor.user_id is not None and actor.user_id == project.reviewed_by_user_id
    if same_user or actor.label == project.reviewed_by_label:
        raise DomainError(
            "signatory_is_reviewer",
            _(
                "the authorised signatory must be a different person from the technical reviewer "
                "(%(reviewer)s reviewed this project)"
            )
            % {"reviewer": project.reviewed_by_label},
            field="approved_by",
        )


def _exceedances(project: Project) -> list[dict[str, object]]:
    rows = project.findings.filter(is_compliant=False).select_related(
        "plan_item__agent", "plan_item__survey_post__post"
    )
    return [
        {
            "post": f.plan_item.survey_post.post.name,
            "post_id": f.plan_item.survey_post.post_id,
            "agent": f.plan_item.agent.name_zh,
            "agent_id": f.plan_item.agent_id,
            "metric": f.metric,
            "measured": f.measured_value,
            "limit": f.limit_value,
            "unit": f.unit,
            "ratio": f.ratio_to_limit,
        }
        for f in rows
    ]


def _issue(project: Project) -> Issue:
    institution = Organisation.objects.get(pk=project.institution_id)
    return Issue(kind=REPORT_KIND, subject=project, issuer=institution, document=report_document(project))


def issue_report(*, actor: Actor, project: Project) -> IssuedDocument:
    """Issue the report: the PDF is locked; the event lists each exceedance; timeliness is recorded."""
    require_status(project, ProjectStatus.APPROVED)
    now = timezone.now()
    days = (timezone.localdate(now) - project.contract_signed_on).days
    with transaction.atomic():
        project.issued_at = now
        document = issue_document(actor=actor, issue=_issue(project))
        payload = {
            "employer": project.employer_id, "county": project.county_id, "institution": project.institution_id,
            "report": document.verification_code, "edition": project.edition, "exceedances": _exceedances(project),
        }  # fmt: skip
        transition(
            PROJECT_WORKFLOW, actor, project, "issued", payload, fields={"issued_at": now, "days_to_issue": days}
        )
    return document


def revise_report(*, actor: Actor, project: Project, reason: str) -> IssuedDocument:
    """A correction: a new revision with its reason; the earlier one stays visible as superseded."""
    require_status(project, ProjectStatus.ISSUED)
    previous = current_document_for(project, REPORT_KIND)
    if previous is None:
        raise DomainError(ErrorCode.CONFLICT, _("the report has not been issued"), field="status")
    with transaction.atomic():
        document = revise_document(actor=actor, previous=previous, reason=reason, issue=_issue(project))
        audit.record(actor, "update", obj=project, changes={"report_revision": document.revision, "reason": reason})
    return document
