"""The inspector pool and declared conflicts: named transitions with audit and outbox, clear
field errors with nothing half-written, and what the draw reads from them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ohs.core.errors import DomainError, ErrorCode
from ohs.core.models.audit import AuditEntry
from ohs.core.models.outbox import OutboxEvent
from ohs.inspection.choices import ConflictRelation, ConflictStatus, InspectorStatus, PlanLevel
from ohs.inspection.models import InspectionPlan, Inspector, InspectorConflict
from ohs.inspection.services import plans, pool
from ohs.inspection.tests.pool_helpers import CONFLICT_REASON, PoolRecords, add_ningbo_regulator, pool_records
from ohs.testing.personas import World


@pytest.fixture
def records(world: World) -> PoolRecords:
    add_ningbo_regulator(world)
    return pool_records(world)


def _events(name: str, pk: int) -> int:
    return OutboxEvent.objects.filter(name=name, payload__id=pk).count()


def _audited(obj: object, action: str) -> int:
    label = obj._meta.label_lower  # type: ignore[attr-defined]
    return AuditEntry.objects.filter(object_type=label, object_id=str(obj.pk), action=action).count()  # type: ignore[attr-defined]


def _city_plan(world: World) -> InspectionPlan:
    return plans.create_plan(
        actor=world.actor("hz_regulator"),
        title="杭州市抽查",
        level=PlanLevel.CITY,
        items=["OH05"],
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 10, 31),
    )


def test_regulator_adds_an_inspector_with_audit_and_event(records: PoolRecords) -> None:
    inspector = records.inspector
    assert inspector.status == InspectorStatus.ACTIVE and inspector.county_id == "330102"
    assert _audited(inspector, "create") == 1
    assert _events("inspection.inspector.added", inspector.pk) == 1


def test_only_the_regulator_of_the_jurisdiction_adds(world: World, records: PoolRecords) -> None:
    user_id = world.users["hs_inspector"].pk
    with pytest.raises(DomainError) as foreign:
        pool.add_to_pool(actor=world.actor("hz_regulator"), user_id=user_id)  # 海曙区 lies in Ningbo
    assert foreign.value.fields == {"user_id": [foreign.value.message]}
    with pytest.raises(DomainError) as inspector_role:
        pool.add_to_pool(actor=world.actor("sc_inspector"), user_id=user_id)
    assert inspector_role.value.code == ErrorCode.FORBIDDEN
    with pytest.raises(DomainError) as twice:
        pool.add_to_pool(actor=world.actor("prov_regulator"), user_id=world.users["sc_inspector"].pk)
    assert twice.value.code == ErrorCode.CONFLICT and "user_id" in twice.value.fields
    assert not Inspector.objects.filter(user_id=user_id).exists()
    assert pool.add_to_pool(actor=world.actor("nb_regulator"), user_id=user_id).county_id == "330203"


def test_removed_and_restored_are_named_transitions(world: World, records: PoolRecords) -> None:
    inspector, regulator = records.inspector, world.actor("hz_regulator")
    pool.remove_from_pool(actor=regulator, inspector=inspector)
    assert Inspector.objects.get(pk=inspector.pk).status == InspectorStatus.REMOVED
    assert _events("inspection.inspector.removed", inspector.pk) == 1 and _audited(inspector, "transition") == 1
    with pytest.raises(DomainError) as again:
        pool.remove_from_pool(actor=regulator, inspector=inspector)
    assert again.value.code == ErrorCode.ILLEGAL_TRANSITION
    with pytest.raises(DomainError) as by_inspector:
        pool.restore_to_pool(actor=world.actor("sc_inspector"), inspector=inspector)
    assert by_inspector.value.code == ErrorCode.FORBIDDEN
    pool.restore_to_pool(actor=regulator, inspector=inspector)
    assert Inspector.objects.get(pk=inspector.pk).is_active
    assert _events("inspection.inspector.restored", inspector.pk) == 1


def test_a_removed_inspector_is_not_drawn(world: World, records: PoolRecords) -> None:
    plan = _city_plan(world)
    assert [i.inspector_id for i in plans.inspector_pool(plan)] == [records.inspector.pool_id]
    pool.remove_from_pool(actor=world.actor("hz_regulator"), inspector=records.inspector)
    assert plans.inspector_pool(plan) == []


def test_former_employer_is_recorded_and_read_by_the_draw(world: World, records: PoolRecords) -> None:
    employer = world.employers["A"]
    pool.record_former_employer(actor=world.actor("hz_regulator"), inspector=records.inspector, employer=employer)
    assert _audited(records.inspector, "update") == 1
    assert _events("inspection.inspector.former_employer_recorded", records.inspector.pk) == 1
    (staff,) = plans.inspector_pool(_city_plan(world))
    assert staff.former_employer_id == str(employer.pk)
    with pytest.raises(DomainError) as by_inspector:
        pool.record_former_employer(actor=world.actor("sc_inspector"), inspector=records.inspector, employer=None)
    assert by_inspector.value.code == ErrorCode.FORBIDDEN


def test_inspector_declares_own_conflict_with_audit_and_event(world: World, records: PoolRecords) -> None:
    conflict = records.conflict
    assert (conflict.status, conflict.county_id, conflict.relation) == (
        ConflictStatus.DECLARED,
        "330102",
        ConflictRelation.RELATIVE,
    )
    assert conflict.reason == CONFLICT_REASON and _audited(conflict, "create") == 1
    assert _events("inspection.inspectorconflict.declared", conflict.pk) == 1
    (staff,) = plans.inspector_pool(_city_plan(world))
    assert staff.conflict_entity_ids == frozenset({str(world.employers["A"].pk)})


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"relation": "neighbour"}, "relation"),
        ({"reason": "  "}, "reason"),
        ({"since_on": timezone.localdate() + dt.timedelta(days=1)}, "since_on"),
        ({}, "employer"),  # the same interest declared a second time
    ],
)
def test_a_bad_declaration_names_its_field_and_writes_nothing(
    world: World, records: PoolRecords, change: dict[str, object], field: str
) -> None:
    values: dict[str, object] = {
        "relation": ConflictRelation.FINANCIAL,
        "reason": "持有该企业股份",
        "since_on": dt.date(2025, 1, 1),
        **change,
    }
    before = (InspectorConflict.objects.count(), OutboxEvent.objects.count(), AuditEntry.objects.count())
    with pytest.raises(DomainError) as error:
        pool.declare_conflict(
            actor=world.actor("sc_inspector"),
            inspector=records.inspector,
            employer=world.employers["A"],
            **values,  # type: ignore[arg-type]
        )
    assert field in error.value.fields
    assert (InspectorConflict.objects.count(), OutboxEvent.objects.count(), AuditEntry.objects.count()) == before


def test_nobody_declares_for_another_inspector(world: World, records: PoolRecords) -> None:
    for persona in ("hz_regulator", "hs_inspector"):
        with pytest.raises(DomainError) as error:
            pool.declare_conflict(
                actor=world.actor(persona),
                inspector=records.inspector,
                employer=world.employers["B"],
                relation=ConflictRelation.OTHER,
                reason="x",
                since_on=dt.date(2025, 1, 1),
            )
        assert error.value.code == ErrorCode.FORBIDDEN
    with pytest.raises(DomainError):
        pool.withdraw_conflict(actor=world.actor("hs_inspector"), conflict=records.conflict)


def test_a_withdrawn_conflict_no_longer_bars_and_may_be_declared_again(world: World, records: PoolRecords) -> None:
    conflict = pool.withdraw_conflict(actor=world.actor("sc_inspector"), conflict=records.conflict)
    assert conflict.status == ConflictStatus.WITHDRAWN and conflict.withdrawn_at is not None
    assert _events("inspection.inspectorconflict.withdrawn", conflict.pk) == 1
    (staff,) = plans.inspector_pool(_city_plan(world))
    assert staff.conflict_entity_ids == frozenset()
    again = pool.declare_conflict(
        actor=world.actor("sc_inspector"),
        inspector=records.inspector,
        employer=world.employers["A"],
        relation=ConflictRelation.RELATIVE,
        reason=CONFLICT_REASON,
        since_on=dt.date(2026, 1, 1),
    )
    assert again.pk != conflict.pk
