"""No penalty for a first minor violation (行政处罚法 Art.33): the list item, "first" checked
against the entity's history on the platform, the notification-and-commitment letter (告知承诺)
signed by the entity, the education record, and the outcome 不予处罚."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.workflow import transition
from ohs.enforcement.choices import CaseStatus
from ohs.enforcement.documents import COMMITMENT_LETTER, NO_PENALTY_DECISION
from ohs.enforcement.models import Case, MinorViolation, NoPenaltyItem
from ohs.enforcement.rules.no_penalty import (
    DEFAULT_PROVINCIAL_LIST,
    PROVINCE_REGION_CODE,
    Harm,
    NoPenaltyDecision,
    NoPenaltyExtension,
    NoPenaltyList,
    NoPenaltyOutcome,
    PriorViolation,
    assess_no_penalty,
)
from ohs.enforcement.rules.no_penalty import NoPenaltyItem as ItemRule
from ohs.enforcement.rules.no_penalty import extend_list as extend_rule
from ohs.enforcement.services._common import issue_case_document, not_future, require_text, today
from ohs.enforcement.services.codes import advance_stage
from ohs.enforcement.workflow import CASE_WORKFLOW, STAGE_OF_STATUS

# Cases that establish an earlier violation of the same provision (not those still being filed).
_ESTABLISHED = [s for s in CaseStatus.values if s not in (CaseStatus.PROPOSED, CaseStatus.INVESTIGATING)]


def items_for(case: Case) -> list[NoPenaltyItem]:
    """The list items in force where the case is: the province's and the city's/county's extensions."""
    chain = [PROVINCE_REGION_CODE, case.county_id, *([case.county.parent_id] if case.county.parent_id else [])]
    return list(NoPenaltyItem.objects.filter(region_id__in=chain, article=case.article))


def history_of(case: Case) -> list[PriorViolation]:
    """Earlier violations of the same provision by the same employer on the platform."""
    cases = Case.objects.filter(employer=case.employer, article=case.article, status__in=_ESTABLISHED).exclude(
        pk=case.pk
    )
    prior = [PriorViolation(c.article, c.decided_on or c.created_at.date(), c.ref) for c in cases]
    recorded = MinorViolation.objects.filter(employer=case.employer, article=case.article)
    prior += [PriorViolation(m.article, m.found_on, f"{m.source} {m.reference}") for m in recorded]
    return prior


def _as_rule(item: NoPenaltyItem) -> ItemRule:
    return ItemRule(
        item.item_id,
        item.article,
        item.description,
        item.minor_circumstance,
        Harm(item.max_harm),
        item.list_version,
        region_code=item.region_id,
        source=item.source,
        is_confirmed=item.is_confirmed,
    )


def assess(case: Case, item_id: str, harm: str, corrected_in_time: bool) -> NoPenaltyDecision:
    item = next((i for i in items_for(case) if i.item_id == item_id), None)
    if item is None:
        raise DomainError(
            ErrorCode.INVALID,
            _("%(item_id)s is not a no-penalty item for %(article)s here")
            % {"item_id": item_id, "article": case.article},
            field="item_id",
        )
    if harm not in Harm._value2member_map_:
        raise DomainError(ErrorCode.INVALID, _("unknown harm %(harm)s") % {"harm": harm}, field="harm")
    return assess_no_penalty(_as_rule(item), history_of(case), corrected_in_time, Harm(harm))


def offer_commitment(*, actor: Actor, case: Case, item_id: str, harm: str, corrected_in_time: bool) -> Case:
    """The officer finds the item applies and issues the 告知承诺书 for the entity to sign."""
    if case.status != CaseStatus.INVESTIGATING:
        raise DomainError(ErrorCode.CONFLICT, _("no penalty is decided between filing and the notice"), field="status")
    decision = assess(case, item_id, harm, corrected_in_time)
    if decision.outcome is NoPenaltyOutcome.PUNISH:
        raise DomainError(ErrorCode.INVALID, "；".join(decision.reasons), field="item_id")
    before = audit.snapshot(case, ["no_penalty_item", "no_penalty_basis"])
    with transaction.atomic():
        case.no_penalty_item = item_id
        case.no_penalty_basis = "\n".join([decision.outcome.value, *decision.reasons])
        case.save(update_fields=["no_penalty_item", "no_penalty_basis"])
        audit.record_updated(actor, case, before)
        emit("enforcement.case.commitment_offered", {"id": case.pk, "item": item_id})
        issue_case_document(actor, case, COMMITMENT_LETTER)
    return case


