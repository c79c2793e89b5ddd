"""Issuing administrative action codes when a supervisory act starts (reference/action_code.md:
统一赋码 before on-site work, 一码关联 to every later act) and keeping their public stage current."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.supervision import ActStart
from ohs.enforcement.choices import ActKind
from ohs.enforcement.models import ActionCode
from ohs.enforcement.rules.action_code import (
    RANDOM_PART_BYTES,
    ActionCodeError,
    ActionKind,
    generate_action_code,
)
from ohs.geo.models import Region
from ohs.orgs.choices import OrgKind
from ohs.orgs.models import Organisation, User
from ohs.registry.models import Employer

_KIND_OF_ACT = {ActKind.CASE: ActionKind.PENALTY}  # every other act starts with an inspection (检查)
_STAGE_AT_START = {ActKind.CASE: "处罚（立案）"}
_SUPERVISING = (OrgKind.ENFORCEMENT, OrgKind.REGULATOR)


def _acting_body(actor: Actor, county: Region) -> Organisation:
    """The actor's body; for a system actor the supervision body of the county (or the nearest above)."""
    if actor.organisation_id is not None:
        return Organisation.objects.get(pk=actor.organisation_id)
    region: Region | None = county
    while region is not None:
        body = Organisation.objects.filter(region=region, kind__in=_SUPERVISING).order_by("kind").first()
        if body is not None:
            return body
        region = region.parent
    raise DomainError(ErrorCode.INVALID, _("no supervision body acts in this county"), field="county_id")


def _new_code(region_code: str, kind: ActionKind) -> str:
    year = timezone.localdate().year
    while True:  # 80 random bits: a collision is astronomically rare, but the column is unique
        try:
            code = generate_action_code(region_code, year, kind, secrets.token_bytes(RANDOM_PART_BYTES))
        except ActionCodeError as error:
            raise DomainError(ErrorCode.INVALID, error.message, field=error.field) from error
        if not ActionCode.objects.filter(code=code).exists():
            return code


def issue_act_code(actor: Actor, start: ActStart) -> str:
    """Issue and record the code of an act that starts now; the caller stores it on its record."""
    if start.kind not in ActKind.values:
        raise DomainError(ErrorCode.INVALID, _("unknown kind of act %(kind)s") % {"kind": start.kind}, field="kind")
    employer = Employer.objects.filter(pk=start.employer_id).first()
    if employer is None:
        raise DomainError(ErrorCode.INVALID, _("no such employer"), field="employer_id")
    county = Region.objects.filter(pk=start.county_id).first()
    if county is None:
        raise DomainError(ErrorCode.INVALID, _("no such county"), field="county_id")
    officer_ids = list(start.officers) or ([actor.user_id] if actor.user_id else [])
    officers = list(User.objects.filter(pk__in=officer_ids))
    if len(officers) != len(set(officer_ids)):
        raise DomainError(
            ErrorCode.INVALID, _("an officer of this act is not a user of the platform"), field="officers"
        )
    kind = ActKind(start.kind)
    body = _acting_body(actor, county)
    with transaction.atomic():
        row = ActionCode.objects.create(
            code=_new_code(body.region_id, _KIND_OF_ACT.get(kind, ActionKind.INSPECTION)),
            kind=kind,
            employer=employer,
            county=county,
            body=body,
            subject_type=start.subject._meta.label_lower,
            subject_id=str(start.subject.pk),
            title=start.title[:200],
            legal_basis=start.legal_basis,
            stage=_STAGE_AT_START.get(kind, "检查"),
            issued_by_label=actor.label,
        )
        row.officers.set(officers)
        audit.record_created(actor, row)
        emit(
            "enforcement.actioncode.issued",
            {"code": row.code, "kind": kind, "employer": employer.pk, "subject": row.subject_type},
        )
    return row.code


def code_row(code: str, field: str = "action_code") -> ActionCode:
    row = ActionCode.objects.filter(code=code.strip().upper()).select_related("body").first()
    if row is None:
        raise DomainError(ErrorCode.INVALID, _("no act carries this action code"), field=field)
    return row


def advance_stage(action_code: ActionCode, stage: str, result: str = "") -> None:
    """What the public page shows as the act's current stage and results (in the caller's transaction)."""
    action_code.stage = stage
    if result:
        action_code.result = result
    action_code.save(update_fields=["stage", "result"])
