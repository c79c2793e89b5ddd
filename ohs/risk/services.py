"""Risk profiles: classify in batches; the rectification loop; self-inspections."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.calendar import get_calendar
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.outbox import OutboxEvent
from ohs.core.workflow import transition
from ohs.registry.models import Employer
from ohs.risk.choices import RectificationStatus
from ohs.risk.config_store import active_config
from ohs.risk.inputs import gather_inputs
from ohs.risk.models import (
    Rectification,
    RectificationEvidence,
    RiskProfile,
    SelfInspection,
    SelfInspectionItem,
)
from ohs.risk.profile_store import upsert_profiles
from ohs.risk.reference import inspection_items, penalty_article_of_item
from ohs.risk.rules.classification import classify_employer
from ohs.risk.rules.classification_config import ShortfallCode
from ohs.risk.rules.profile import SHORTFALL_TITLES_ZH, ProfileInputs, Shortfall
from ohs.risk.rules.release import Release, apply_releases
from ohs.risk.workflow import RECTIFICATION_WORKFLOW

# Working days the employer gets to rectify unless the regulator sets another period. The
# national texts leave the period to the order (责令限期改正); the province may change it.
DEFAULT_RECTIFICATION_WORKING_DAYS: int = getattr(settings, "OHS_RECTIFICATION_WORKING_DAYS", 20)
BATCH_SIZE = 2000


def _snapshot(inputs: ProfileInputs, unknown: Sequence[str]) -> dict[str, Any]:
    """The inputs as JSON (decimals as text), written without ``asdict``'s deep copies. An input
    the platform does not hold is null: the rules' neutral default is not a fact about the employer."""
    values: dict[str, Any] = {f.name: getattr(inputs, f.name) for f in fields(inputs)}
    values["hazards"] = [[h.agent, h.exposed_persons] for h in inputs.hazards]
    values["measurements"] = [[m.agent, str(m.ratio_to_oel), m.is_carcinogen_listed] for m in inputs.measurements]
    values["industry_severity"] = inputs.industry_severity.value
    if inputs.self_check_score is not None:
        values["self_check_score"] = str(inputs.self_check_score)
    values.update(dict.fromkeys(unknown))
    return values


def _shortfall(s: Shortfall) -> dict[str, str]:
    return {
        "code": s.code.value,
        "title": SHORTFALL_TITLES_ZH[s.code],
        "evidence": s.evidence,
        "clears_when": s.clears_when,
        "effect": s.effect,
        "subject": s.subject,
    }


def _releases(ids: Sequence[int]) -> dict[int, list[Release]]:
    found: dict[int, list[Release]] = defaultdict(list)
    rows = Rectification.objects.filter(employer_id__in=ids, status=RectificationStatus.APPROVED).values_list(
        "employer_id", "shortfall_code", "evidence", "subject"
    )
    for employer_id, code, evidence, subject in rows:
        found[employer_id].append(Release(ShortfallCode(code), evidence, subject))
    return found