def sign_commitment(*, actor: Actor, case: Case, signed_by: str, signed_on: dt.date | None = None) -> Case:
    """The entity signs: only a person of the employer's own organisation."""
    if actor.organisation_id is None or actor.organisation_id != case.employer.organisation_id:
        raise DomainError(ErrorCode.FORBIDDEN, _("only the entity itself signs its commitment"), field="signed_by")
    if not case.no_penalty_item:
        raise DomainError(ErrorCode.INVALID, _("no commitment letter has been issued"), field="signed_by")
    before = audit.snapshot(case, ["commitment_signed_on", "commitment_signed_by"])
    with transaction.atomic():
        case.commitment_signed_by = require_text(signed_by, "signed_by", _("the signatory's name"))
        case.commitment_signed_on = not_future(signed_on or today(), "signed_on")
        case.save(update_fields=["commitment_signed_on", "commitment_signed_by"])
        audit.record_updated(actor, case, before)
        emit("enforcement.case.commitment_signed", {"id": case.pk})
    return case


def decide_no_penalty(*, actor: Actor, case: Case, education_record: str) -> Case:
    """不予处罚: with the signed commitment and the education record (Art.33(3))."""
    if not case.no_penalty_item or case.commitment_signed_on is None:
        raise DomainError(ErrorCode.INVALID, _("the entity has not signed the commitment yet"), field="commitment")
    record = require_text(education_record, "education_record", _("the education record"))
    with transaction.atomic():
        transition(
            CASE_WORKFLOW,
            actor,
            case,
            "not_punished",
            {"item": case.no_penalty_item},
            fields={"education_record": record, "decided_on": today(), "fine_yuan": None},
        )
        advance_stage(case.action_code, STAGE_OF_STATUS[case.status], "不予处罚（初次轻微违法，已签署告知承诺书）")
        issue_case_document(actor, case, NO_PENALTY_DECISION)
    return case


def record_minor_violation(
    *, employer_id: int, article: str, found_on: dt.date, source: str, reference: str, event_key: str
) -> MinorViolation | None:
    """A minor violation found outside a case (idempotent per event)."""
    if MinorViolation.objects.filter(Q(event_key=event_key)).exists():
        return None
    return MinorViolation.objects.create(
        employer_id=employer_id,
        article=article,
        found_on=found_on,
        source=source,
        reference=reference,
        event_key=event_key,
    )


def extend_list(
    *, actor: Actor, items: list[dict[str, str]], version: str, is_collectively_discussed: bool
) -> list[NoPenaltyItem]:
    """A city or county adds lawful items to the provincial list (seed 000 item 10); every item
    is checked against Art.33 and the extension must have been discussed collectively."""
    region = actor.region_code or ""
    provincial = NoPenaltyList(
        version=DEFAULT_PROVINCIAL_LIST.version,
        region_code=PROVINCE_REGION_CODE,
        items=tuple(_as_rule(i) for i in NoPenaltyItem.objects.filter(region_id=PROVINCE_REGION_CODE)),
    )
    proposed = tuple(
        ItemRule(
            item_id=i["item_id"],
            article=i["article"],
            description_zh=i["description"],
            minor_circumstance_zh=i["minor_circumstance"],
            max_harm=Harm(i.get("max_harm", Harm.MINOR.value)),
            list_version=version,
            region_code=region,
        )
        for i in items
    )
    decision = extend_rule(provincial, NoPenaltyExtension(region, version, proposed, is_collectively_discussed))
    if not decision.is_accepted:
        fields: dict[str, list[str]] = {}
        for p in decision.problems:
            fields.setdefault(p.field, []).append(f"{p.item_id} {p.message}".strip())
        raise DomainError(
            ErrorCode.INVALID,
            "；".join([*(f"{p.item_id} {p.message}".strip() for p in decision.problems)]),
            fields=fields,
        )
    with transaction.atomic():
        rows = [
            NoPenaltyItem.objects.create(
                item_id=i.item_id,
                region_id=region,
                list_version=version,
                article=i.article,
                description=i.description_zh,
                minor_circumstance=i.minor_circumstance_zh,
                max_harm=i.max_harm.value,
                source=f"{region} 集体讨论通过",
            )
            for i in proposed
        ]
        for row in rows:
            audit.record_created(actor, row)
        emit("enforcement.no_penalty_list.extended", {"region": region, "items": [i.item_id for i in proposed]})
    return rows
