"""The classification configuration in force: the province's active version, else the default."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.risk.models import ClassificationConfigVersion
from ohs.risk.rules.classification import DEFAULT_CLASSIFICATION_CONFIG
from ohs.risk.rules.classification_config import ClassificationConfig, ConfigError, parse_classification_config


def active_config() -> ClassificationConfig:
    row = ClassificationConfigVersion.objects.filter(is_active=True).order_by("-created_at").first()
    return DEFAULT_CLASSIFICATION_CONFIG if row is None else parse_classification_config(row.data)


def save_config(*, actor: Actor, data: Mapping[str, object], activate: bool) -> ClassificationConfigVersion:
    """Store a new version (a provincial regulator's act), validated; optionally put it in force."""
    if not actor.is_superuser and (actor.region_code is None or not actor.region_code.endswith("0000")):
        raise DomainError(ErrorCode.FORBIDDEN, "only the provincial regulator changes the classification")
    try:
        parsed = parse_classification_config(data)
    except ConfigError as error:
        raise DomainError(ErrorCode.INVALID, str(error), fields={"data": list(error.problems)}) from error
    if ClassificationConfigVersion.objects.filter(version=parsed.version).exists():
        raise DomainError(ErrorCode.CONFLICT, f"version {parsed.version} already exists", field="version")
    with transaction.atomic():
        if activate:
            ClassificationConfigVersion.objects.filter(is_active=True).update(is_active=False)
        row = ClassificationConfigVersion.objects.create(
            version=parsed.version, data=dict(data), is_active=activate, created_by_label=actor.label
        )
        audit.record_created(actor, row)
        emit("risk.config.saved", {"id": row.pk, "version": row.version, "active": activate})
    return row