def classify_employers(employer_ids: Sequence[int], *, as_of: dt.date | None = None) -> int:
    """Recompute the profiles of a batch in a few queries and one bulk write; emit class changes."""
    day = as_of or timezone.localdate()
    config = active_config()
    gathered = gather_inputs(employer_ids, day)
    counties = dict(Employer.objects.filter(pk__in=list(gathered)).values_list("pk", "county_id"))
    before = dict(RiskProfile.objects.filter(employer_id__in=list(gathered)).values_list("employer_id", "risk_class"))
    releases = _releases(list(gathered))
    now = timezone.now()
    rows: list[dict[str, Any]] = []
    changed: list[OutboxEvent] = []
    for pk, (inputs, unknown) in gathered.items():
        adjusted, applied = apply_releases(inputs, releases.get(pk, ()), config)
        result = classify_employer(adjusted, config)
        released = [
            {"code": r.code.value, "title": SHORTFALL_TITLES_ZH[r.code], "evidence": r.evidence, "subject": r.subject}
            for r in applied
        ]
        rows.append(
            {
                "employer_id": pk,
                "county_id": counties[pk],
                "scheme_id": result.risk_class.scheme_id,
                "risk_class": result.risk_class.label,
                "matrix_class": result.matrix_class.label,
                "grade": result.grade.value,
                "management_grade": result.management_grade.value,
                "exposure_level": result.exposure_level.value,
                "is_downgraded": result.is_downgraded,
                "shortfalls": [_shortfall(s) for s in result.shortfalls],
                "released": released,
                "reasons": list(result.reasons),
                "unknown_inputs": unknown,
                "inputs": _snapshot(inputs, unknown),
                "rule_version": result.rule_version,
                "config_version": result.config_version,
                "computed_at": now,
            }
        )
        old = before.get(pk)
        if old is not None and old != result.risk_class.label:  # a first profile is no change
            payload = {"employer": pk, "from": old, "to": result.risk_class.label, "scheme": config.scheme_id}
            changed.append(OutboxEvent(name="risk.profile.class_changed", payload=payload))
    with transaction.atomic():
        upsert_profiles(rows)
        # The outbox rows ``emit`` would write one by one, in one statement and the same transaction.
        OutboxEvent.objects.bulk_create(changed, batch_size=1000)
    return len(rows)


def batches(ids: Iterable[int], size: int = BATCH_SIZE) -> Iterator[list[int]]:
    batch: list[int] = []
    for pk in ids:
        batch.append(pk)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def classify_all(*, as_of: dt.date | None = None, batch_size: int = BATCH_SIZE) -> Iterator[int]:
    """Classify every employer, batch by batch; yields the count done per batch."""
    ids = Employer.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=batch_size)
    for batch in batches(ids, batch_size):
        yield classify_employers(batch, as_of=as_of)


def profile_of(employer: Employer) -> RiskProfile:
    """The employer's profile, computed now if it has none yet."""
    found = RiskProfile.objects.filter(employer=employer).first()
    if found is None:
        classify_employers([employer.pk])
        found = RiskProfile.objects.get(employer=employer)
    return found


# ---------------------------------------------------------------- the rectification loop


def push_rectification(
    *,
    actor: Actor,
    employer: Employer,
    shortfall_code: str,
    evidence: str = "",
    instructions: str = "",
    working_days: int | None = None,
) -> Rectification:
    """The county regulator pushes one of the profile's shortfalls to the employer (整改);
    ``evidence`` picks one of several shortfalls of a code (else the first not yet pushed)."""
    if not actor.is_supervising and not actor.is_superuser:
        raise DomainError(ErrorCode.FORBIDDEN, "only a supervising body pushes rectifications")
    profile = profile_of(employer)
    candidates = [s for s in profile.shortfalls if s["code"] == shortfall_code and evidence in ("", s["evidence"])]
    if not candidates:
        raise DomainError(ErrorCode.INVALID, "this shortfall is not on the current profile", field="shortfall_code")
    open_ones = set(
        Rectification.objects.filter(employer=employer, shortfall_code=shortfall_code)
        .exclude(status=RectificationStatus.APPROVED)
        .values_list("evidence", flat=True)
    )
    shortfall = next((s for s in candidates if s["evidence"] not in open_ones), None)
    if shortfall is None:
        raise DomainError(ErrorCode.CONFLICT, "this shortfall is already being rectified", field="shortfall_code")
    days = DEFAULT_RECTIFICATION_WORKING_DAYS if working_days is None else working_days
    if not 1 <= days <= 120:
        raise DomainError(ErrorCode.INVALID, "the period must be 1 to 120 working days", field="working_days")
    today = timezone.localdate()
    deadline = get_calendar().add_working_days(today, days)
    with transaction.atomic():
        rectification = Rectification.objects.create(
            employer=employer,
            county_id=employer.county_id,
            shortfall_code=shortfall_code,
            shortfall_title=shortfall["title"],
            evidence=shortfall["evidence"],
            subject=shortfall.get("subject", ""),
            clears_when=shortfall["clears_when"],
            instructions=instructions,
            deadline=deadline,
            deadline_basis=f"{today.isoformat()} 起 {days} 个工作日",
            pushed_by_label=actor.label,
        )
        audit.record_created(actor, rectification)
        emit(
            "risk.rectification.pushed",
            {"id": rectification.pk, "employer": employer.pk, "code": shortfall_code, "deadline": deadline.isoformat()},
        )
    return rectification


