"""Field sampling as it happens (server clock, calibrated equipment, flows, place, photo) and
laboratory results with the concentration reproduced by the platform."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.workflow import transition
from ohs.detection.choices import ProjectStatus, SampleKind, SampleStatus
from ohs.detection.models import Equipment, PlanItem, Project, Sample
from ohs.detection.rules.sampling import check_concentration, check_flow
from ohs.detection.services.guards import require_institution, require_open, require_status
from ohs.detection.workflow import PROJECT_WORKFLOW
from ohs.hazards.rules.errors import RuleInputError

BACKDATING_MESSAGE = gettext_lazy(
    "sampling times are taken from the server clock when the record is made; a record cannot be back-dated"
)
AIR_KINDS = frozenset({SampleKind.TWA, SampleKind.SHORT, SampleKind.DUST_TOTAL, SampleKind.DUST_RESPIRABLE})


def register_equipment(*, actor: Actor, name: str, serial_number: str, calibrated_until: dt.date) -> Equipment:
    """Add a sampler or meter with the date its calibration certificate runs out."""
    institution_id = require_institution(actor)
    if not name.strip() or not serial_number.strip():
        raise DomainError(ErrorCode.INVALID, _("enter the name and serial number"), field="serial_number")
    if Equipment.objects.filter(institution_id=institution_id, serial_number=serial_number.strip()).exists():
        raise DomainError(ErrorCode.CONFLICT, _("this serial number is already registered"), field="serial_number")
    with transaction.atomic():
        equipment = Equipment.objects.create(
            institution_id=institution_id, name=name.strip(), serial_number=serial_number.strip(),
            calibrated_until=calibrated_until,
        )  # fmt: skip
        audit.record_created(actor, equipment)
    return equipment


def _refuse_client_time(client_time: Any, field: str) -> None:
    if client_time not in (None, ""):
        raise DomainError("backdating_refused", str(BACKDATING_MESSAGE), field=field)


def _calibrated(equipment: Equipment, project: Project) -> Equipment:
    if equipment.institution_id != project.institution_id:
        raise DomainError(ErrorCode.INVALID, _("use one of your institution's instruments"), field="equipment_id")
    today = timezone.localdate()
    if not equipment.is_calibrated_on(today):
        raise DomainError(
            "calibration_expired",
            _("%(equipment)s was calibrated until %(date)s: recalibrate it before sampling")
            % {"equipment": equipment, "date": f"{equipment.calibrated_until:%Y-%m-%d}"},
            field="equipment_id",
        )
    return equipment


def start_sample(
    *, actor: Actor, project: Project, plan_item: PlanItem, equipment: Equipment, location: str,
    flow_before_l_per_min: Decimal | None = None, latitude: Decimal | None = None,
    longitude: Decimal | None = None, photo: UploadedFile | None = None, started_at: Any = None,
) -> Sample:  # fmt: skip
    """Start a sample now (server time); the first sample starts the project's sampling."""
    _refuse_client_time(started_at, "started_at")
    require_open(project)
    require_status(project, ProjectStatus.PLANNED, ProjectStatus.SAMPLING)
    if plan_item.project_id != project.pk or not plan_item.samples_planned:
        raise DomainError(ErrorCode.INVALID, _("choose a planned sampling item of this project"), field="plan_item_id")
    _calibrated(equipment, project)
    if not location.strip():
        raise DomainError(ErrorCode.INVALID, _("say where the sample is taken"), field="location")
    if plan_item.sample_kind in AIR_KINDS and (flow_before_l_per_min is None or flow_before_l_per_min <= 0):
        raise DomainError(ErrorCode.INVALID, _("enter the pump's flow before sampling"), field="flow_before_l_per_min")
    with transaction.atomic():
        if project.status == ProjectStatus.PLANNED:
            transition(
                PROJECT_WORKFLOW, actor, project, "sampling_started", fields={"sampling_started_at": timezone.now()}
            )
        number = Sample.objects.filter(project=project).count() + 1
        sample = Sample(
            project=project, plan_item=plan_item, code=f"{project.code}-{number:03d}", sampler_label=actor.label,
            equipment=equipment, location=location.strip(), latitude=latitude, longitude=longitude,
            flow_before_l_per_min=flow_before_l_per_min, started_at=timezone.now(),
        )  # fmt: skip
        if photo is not None:
            sample.photo.save(photo.name or "photo.jpg", photo, save=False)
        sample.save()
        audit.record_created(actor, sample)
        emit("detection.sample.started", {"id": sample.pk, "project": project.pk, "county": project.county_id})
    return sample


