"""Writing the hazard catalogue: each change opens a catalogue version, audited, with an event.

A value is never edited in place: a correction supersedes the row and inserts its successor,
so every earlier version stays reproducible for the decisions that used it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from stdnum import casrn
from stdnum.exceptions import ValidationError as IdentifierError

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.audit import AuditAction
from ohs.geo.rules.codes import Level, level_of
from ohs.hazards import events
from ohs.hazards.choices import PHYSICAL_METRIC_LABELS, Category, Confidence, Metric
from ohs.hazards.loading import decimal_text
from ohs.hazards.models import VALUE_DECIMALS, VALUE_DIGITS, Agent, CatalogueVersion, LimitValue
from ohs.hazards.queries import agent_initials
from ohs.orgs.choices import Role

VERSION_ATTEMPTS = 3  # two editors saving at the same instant: the loser takes the next number
_FIGURE_FIELDS = ("value", "value_text", "unit", "edition", "clause", "confidence", "source")
_AUDITED_FIELDS = _FIGURE_FIELDS[1:]  # value_text says the value without the column's trailing zeros


@dataclass(frozen=True)
class LimitCorrection:
    """A corrected figure; unit, edition and clause left as None keep the old row's."""

    value: Decimal
    confidence: str
    source: str
    reason: str
    unit: str | None = None
    edition: str | None = None
    clause: str | None = None


@dataclass(frozen=True)
class NewLimit:
    metric: str
    value: Decimal
    unit: str
    edition: str
    confidence: str
    source: str
    condition: str = ""
    clause: str = ""


@dataclass(frozen=True)
class AgentData:
    name_zh: str
    category: str
    name_en: str = ""
    cas: str = ""
    carcinogen_class: str = ""
    has_skin_notation: bool = False
    is_sensitizer: bool = False
    notes: str = ""


def is_catalogue_editor(actor: Actor) -> bool:
    """The provincial regulator and the system administrator edit the province-wide catalogue."""
    if actor.is_superuser or actor.role == Role.SYSADMIN:
        return True
    code = actor.region_code
    return actor.role == Role.REGULATOR and code is not None and level_of(code) == Level.PROVINCE


def ensure_catalogue_editor(actor: Actor) -> None:
    """Refuse anyone but the provincial regulator and the system administrator."""
    if not is_catalogue_editor(actor):
        message = _("Only the provincial health commission or the system administrator may change the catalogue.")
        raise DomainError(ErrorCode.FORBIDDEN, message)


def _invalid(field: str, message: str) -> DomainError:
    return DomainError(ErrorCode.INVALID, message, field=field)


def _required(field: str, text: str | None) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise _invalid(field, _("This field is required."))
    return cleaned


def _clean_value(value: Decimal) -> Decimal:
    """A limit is a finite, non-negative number that fits the stored precision."""
    if not value.is_finite() or value < 0:
        raise _invalid("value", _("A limit value must be a number of at least 0."))
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -VALUE_DECIMALS:
        raise _invalid("value", _("At most %(n)d decimal places.") % {"n": VALUE_DECIMALS})
    if value >= Decimal(10) ** (VALUE_DIGITS - VALUE_DECIMALS):
        raise _invalid("value", _("The value is too large."))
    return value


def _clean_confidence(confidence: str) -> str:
    if confidence not in Confidence.values:
        raise _invalid("confidence", _("Choose A, B or C."))
    return confidence


def _figure(value: Decimal, unit: str, edition: str, clause: str, confidence: str, source: str) -> dict[str, object]:
    """Validated figure fields shared by a correction and a new limit."""
    clean = _clean_value(value)
    return {
        "value": clean,
        "value_text": decimal_text(clean),
        "unit": _required("unit", unit),
        "edition": _required("edition", edition),
        "clause": clause.strip(),
        "confidence": _clean_confidence(confidence),
        "source": _required("source", source),
    }


def _open_version(actor: Actor, reason: str) -> CatalogueVersion:
    """The next catalogue version; must run inside the change's transaction."""
    for _attempt in range(VERSION_ATTEMPTS):
        number = (CatalogueVersion.objects.aggregate(top=Max("number"))["top"] or 0) + 1
        try:
            with transaction.atomic():  # a savepoint, so a lost race leaves the outer transaction usable
                return CatalogueVersion.objects.create(number=number, actor_label=actor.label, reason=reason)
        except IntegrityError:
            continue
    raise DomainError(ErrorCode.CONFLICT, _("Another change was saved at the same moment. Please try again."))


def _lock_current(limit: LimitValue) -> LimitValue:
    """The row, locked; refused when someone superseded it after the form was opened."""
    row = LimitValue.objects.select_for_update().select_related("agent").get(pk=limit.pk)
    if row.superseded_in_id is not None:
        message = _("This value was already replaced in version %(n)d; open the agent again.")
        raise DomainError(ErrorCode.CONFLICT, message % {"n": row.superseded_in_id}, field="value")
    return row


def _corrected_fields(limit: LimitValue, correction: LimitCorrection) -> dict[str, object]:
    _required("reason", correction.reason)
    fields = _figure(
        correction.value,
        limit.unit if correction.unit is None else correction.unit,
        limit.edition if correction.edition is None else correction.edition,
        limit.clause if correction.clause is None else correction.clause,
        correction.confidence,
        correction.source,
    )
    if all(getattr(limit, name) == fields[name] for name in _FIGURE_FIELDS):
        raise _invalid("value", _("The correction changes nothing."))
    return fields