def submit_rectification(
    *, actor: Actor, rectification: Rectification, actions_taken: str, files: Sequence[UploadedFile] = ()
) -> Rectification:
    """The employer reports what it did, with evidence files."""
    if not actions_taken.strip():
        raise DomainError(ErrorCode.INVALID, "describe the actions taken", field="actions_taken")
    if not files and not rectification.files.exists():
        raise DomainError(ErrorCode.INVALID, "attach at least one evidence file", field="files")
    with transaction.atomic():
        for upload in files:
            RectificationEvidence.objects.create(rectification=rectification, file=upload, name=upload.name or "")
        transition(
            RECTIFICATION_WORKFLOW,
            actor,
            rectification,
            "submitted",
            {"employer": rectification.employer_id},
            fields={"actions_taken": actions_taken.strip(), "submitted_at": timezone.now()},
        )
    return rectification


def approve_rectification(*, actor: Actor, rectification: Rectification) -> Rectification:
    """Approval releases the item (解除); the profile is recomputed at once."""
    with transaction.atomic():
        transition(
            RECTIFICATION_WORKFLOW,
            actor,
            rectification,
            "approved",
            {"employer": rectification.employer_id, "code": rectification.shortfall_code},
            fields={"decided_at": timezone.now(), "decided_by_label": actor.label},
        )
        classify_employers([rectification.employer_id])
    return rectification


def return_rectification(*, actor: Actor, rectification: Rectification, reason: str) -> Rectification:
    if not reason.strip():
        raise DomainError(ErrorCode.INVALID, "give the reason for sending it back", field="reason")
    return transition(  # type: ignore[return-value]
        RECTIFICATION_WORKFLOW,
        actor,
        rectification,
        "returned",
        {"employer": rectification.employer_id, "reason": reason.strip()},
        fields={"return_reason": reason.strip(), "decided_at": timezone.now(), "decided_by_label": actor.label},
    )


def escalate_overdue(*, today: dt.date | None = None) -> int:
    """Mark open rectifications past their deadline as escalated, once each, with an event."""
    day = today or timezone.localdate()
    overdue = Rectification.objects.filter(deadline__lt=day, escalated_at__isnull=True).exclude(
        status=RectificationStatus.APPROVED
    )
    count = 0
    for rectification in overdue.order_by("pk").iterator():
        with transaction.atomic():
            updated = Rectification.objects.filter(pk=rectification.pk, escalated_at__isnull=True).update(
                escalated_at=timezone.now()
            )
            if updated:
                emit(
                    "risk.rectification.escalated",
                    {
                        "id": rectification.pk,
                        "employer": rectification.employer_id,
                        "county": rectification.county_id,
                        "deadline": rectification.deadline.isoformat(),
                    },
                )
                count += 1
    return count


# ---------------------------------------------------------------- self-inspections


