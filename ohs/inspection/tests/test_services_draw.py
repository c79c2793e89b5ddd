"""Done-when: a provincial plan drawn from published inputs gives the same list, excludes the fully
monitored employer, never pairs an inspector with a declared conflict; rates match a hand count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ohs.core import supervision
from ohs.core.errors import DomainError
from ohs.inspection.choices import InspectionKind, PlanLevel
from ohs.inspection.models import Inspection, InspectionPlan, InspectionTask
from ohs.inspection.rates import plan_rates, publication_counts
from ohs.inspection.services import inspections as inspection_services
from ohs.inspection.services.plans import create_plan, draw_plan, rerun_published
from ohs.inspection.tests.helpers import Pool, build_pool, fake_enforcement
from ohs.orgs.models import User
from ohs.testing.personas import World

ITEMS = ["OH05", "OH10"]


def _plan(world: World, **overrides: object) -> InspectionPlan:
    values: dict[str, object] = {
        "title": "2026年省级职业卫生随机监督抽查",
        "level": PlanLevel.PROVINCIAL,
        "items": ITEMS,
        "period_start": dt.date(2026, 3, 1),
        "period_end": dt.date(2026, 10, 31),
        "class_ratios": {"甲": "1", "乙": "1", "丙": "1"},
    }
    values.update(overrides)
    return create_plan(actor=world.actor("prov_regulator"), **values)  # type: ignore[arg-type]


@pytest.fixture
def pool(world: World, monkeypatch: pytest.MonkeyPatch) -> Pool:
    return build_pool(world, monkeypatch)


def test_same_published_inputs_same_list_monitored_excluded_conflict_avoided(world: World, pool: Pool) -> None:
    plan = draw_plan(actor=world.actor("prov_regulator"), plan=_plan(world), seed="2026-省-01")
    drawn = [t["entity_id"] for t in plan.result["tasks"]]  # type: ignore[index]
    assert [t.entity_id for t in rerun_published(plan).tasks] == drawn
    again = draw_plan(actor=world.actor("prov_regulator"), plan=_plan(world), seed="2026-省-01")
    assert [t["entity_id"] for t in again.result["tasks"]] == drawn  # type: ignore[index]
    assert str(pool.monitored.pk) not in drawn
    exclusions = {e["entity_id"]: e["code"] for e in (plan.result or {})["exclusions"]}
    assert exclusions[str(pool.monitored.pk)] == "full_non_site"
    task = InspectionTask.objects.get(plan=plan, employer=pool.conflicted)
    assert pool.conflicted_inspector not in task.inspectors.all()
    for t in InspectionTask.objects.filter(plan=plan).prefetch_related("inspectors"):
        assert t.inspectors.count() >= 2
        assert {i.county_id for i in t.inspectors.all()} == {t.county_id}


def test_public_page_reruns_without_login(world: World, pool: Pool) -> None:
    plan = draw_plan(actor=world.actor("prov_regulator"), plan=_plan(world), seed="public-seed")
    page = Client().get(f"/inspections/public/draws/{plan.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "public-seed" in html and 'data-testid="list-ok"' in html
    assert html.count('data-testid="drawn"') == len(plan.result["tasks"])  # type: ignore[index]
    assert Client().get(f"/inspections/public/draws/{plan.pk}/inputs.json").json()["plan"]["seed"] == "public-seed"


def test_ratios_must_rise_and_plan_level_fits_the_body(world: World, pool: Pool) -> None:
    with pytest.raises(DomainError) as falling:
        _plan(world, class_ratios={"甲": "0.3", "乙": "0.1", "丙": "0.2"})
    assert "class_ratios" in falling.value.fields
    with pytest.raises(DomainError):
        create_plan(
            actor=world.actor("sc_inspector"),
            title="x",
            level=PlanLevel.PROVINCIAL,
            items=ITEMS,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 2, 1),
        )


def test_rates_on_the_page_match_a_hand_count(world: World, pool: Pool, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = fake_enforcement(monkeypatch)
    plan = draw_plan(actor=world.actor("prov_regulator"), plan=_plan(world), seed="rates")
    actor = world.actor("sc_inspector")
    tasks = list(InspectionTask.objects.filter(plan=plan, county_id="330102").prefetch_related("inspectors__user"))
    done = tasks[:2]
    for task in done:
        items = ["OH05"]  # one of the plan's two items: coverage 1/2
        inspection = inspection_services.start_inspection(
            actor=actor,
            employer=task.employer,
            kind=InspectionKind.RANDOM,
            items=items,
            officers=[i.user for i in task.inspectors.all()],
            task=task,
        )
        assert inspection.action_code and inspection.action_code.startswith("ACT-330102")
        inspection_services.record_findings(
            actor=actor, inspection=inspection, findings={"OH05": (False, "未定期检测")}
        )
        inspection_services.complete_inspection(actor=actor, inspection=inspection, summary="", refused_to_sign=True)
    started = tasks[2]
    inspection_services.start_inspection(
        actor=actor,
        employer=started.employer,
        kind=InspectionKind.RANDOM,
        items=ITEMS,
        officers=[i.user for i in started.inspectors.all()],
        task=started,
    )
    # The coverage indicator counts items covered by the end of July: date the two results in June.
    Inspection.objects.filter(task__plan=plan, completed_on__isnull=False).update(completed_on=dt.date(2026, 6, 15))
    total = InspectionTask.objects.filter(plan=plan).count()
    completed = Inspection.objects.filter(task__plan=plan, completed_on__isnull=False).count()
    by_july = Inspection.objects.filter(task__plan=plan, completed_on__lte=dt.date(2026, 7, 31))
    covered = {c for i in by_july for c in i.items}
    rates = plan_rates(plan)
    assert (rates["completion"].numerator, rates["completion"].denominator) == (completed, total) == (2, total)
    assert (rates["item_coverage"].numerator, rates["item_coverage"].denominator) == (len(covered), len(ITEMS))
    page = world.client("prov_regulator").get(f"/inspections/plans/{plan.pk}/").content.decode()
    assert f"{completed}/{total}" in page and f"{len(covered)}/{len(ITEMS)}" in page
    first = Inspection.objects.filter(task__plan=plan, completed_on__isnull=False).first()
    assert first is not None
    assert publication_counts(plan, today=dt.date(2026, 6, 16)) == (2, 0, 0)
    # 20 working days after 15 June, as the record would have said then.
    Inspection.objects.filter(task__plan=plan, completed_on__isnull=False).update(publish_due_on=dt.date(2026, 7, 13))
    inspection_services.publish_result(actor=actor, inspection=first, on=dt.date(2026, 7, 1))
    assert publication_counts(plan, today=dt.date(2026, 8, 1)) == (2, 1, 1)  # the other is past due
    first.refresh_from_db()
    case = inspection_services.open_case(actor=actor, inspection=first, finding=first.findings.get())
    # OH05 (Art.26(2) periodic measurement) is punished by Art.72(4) unless the officer names another.
    assert case and calls[-1] == {"case": first.action_code, "findings": "未定期检测", "article": "ODPL-72(4)"}
    with pytest.raises(DomainError) as other:
        second = Inspection.objects.filter(task__plan=plan, completed_on__isnull=False).exclude(pk=first.pk).get()
        inspection_services.open_case(actor=actor, inspection=first, finding=second.findings.get())
    assert "finding" in other.value.fields


def test_result_needs_a_finding_per_item_and_a_signature_or_refusal(world: World, pool: Pool) -> None:
    employer = pool.employers[2]
    officers = list(User.objects.filter(username__in=["sc_inspector", "sc_extra0"]))
    actor = world.actor("sc_inspector")
    inspection = inspection_services.start_inspection(
        actor=actor, employer=employer, kind=InspectionKind.TARGETED, items=ITEMS, officers=officers
    )
    # The enforcement app's issuer: the code names the county (reference/action_code.md).
    assert inspection.action_code and inspection.action_code.startswith("330102-")
    with pytest.raises(DomainError) as missing:
        inspection_services.complete_inspection(actor=actor, inspection=inspection, summary="", signed_by="王五")
    assert "findings" in missing.value.fields
    inspection_services.record_findings(
        actor=actor, inspection=inspection, findings={"OH05": (True, ""), "OH10": (True, "")}
    )
    with pytest.raises(DomainError) as both:
        inspection_services.complete_inspection(
            actor=actor, inspection=inspection, summary="", signed_by="王五", refused_to_sign=True
        )
    assert "signed_by" in both.value.fields
    done = inspection_services.complete_inspection(
        actor=actor, inspection=inspection, summary="未见问题", signed_by="王五"
    )
    assert done.publish_due_on is not None and done.publish_due_on > done.completed_on  # type: ignore[operator]


def test_without_an_issuer_the_inspection_starts_without_a_code(
    world: World, pool: Pool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(supervision, "_issuer", [])
    officers = list(User.objects.filter(username__in=["sc_inspector", "sc_extra0"]))
    inspection = inspection_services.start_inspection(
        actor=world.actor("sc_inspector"),
        employer=pool.employers[2],
        kind=InspectionKind.TARGETED,
        items=ITEMS,
        officers=officers,
    )
    assert inspection.action_code is None