def finish_sample(
    *, actor: Actor, sample: Sample, flow_after_l_per_min: Decimal | None = None,
    photo: UploadedFile | None = None, ended_at: Any = None,
) -> Sample:  # fmt: skip
    """Stop a sample now (server time) with the flow after sampling; a drift over 5 % is refused."""
    _refuse_client_time(ended_at, "ended_at")
    require_open(sample.project)
    if sample.status != SampleStatus.SAMPLING:
        raise DomainError(ErrorCode.CONFLICT, _("this sample is already finished"), field="status")
    fields: dict[str, Any] = {"ended_at": timezone.now(), "status": SampleStatus.COLLECTED}
    if sample.plan_item.sample_kind in AIR_KINDS:
        if flow_after_l_per_min is None or sample.flow_before_l_per_min is None:
            raise DomainError(
                ErrorCode.INVALID, _("enter the pump's flow after sampling"), field="flow_after_l_per_min"
            )
        try:
            flow = check_flow(float(sample.flow_before_l_per_min), float(flow_after_l_per_min))
        except RuleInputError as error:
            raise DomainError(ErrorCode.INVALID, error.message, field="flow_after_l_per_min") from error
        if not flow.is_valid:
            raise DomainError(
                "flow_drift",
                _(
                    "the flow changed by %(drift)s during sampling (GBZ 159-2004 5.2 allows less than 5%%): "
                    "the sample is invalid, take it again"
                )
                % {"drift": f"{flow.drift_fraction:.1%}"},
                field="flow_after_l_per_min",
            )
        fields["flow_after_l_per_min"] = flow_after_l_per_min
    with transaction.atomic():
        for name, value in fields.items():
            setattr(sample, name, value)
        if photo is not None:
            sample.photo.save(photo.name or "photo.jpg", photo, save=False)
        sample.save()
        audit.record(
            actor, "update", obj=sample, changes={"finished": True, "ended_at": fields["ended_at"].isoformat()}
        )
        emit("detection.sample.collected", {"id": sample.pk, "project": sample.project_id})
    return sample


def correct_sample(*, actor: Actor, sample: Sample, location: str) -> Sample:
    """Correct the recorded place of a sample, only until the technical review."""
    require_open(sample.project)
    if not location.strip():
        raise DomainError(ErrorCode.INVALID, _("say where the sample is taken"), field="location")
    with transaction.atomic():
        before = sample.location
        sample.location = location.strip()
        sample.save(update_fields=["location"])
        audit.record(actor, "update", obj=sample, changes={"location": [before, sample.location]})
    return sample


def finish_sampling(*, actor: Actor, project: Project) -> Project:
    """All samples are collected: the project goes to the laboratory."""
    if project.samples.filter(status=SampleStatus.SAMPLING).exists():
        raise DomainError(ErrorCode.INVALID, _("some samples are still running: finish them first"), field="samples")
    if not project.samples.exists():
        raise DomainError(ErrorCode.INVALID, _("no sample has been taken"), field="samples")
    fields = {"sampling_finished_at": timezone.now(), "samples_taken": project.samples.count()}
    transition(PROJECT_WORKFLOW, actor, project, "sampling_finished", fields=fields)
    return project


@dataclass(frozen=True)
class ResultData:
    """A laboratory result: for air samples mass and volume, the reported concentration and LOD;
    for noise the measured L_Aeq in ``value``."""

    value: Decimal
    mass_ug: Decimal | None = None
    volume_l: Decimal | None = None
    lod: Decimal | None = None


def _checked_air_result(data: ResultData) -> tuple[bool, Decimal]:
    if data.mass_ug is None or data.volume_l is None:
        field = "mass_ug" if data.mass_ug is None else "volume_l"
        raise DomainError(ErrorCode.INVALID, _("an air sample needs the mass found and the air volume"), field=field)
    try:
        check = check_concentration(
            mass_ug=float(data.mass_ug), volume_l=float(data.volume_l),
            reported_mg_per_m3=float(data.value), lod_mg_per_m3=float(data.lod) if data.lod is not None else None,
        )  # fmt: skip
    except RuleInputError as error:
        raise DomainError(ErrorCode.INVALID, error.message, field=error.field) from error
    if not check.is_consistent:
        message = _("the reported concentration does not follow from the mass and the volume: %(detail)s")
        raise DomainError(
            "concentration_mismatch", message % {"detail": check.reasons[0]}, field="concentration_mg_per_m3"
        )
    return check.is_below_lod, Decimal(f"{check.reproduced_mg_per_m3:.6f}")


def record_result(*, actor: Actor, sample: Sample, data: ResultData) -> Sample:
    """Record the lab's result; the platform reproduces C = m / V and refuses a mismatch."""
    require_open(sample.project)
    require_status(sample.project, ProjectStatus.SAMPLING, ProjectStatus.ANALYSING)
    if sample.status == SampleStatus.SAMPLING:
        raise DomainError(ErrorCode.CONFLICT, _("the sample is still running"), field="status")
    if data.value < 0:
        raise DomainError(ErrorCode.INVALID, _("cannot be negative"), field="concentration_mg_per_m3")
    below, reproduced = (False, data.value)
    if sample.plan_item.sample_kind in AIR_KINDS:
        below, reproduced = _checked_air_result(data)
    with transaction.atomic():
        before = audit.snapshot(sample, ["value", "mass_ug", "volume_l", "lod"])
        sample.value, sample.mass_ug, sample.volume_l, sample.lod = data.value, data.mass_ug, data.volume_l, data.lod
        sample.is_below_lod, sample.reproduced_value = below, reproduced
        sample.status, sample.result_at, sample.result_by_label = SampleStatus.ANALYSED, timezone.now(), actor.label
        sample.save()
        audit.record(actor, "update", obj=sample, changes=audit.diff(before, audit.snapshot(sample, before.keys())))
    return sample
