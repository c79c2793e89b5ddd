"""Corrections and additions: a new catalogue version each, audited, with an outbox event;
earlier versions stay reproducible; a refused change writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest

from ohs.core.errors import DomainError
from ohs.core.models.audit import AuditEntry
from ohs.core.models.outbox import OutboxEvent
from ohs.hazards import events, oels, queries, services
from ohs.hazards.choices import Category, Metric
from ohs.hazards.models import Agent, CatalogueVersion, LimitValue
from ohs.hazards.services import AgentData, LimitCorrection, NewLimit
from ohs.testing.personas import World

REASON = "GBZ 2.1-2019 第1号修改单"


def _benzene_twa() -> LimitValue:
    return LimitValue.objects.current().get(agent__cas="71-43-2", metric=Metric.PC_TWA)


def _correction(**overrides: object) -> LimitCorrection:
    values: dict[str, object] = {"value": Decimal("2.5"), "confidence": "A", "source": "国家标准全文", "reason": REASON}
    return LimitCorrection(**{**values, **overrides})  # type: ignore[arg-type]


@contextmanager
def _writes_nothing() -> Iterator[None]:
    tables = (CatalogueVersion, LimitValue, Agent, AuditEntry, OutboxEvent)
    before = [model.objects.count() for model in tables]
    yield
    assert [model.objects.count() for model in tables] == before


def test_correction_makes_a_new_version_and_keeps_the_old_value(world: World) -> None:
    old, before = _benzene_twa(), queries.current_version().number
    new = services.correct_limit(actor=world.actor("prov_regulator"), limit=old, correction=_correction())
    assert new.introduced_in_id == before + 1 and new.value == Decimal("2.5") and new.unit == "mg/m3"
    old.refresh_from_db()
    assert old.superseded_in_id == before + 1 and old.value == Decimal(3)
    benzene = old.agent
    assert [lv.value for lv in queries.get_agent_limits(benzene, before) if lv.metric == Metric.PC_TWA] == [Decimal(3)]
    assert [lv.value for lv in queries.get_agent_limits(benzene) if lv.metric == Metric.PC_TWA] == [Decimal("2.5")]
    assert CatalogueVersion.objects.get(number=before + 1).reason == REASON


def test_correction_writes_audit_row_and_outbox_event(world: World) -> None:
    new = services.correct_limit(actor=world.actor("prov_regulator"), limit=_benzene_twa(), correction=_correction())
    entry = AuditEntry.objects.filter(object_type="hazards.limitvalue", object_id=str(new.pk)).get()
    assert entry.actor_label == "prov_regulator" and entry.changes["value_text"] == ["3", "2.5"]
    assert entry.changes["reason"] == REASON and entry.changes["version"] == new.introduced_in_id
    event = OutboxEvent.objects.filter(name=events.LIMIT_CORRECTED).latest("pk")
    assert event.payload["id"] == new.pk and event.payload["version"] == new.introduced_in_id


def test_engine_inputs_at_the_old_version_reproduce_the_old_value(world: World) -> None:
    old = _benzene_twa()
    used = queries.current_version().number
    services.correct_limit(actor=world.actor("sysadmin"), limit=old, correction=_correction())
    then, now = oels.chemical_oel(old.agent, used), oels.chemical_oel(old.agent)
    assert then.pc_twa is not None and now.pc_twa is not None
    assert (then.pc_twa.value, now.pc_twa.value) == (3.0, 2.5)
    assert now.pc_twa.provenance.source == "国家标准全文"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reason": "  "}, "reason"),
        ({"value": Decimal("-1")}, "value"),
        ({"value": Decimal("0.0000001")}, "value"),
        ({"confidence": "D"}, "confidence"),
        ({"source": ""}, "source"),
        ({"value": Decimal(3), "source": "xx", "confidence": "A", "unit": "mg/m3"}, None),
    ],
)
def test_invalid_correction_names_the_field_and_writes_nothing(
    world: World, overrides: dict[str, object], field: str | None
) -> None:
    limit = _benzene_twa()
    if field is None:  # a "correction" identical to the value in force
        overrides = {"value": limit.value, "source": limit.source, "confidence": limit.confidence}
        field = "value"
    with _writes_nothing(), pytest.raises(DomainError) as raised:
        services.correct_limit(actor=world.actor("prov_regulator"), limit=limit, correction=_correction(**overrides))
    assert field in raised.value.fields


def test_city_regulator_is_refused_by_the_service(world: World) -> None:
    with _writes_nothing(), pytest.raises(DomainError) as raised:
        services.correct_limit(actor=world.actor("hz_regulator"), limit=_benzene_twa(), correction=_correction())
    assert raised.value.code == "forbidden" and raised.value.http_status == 403
    assert "省" in raised.value.message  # the reason, in the page language


def test_correcting_a_superseded_value_is_a_conflict(world: World) -> None:
    old = _benzene_twa()
    services.correct_limit(actor=world.actor("prov_regulator"), limit=old, correction=_correction())
    with _writes_nothing(), pytest.raises(DomainError) as raised:
        services.correct_limit(actor=world.actor("prov_regulator"), limit=old, correction=_correction(value=Decimal(2)))
    assert raised.value.code == "conflict"


def _new_limit(**overrides: object) -> NewLimit:
    values: dict[str, object] = {
        "metric": Metric.PC_TWA,
        "value": Decimal("0.5"),
        "unit": "mg/m3",
        "edition": "GBZ 2.1-2019",
        "confidence": "B",
        "source": "省卫健委核对",
    }
    return NewLimit(**{**values, **overrides})  # type: ignore[arg-type]


def test_add_agent_with_its_limit_in_a_new_version(world: World) -> None:
    before = queries.current_version().number
    data = AgentData(name_zh="测试剂甲", category=Category.CHEMICAL, name_en="Test agent", cas="50-00-0")
    agent = services.add_agent(actor=world.actor("prov_regulator"), data=data, limits=[_new_limit()], reason="新增")
    assert agent.introduced_in_id == before + 1 and agent.name_initials == "csjj"
    assert [lv.value for lv in queries.get_agent_limits(agent)] == [Decimal("0.5")]
    assert queries.get_agent_limits(agent, before) == []
    assert OutboxEvent.objects.filter(name=events.AGENT_ADDED, payload__id=agent.pk).exists()
    assert AuditEntry.objects.filter(object_type="hazards.agent", object_id=str(agent.pk), action="create").exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (AgentData(name_zh="苯", category=Category.CHEMICAL), "name_zh"),
        (AgentData(name_zh="测试剂乙", category=Category.CHEMICAL, cas="71-43-3"), "cas"),
        (AgentData(name_zh="测试剂乙", category="gas"), "category"),
    ],
)
def test_add_agent_refuses_bad_data_naming_the_field(world: World, data: AgentData, field: str) -> None:
    with _writes_nothing(), pytest.raises(DomainError) as raised:
        services.add_agent(actor=world.actor("prov_regulator"), data=data, limits=[], reason="新增")
    assert field in raised.value.fields


def test_add_agent_with_a_bad_limit_writes_nothing(world: World) -> None:
    data = AgentData(name_zh="测试剂丙", category=Category.CHEMICAL)
    with _writes_nothing(), pytest.raises(DomainError) as raised:
        services.add_agent(
            actor=world.actor("prov_regulator"), data=data, limits=[_new_limit(metric="ppm-peak")], reason="新增"
        )
    assert "metric" in raised.value.fields


def test_add_limit_of_a_type_in_force_is_a_conflict(world: World) -> None:
    benzene = Agent.objects.get(cas="71-43-2")
    with _writes_nothing(), pytest.raises(DomainError) as raised:
        services.add_limit(actor=world.actor("prov_regulator"), agent=benzene, limit=_new_limit(), reason="补充")
    assert raised.value.code == "conflict" and "metric" in raised.value.fields
    mac = services.add_limit(
        actor=world.actor("prov_regulator"), agent=benzene, limit=_new_limit(metric=Metric.MAC), reason="补充"
    )
    assert mac.is_current and OutboxEvent.objects.filter(name=events.LIMIT_ADDED, payload__id=mac.pk).exists()