def record_self_inspection(
    *,
    actor: Actor,
    employer: Employer,
    performed_on: dt.date,
    score: Decimal,
    problems: dict[str, dict[str, Any]],
) -> SelfInspection:
    """A self-inspection against every checklist item; ``problems`` maps item code to
    {problem, is_minor, correct_by, corrected_on, correction}; the other items are compliant."""
    items = inspection_items()
    unknown = sorted(set(problems) - set(items))
    if unknown:
        raise DomainError(ErrorCode.INVALID, f"unknown checklist items: {', '.join(unknown)}", field="problems")
    if not Decimal(0) <= score <= Decimal(100):
        raise DomainError(ErrorCode.INVALID, "the score must be between 0 and 100", field="score")
    if performed_on > timezone.localdate():
        raise DomainError(ErrorCode.INVALID, "the date is in the future", field="performed_on")
    with transaction.atomic():
        inspection = SelfInspection.objects.create(
            employer=employer,
            county_id=employer.county_id,
            performed_on=performed_on,
            score=score,
            created_by_label=actor.label,
        )
        rows = []
        for code in items:
            found = problems.get(code)
            rows.append(
                SelfInspectionItem(inspection=inspection, item_code=code)
                if found is None
                else SelfInspectionItem(
                    inspection=inspection,
                    item_code=code,
                    is_compliant=False,
                    problem=str(found.get("problem", "")),
                    is_minor=bool(found.get("is_minor", False)),
                    correct_by=found.get("correct_by"),
                    corrected_on=found.get("corrected_on"),
                    correction=str(found.get("correction", "")),
                )
            )
        SelfInspectionItem.objects.bulk_create(rows)
        audit.record_created(actor, inspection)
        emit("risk.selfinspection.recorded", {"id": inspection.pk, "employer": employer.pk, "score": str(score)})
        for item in inspection.items.all():
            _emit_if_minor_corrected(item, employer)
        classify_employers([employer.pk])
    return inspection


def correct_self_inspection_item(
    *, actor: Actor, item: SelfInspectionItem, corrected_on: dt.date, correction: str
) -> SelfInspectionItem:
    """The employer fixed a problem it found; a minor one fixed in time is recorded as such."""
    if item.is_compliant or item.corrected_on is not None:
        raise DomainError(ErrorCode.CONFLICT, "this item has nothing left to correct", field="corrected_on")
    if corrected_on > timezone.localdate():
        raise DomainError(ErrorCode.INVALID, "the date is in the future", field="corrected_on")
    with transaction.atomic():
        before = audit.snapshot(item, ["corrected_on", "correction"])
        item.corrected_on, item.correction = corrected_on, correction.strip()
        item.save(update_fields=["corrected_on", "correction"])
        audit.record_updated(actor, item, before)
        employer = item.inspection.employer
        emit("risk.selfinspection.corrected", {"id": item.pk, "employer": employer.pk, "item": item.item_code})
        _emit_if_minor_corrected(item, employer)
        classify_employers([employer.pk])
    return item


# A minor violation the employer found itself and corrected by its deadline. Enforcement keeps
# it (ohs/enforcement/subscribers.py, patterns "risk.selfinspection.*") so that a later case on
# the same provision is not a "first" violation (行政处罚法 Art.33). Payload:
#   employer (id), article (penalty provision, reference/penalties_odpl.csv, e.g. "ODPL-70(4)"),
#   found_on (ISO date of the self-inspection), minor (always true), id (self-inspection item),
#   item (checklist code), correct_by and corrected_on (ISO dates).
MINOR_CORRECTED_IN_TIME = "risk.selfinspection.minor_corrected_in_time"


def _emit_if_minor_corrected(item: SelfInspectionItem, employer: Employer) -> None:
    """Enforcement's first-minor-violation rule reads this event (and the queryable item)."""
    if item.is_corrected_in_time:
        emit(
            MINOR_CORRECTED_IN_TIME,
            {
                "employer": employer.pk,
                "article": penalty_article_of_item(item.item_code),
                "found_on": item.inspection.performed_on.isoformat(),
                "minor": True,
                "id": item.pk,
                "item": item.item_code,
                "correct_by": item.correct_by.isoformat() if item.correct_by else None,
                "corrected_on": item.corrected_on.isoformat() if item.corrected_on else None,
            },
        )