def correct_limit(*, actor: Actor, limit: LimitValue, correction: LimitCorrection) -> LimitValue:
    """Supersede a limit value by its corrected successor in a new catalogue version."""
    ensure_catalogue_editor(actor)
    fields = _corrected_fields(limit, correction)
    with transaction.atomic():
        old = _lock_current(limit)
        version = _open_version(actor, correction.reason.strip())
        old.superseded_in = version
        old.save(update_fields=["superseded_in"])
        new = LimitValue.objects.create(
            agent=old.agent,
            metric=old.metric,
            condition=old.condition,
            position=old.position,
            introduced_in=version,
            **fields,
        )
        changes = audit.diff(audit.snapshot(old, _AUDITED_FIELDS), audit.snapshot(new, _AUDITED_FIELDS))
        context = {"version": version.number, "replaces": old.pk, "reason": version.reason}
        audit.record(actor, AuditAction.UPDATE, obj=new, changes={**changes, **context})
        emit(events.LIMIT_CORRECTED, {"agent": old.agent_id, "id": new.pk, "metric": new.metric, **context})
    return new


def _clean_metric(metric: str) -> str:
    if metric not in Metric.values and metric not in PHYSICAL_METRIC_LABELS:
        raise _invalid("metric", _("Unknown limit type."))
    return metric


def _new_limit_row(agent: Agent, limit: NewLimit, version: CatalogueVersion, position: int) -> LimitValue:
    fields = _figure(limit.value, limit.unit, limit.edition, limit.clause, limit.confidence, limit.source)
    metric, condition = _clean_metric(limit.metric), limit.condition.strip()
    if LimitValue.objects.current().filter(agent=agent, metric=metric, condition=condition).exists():
        raise DomainError(
            ErrorCode.CONFLICT, _("A current value of this type exists; correct it instead."), field="metric"
        )
    return LimitValue(
        agent=agent, metric=metric, condition=condition, position=position, introduced_in=version, **fields
    )


def _check_distinct(rows: Sequence[LimitValue]) -> None:
    keys = [(row.metric, row.condition) for row in rows]
    if len(set(keys)) != len(keys):
        raise _invalid("metric", _("The same limit type and condition is given twice."))


def _record_created(actor: Actor, obj: Agent | LimitValue, version: CatalogueVersion) -> None:
    """Audit a new row with the version and reason that brought it."""
    changes = {name: [None, value] for name, value in audit.snapshot(obj).items()}
    audit.record(actor, AuditAction.CREATE, obj=obj, changes={**changes, "reason": version.reason})


def _next_position() -> int:
    return (LimitValue.objects.aggregate(top=Max("position"))["top"] or 0) + 1


def add_limit(*, actor: Actor, agent: Agent, limit: NewLimit, reason: str) -> LimitValue:
    """Give an agent a limit value it did not have, in a new catalogue version."""
    ensure_catalogue_editor(actor)
    _required("reason", reason)
    with transaction.atomic():
        version = _open_version(actor, reason.strip())
        row = _new_limit_row(agent, limit, version, _next_position())
        row.save()
        _record_created(actor, row, version)
        emit(events.LIMIT_ADDED, {"agent": agent.pk, "id": row.pk, "metric": row.metric, "version": version.number})
    return row


def _clean_agent(data: AgentData) -> dict[str, object]:
    name_zh = _required("name_zh", data.name_zh)
    if Agent.objects.filter(name_zh=name_zh).exists():
        raise DomainError(ErrorCode.CONFLICT, _("An agent with this Chinese name exists."), field="name_zh")
    if data.category not in Category.values:
        raise _invalid("category", _("Choose a category."))
    cas = data.cas.strip()
    if cas:
        try:
            cas = casrn.validate(cas)
        except IdentifierError:
            raise _invalid("cas", _("Not a valid CAS number (check digit or format).")) from None
    return {
        "name_zh": name_zh,
        "name_en": data.name_en.strip(),
        "name_initials": agent_initials(name_zh),
        "cas": cas,
        "category": data.category,
        "carcinogen_class": data.carcinogen_class.strip(),
        "has_skin_notation": data.has_skin_notation,
        "is_sensitizer": data.is_sensitizer,
        "notes": data.notes.strip(),
    }


def add_agent(*, actor: Actor, data: AgentData, limits: Sequence[NewLimit], reason: str) -> Agent:
    """Add an agent and its limit values to the catalogue in a new catalogue version."""
    ensure_catalogue_editor(actor)
    fields = _clean_agent(data)
    _required("reason", reason)
    with transaction.atomic():
        version = _open_version(actor, reason.strip())
        agent = Agent.objects.create(introduced_in=version, **fields)
        start = _next_position()
        rows = [_new_limit_row(agent, limit, version, start + i) for i, limit in enumerate(limits)]
        _check_distinct(rows)
        LimitValue.objects.bulk_create(rows)
        _record_created(actor, agent, version)
        payload = {"id": agent.pk, "name_zh": agent.name_zh, "category": agent.category, "version": version.number}
        emit(events.AGENT_ADDED, {**payload, "limits": len(rows)})
    return agent
