"""The audit trail: every change recorded with who, what and from where; nobody rewrites it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ohs.core import audit
from ohs.core.errors import DomainError
from ohs.core.models.audit import AppendOnlyError, AuditEntry
from ohs.registry.services import EmployerData, update_employer
from ohs.testing.personas import EMPLOYER_A_USCC, World


def test_update_records_only_changed_fields(world: World) -> None:
    employer = world.employers["A"]
    data = EmployerData(uscc=EMPLOYER_A_USCC, name=employer.name, county_code="330102", address="新地址1号")
    update_employer(actor=world.actor("sc_inspector"), employer=employer, data=data)
    entry = AuditEntry.objects.filter(
        object_type="registry.employer", object_id=str(employer.pk), action="update"
    ).latest("id")
    assert entry.changes["address"] == ["", "新地址1号"]
    assert "name" not in entry.changes
    assert entry.actor_label == "sc_inspector"


def test_audit_rows_cannot_be_changed_or_deleted(world: World) -> None:
    entry = AuditEntry.objects.first()
    assert entry is not None
    entry.actor_label = "someone else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(actor_label="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_only_security_auditor_may_purge_and_purge_is_itself_audited(world: World) -> None:
    cutoff = timezone.now() + dt.timedelta(seconds=1)
    with pytest.raises(DomainError):
        audit.purge_before(world.actor("sysadmin"), cutoff)
    removed = audit.purge_before(world.actor("auditor"), cutoff)
    assert removed > 0
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["purge"]


def test_failed_service_leaves_no_audit_row(world: World) -> None:
    before = AuditEntry.objects.count()
    employer = world.employers["A"]
    with pytest.raises(DomainError):
        update_employer(
            actor=world.actor("sc_inspector"),
            employer=employer,
            data=EmployerData(uscc="bad", name="x", county_code="330102"),
        )
    assert AuditEntry.objects.count() == before
