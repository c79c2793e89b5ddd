"""Inspection records: start (action code), findings, photos, signature or refusal, result, publication."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.calendar import get_calendar
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.audit import AuditAction
from ohs.core.supervision import (
    ActStart,
    SupervisionHookMissing,
    has_act_code_issuer,
    issue_action_code,
    open_case_from_act,
)
from ohs.inspection.choices import ComplaintStatus, InspectionKind, InspectionStatus
from ohs.inspection.models import Complaint, Inspection, InspectionFinding, InspectionPhoto, InspectionTask
from ohs.orgs.models import User
from ohs.registry.models import Employer
from ohs.risk.reference import inspection_items, penalty_article_of_item

# Results are published within 20 working days of being formed (国发〔2019〕5号 as commonly cited;
# text not retrieved, UNCONFIRMED: reference/random_inspection.md).
RESULT_PUBLICATION_WORKING_DAYS = 20


def start_inspection(
    *,
    actor: Actor,
    employer: Employer,
    kind: str,
    items: Sequence[str],
    officers: Sequence[User],
    task: InspectionTask | None = None,
    complaint: Complaint | None = None,
) -> Inspection:
    """Open an inspection record; the supervisory act starts here and gets its action code."""
    if kind not in InspectionKind.values:
        raise DomainError(ErrorCode.INVALID, f"unknown kind {kind}", field="kind")
    if kind == InspectionKind.RANDOM and task is None:
        raise DomainError(ErrorCode.INVALID, "a random inspection belongs to a drawn task", field="task")
    if kind == InspectionKind.COMPLAINT and complaint is None:
        raise DomainError(ErrorCode.INVALID, "a complaint-driven inspection names its complaint", field="complaint")
    known = inspection_items()
    if not items or any(i not in known for i in items):
        raise DomainError(ErrorCode.INVALID, "choose items from the inspection item list", field="items")
    if len(officers) < 2:
        raise DomainError(ErrorCode.INVALID, "at least two officers inspect together", field="officers")
    if task is not None and Inspection.objects.filter(task=task).exists():
        raise DomainError(ErrorCode.CONFLICT, "this task already has its inspection", field="task")
    with transaction.atomic():
        inspection = Inspection.objects.create(
            kind=kind,
            task=task,
            complaint=complaint,
            employer=employer,
            county_id=employer.county_id,
            items=sorted(set(items)),
        )
        inspection.officers.set(officers)
        if has_act_code_issuer():
            inspection.action_code = issue_action_code(actor, _act(inspection, [o.pk for o in officers]))
            inspection.save(update_fields=["action_code"])
        audit.record_created(actor, inspection)
        emit(
            "inspection.inspection.started",
            {"id": inspection.pk, "employer": employer.pk, "kind": kind, "action_code": inspection.action_code},
        )
    return inspection


def _act(inspection: Inspection, officer_ids: Sequence[int], article: str = "") -> ActStart:
    return ActStart(
        kind="complaint" if inspection.kind == InspectionKind.COMPLAINT else "inspection",
        employer_id=inspection.employer_id,
        county_id=inspection.county_id,
        subject=inspection,
        title=f"{inspection.get_kind_display()} · {inspection.employer}",
        officers=tuple(officer_ids),
        extra={"article": article} if article else {},
    )


def _open(inspection: Inspection) -> None:
    if inspection.status != InspectionStatus.OPEN:
        raise DomainError(ErrorCode.CONFLICT, "the result has been entered already", field="status")


def record_findings(
    *, actor: Actor, inspection: Inspection, findings: Mapping[str, tuple[bool, str]]
) -> list[InspectionFinding]:
    """Per checklist item of the inspection: compliant or not, and what was found."""
    _open(inspection)
    extra = sorted(set(findings) - set(inspection.items))
    if extra:
        raise DomainError(ErrorCode.INVALID, f"not items of this inspection: {', '.join(extra)}", field="findings")
    for code, (ok, note) in findings.items():
        if not ok and not note.strip():
            raise DomainError(ErrorCode.INVALID, f"{code}: describe the non-compliance", field="findings")
    with transaction.atomic():
        saved = []
        for code, (ok, note) in sorted(findings.items()):
            finding, _ = InspectionFinding.objects.update_or_create(
                inspection=inspection, item_code=code, defaults={"is_compliant": ok, "note": note.strip()}
            )
            saved.append(finding)
        audit.record(actor, AuditAction.UPDATE, obj=inspection, changes={"findings": sorted(findings)})
    return saved


def add_photo(*, actor: Actor, inspection: Inspection, upload: UploadedFile) -> InspectionPhoto:
    _open(inspection)
    if not (upload.content_type or "").startswith("image/"):
        raise DomainError(ErrorCode.INVALID, "upload a photo (an image file)", field="photo")
    with transaction.atomic():
        photo = InspectionPhoto.objects.create(inspection=inspection, file=upload)
        audit.record_created(actor, photo)
    return photo


def complete_inspection(
    *, actor: Actor, inspection: Inspection, summary: str, signed_by: str = "", refused_to_sign: bool = False
) -> Inspection:
    """Enter the result: every item has a finding, and the entity signed or refused to."""
    _open(inspection)
    recorded = set(inspection.findings.values_list("item_code", flat=True))
    missing = sorted(set(inspection.items) - recorded)
    if missing:
        raise DomainError(ErrorCode.INVALID, f"no finding yet for {', '.join(missing)}", field="findings")
    if bool(signed_by.strip()) == refused_to_sign:
        raise DomainError(
            ErrorCode.INVALID, "record either the signature of the entity or its refusal", field="signed_by"
        )
    today = timezone.localdate()
    with transaction.atomic():
        before = audit.snapshot(inspection, ["status"])
        inspection.status = InspectionStatus.COMPLETED
        inspection.summary = summary.strip()
        inspection.signed_by = signed_by.strip()
        inspection.refused_to_sign = refused_to_sign
        inspection.completed_on = today
        inspection.publish_due_on = get_calendar().add_working_days(today, RESULT_PUBLICATION_WORKING_DAYS)
        inspection.save()
        audit.record(actor, AuditAction.TRANSITION, obj=inspection, changes={**before, "transition": "completed"})
        emit("inspection.inspection.completed", {"id": inspection.pk, "employer": inspection.employer_id})
    return inspection


def publish_result(*, actor: Actor, inspection: Inspection, on: dt.date | None = None) -> Inspection:
    if inspection.status != InspectionStatus.COMPLETED:
        raise DomainError(ErrorCode.CONFLICT, "enter the result before publishing it", field="status")
    with transaction.atomic():
        inspection.status = InspectionStatus.PUBLISHED
        inspection.published_on = on or timezone.localdate()
        inspection.save(update_fields=["status", "published_on"])
        audit.record(actor, AuditAction.TRANSITION, obj=inspection, changes={"transition": "published"})
        emit("inspection.inspection.published", {"id": inspection.pk, "employer": inspection.employer_id})
    return inspection


def open_case(*, actor: Actor, inspection: Inspection, finding: InspectionFinding, article: str = "") -> str:
    """A non-compliance opens a case that continues the inspection's action code. The case names
    the violated provision: the officer's ``article``, else the one the finding's item breaches."""
    if finding.is_compliant:
        raise DomainError(ErrorCode.INVALID, "only a non-compliance opens a case", field="finding")
    if not inspection.action_code:
        raise DomainError(ErrorCode.CONFLICT, "the inspection has no action code yet", field="action_code")
    if finding.inspection_id != inspection.pk:
        raise DomainError(ErrorCode.INVALID, "the finding belongs to another inspection", field="finding")
    violated = article.strip() or penalty_article_of_item(finding.item_code)
    officers = list(inspection.officers.values_list("pk", flat=True))
    start = _act(inspection, officers, violated)
    with transaction.atomic():
        try:
            case = open_case_from_act(actor, action_code=inspection.action_code, start=start, findings=finding.note)
        except SupervisionHookMissing as error:
            raise DomainError(ErrorCode.CONFLICT, str(error), field="finding") from error
        inspection.case_ref = str(case.pk)
        inspection.save(update_fields=["case_ref"])
        audit.record(actor, AuditAction.UPDATE, obj=inspection, changes={"case_ref": inspection.case_ref})
        emit("inspection.inspection.case_opened", {"id": inspection.pk, "employer": inspection.employer_id})
    return inspection.case_ref


def complaint_status_after(inspection: Inspection) -> str | None:
    return ComplaintStatus.HANDLED if inspection.complaint_id else None
