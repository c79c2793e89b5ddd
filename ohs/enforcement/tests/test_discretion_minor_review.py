"""Benchmarks refined only inside the provincial tier; a first minor violation ends in 不予处罚
with a signed commitment; a review campaign flags a decision after 90 days without extension."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ohs.core.errors import DomainError
from ohs.core.events import subscriptions_for
from ohs.core.supervision import open_case_from_act
from ohs.enforcement.models import ActionCode, Benchmark, Case, MinorViolation
from ohs.enforcement.services import benchmarks, cases, minor, procedure, reviews
from ohs.enforcement.tests.conftest import days_ago, start_inspection
from ohs.geo.models import Region
from ohs.testing.personas import World


def _benchmark() -> Benchmark:
    return benchmarks.benchmark_in_force(dt.date.today())


def test_county_refinement_outside_the_provincial_tier_is_refused_with_the_reason(world: World) -> None:
    county = Region.objects.get(pk="330102")
    with pytest.raises(DomainError) as refused:
        benchmarks.add_refinement(
            actor=world.actor("sc_inspector"),
            benchmark=_benchmark(),
            region=county,
            article="ODPL-72(1)",
            level="一般",
            fine_min_yuan=Decimal(90000),
            fine_max_yuan=Decimal(160000),
            version="sc-2026-1",
        )
    # ODPL-72(1): 50,000–200,000; 一般 tier 30 %–70 % = 95,000–155,000.
    assert "fine_min_yuan" in refused.value.fields and "fine_max_yuan" in refused.value.fields
    assert "低于省级一般阶次下限 95000" in refused.value.message
    accepted = benchmarks.add_refinement(
        actor=world.actor("sc_inspector"),
        benchmark=_benchmark(),
        region=county,
        article="ODPL-72(1)",
        level="一般",
        fine_min_yuan=Decimal(100000),
        fine_max_yuan=Decimal(120000),
        version="sc-2026-1",
    )
    assert accepted.pk
    # Another county may not refine for 上城区.
    with pytest.raises(DomainError):
        benchmarks.add_refinement(
            actor=world.actor("hs_inspector"),
            benchmark=_benchmark(),
            region=county,
            article="ODPL-72(2)",
            level="一般",
            fine_min_yuan=Decimal(100000),
            fine_max_yuan=Decimal(120000),
            version="x",
        )


def test_case_uses_the_county_refinement_and_keeps_the_version(world: World) -> None:
    county = Region.objects.get(pk="330102")
    benchmarks.add_refinement(
        actor=world.actor("sc_inspector"),
        benchmark=_benchmark(),
        region=county,
        article="ODPL-72(1)",
        level="一般",
        fine_min_yuan=Decimal(100000),
        fine_max_yuan=Decimal(120000),
        version="sc-2026-1",
    )
    code, start = start_inspection(world)
    case = open_case_from_act(world.actor("sc_inspector"), action_code=code, start=start, findings="超标")
    assert isinstance(case, Case)
    cases.approve_filing(actor=world.actor("hz_regulator"), case=case, filed_on=days_ago(10))
    cases.order_correction(actor=world.actor("sc_inspector"), case=case, deadline=days_ago(2))
    benchmarks.propose_for_case(actor=world.actor("sc_inspector"), case=case, circumstances=[])
    assert case.proposed_fine_yuan == Decimal(110000)
    assert "330102:sc-2026-1" in case.benchmark_version


def _minor_case(world: World) -> Case:
    code, start = start_inspection(world, article="ODPL-71(5)")
    case = open_case_from_act(
        world.actor("sc_inspector"), action_code=code, start=start, findings="离职劳动者未获监护档案复印件"
    )
    assert isinstance(case, Case)
    cases.approve_filing(actor=world.actor("hz_regulator"), case=case)
    return case


def test_first_minor_violation_ends_in_no_penalty_with_a_signed_commitment(world: World) -> None:
    case = _minor_case(world)
    officer = world.actor("sc_inspector")
    minor.offer_commitment(actor=officer, case=case, item_id="ZJ-OH-01", harm="危害后果轻微", corrected_in_time=True)
    with pytest.raises(DomainError) as unsigned:
        minor.decide_no_penalty(actor=officer, case=case, education_record="已教育")
    assert "commitment" in unsigned.value.fields
    with pytest.raises(DomainError):  # the officer cannot sign for the entity
        minor.sign_commitment(actor=officer, case=case, signed_by="王经理")
    with pytest.raises(DomainError):  # nor can another employer
        minor.sign_commitment(actor=world.actor("mgr_b"), case=case, signed_by="王经理")
    minor.sign_commitment(actor=world.actor("mgr_a"), case=case, signed_by="王经理")
    minor.decide_no_penalty(actor=officer, case=case, education_record="现场宣讲职业病防治法第三十三条")
    assert case.status == "not_punished"
    assert ActionCode.objects.get(pk=case.action_code_id).result.startswith("不予处罚")
    # Not first any more: the same violation later is punished under the benchmark.
    again = _minor_case(world)
    with pytest.raises(DomainError) as not_first:
        minor.offer_commitment(
            actor=officer, case=again, item_id="ZJ-OH-01", harm="危害后果轻微", corrected_in_time=True
        )
    assert "非初次违法" in not_first.value.message and case.ref in not_first.value.message


def test_a_minor_violation_from_self_inspection_counts_as_history(world: World) -> None:
    handlers = subscriptions_for("risk.selfinspection.minor_corrected_in_time")
    assert handlers
    payload = {
        "employer": world.employers["A"].pk,
        "article": "ODPL-71(5)",
        "found_on": "2026-01-05",
        "minor": True,
        "id": 7,
    }
    for sub in handlers:
        sub.handler("risk.selfinspection.minor_corrected_in_time", payload, "evt-1")
        sub.handler("risk.selfinspection.minor_corrected_in_time", payload, "evt-1")  # at least once: idempotent
    assert MinorViolation.objects.filter(employer=world.employers["A"]).count() == 1
    case = _minor_case(world)
    with pytest.raises(DomainError) as not_first:
        minor.offer_commitment(
            actor=world.actor("sc_inspector"),
            case=case,
            item_id="ZJ-OH-01",
            harm="危害后果轻微",
            corrected_in_time=True,
        )
    assert "2026-01-05" in not_first.value.message


def _decided_case(world: World, filed_days_ago: int, decided_days_ago: int) -> Case:
    code, start = start_inspection(world)
    case = open_case_from_act(world.actor("sc_inspector"), action_code=code, start=start, findings="超标")
    assert isinstance(case, Case)
    officer = world.actor("sc_inspector")
    cases.approve_filing(actor=world.actor("hz_regulator"), case=case, filed_on=days_ago(filed_days_ago))
    cases.add_evidence(
        actor=officer, case=case, kind="inquiry_record", title="询问笔录", collected_on=days_ago(filed_days_ago)
    )
    cases.order_correction(actor=officer, case=case, deadline=days_ago(filed_days_ago - 5))
    benchmarks.propose_for_case(actor=officer, case=case, circumstances=[])
    served = days_ago(decided_days_ago + 10)
    procedure.serve_notice(actor=officer, case=case, fine_yuan=case.proposed_fine_yuan, served_on=served)
    procedure.record_defence(actor=officer, case=case, defence="无异议", heard_on=served)
    procedure.record_collective_discussion(actor=officer, case=case, record="集体讨论", held_on=served)
    procedure.decide(actor=officer, case=case, decision_text="警告，罚款", decided_on=days_ago(decided_days_ago))
    return case


def test_review_campaign_flags_a_decision_after_90_days_without_extension(officers: World) -> None:
    world = officers
    late = _decided_case(world, filed_days_ago=120, decided_days_ago=5)
    on_time = _decided_case(world, filed_days_ago=40, decided_days_ago=5)
    campaign = reviews.start_campaign(
        actor=world.actor("hz_regulator"),
        name="2026 年杭州市职业卫生案卷评查",
        decided_from=days_ago(30),
        decided_to=days_ago(0),
    )
    by_case = {r.case_id: r for r in campaign.reviews.prefetch_related("findings")}
    assert set(by_case) == {late.pk, on_time.pk}
    late_items = {f.item_code for f in by_case[late.pk].findings.all()}
    assert "PROC_DECISION_LATE" in late_items
    assert "PROC_DECISION_LATE" not in {f.item_code for f in by_case[on_time.pk].findings.all()}
    finding = by_case[late.pk].findings.get(item_code="PROC_DECISION_LATE")
    before = by_case[late.pk].score_points
    reviews.dispute_finding(actor=world.actor("sc_inspector"), finding=finding, reason="已口头批准延期")
    with pytest.raises(DomainError):
        reviews.publish_campaign(actor=world.actor("hz_regulator"), campaign=campaign)
    reviews.settle_dispute(
        actor=world.actor("hz_regulator"), finding=finding, outcome="withdrawn", record="法制讨论：撤销扣分"
    )
    by_case[late.pk].refresh_from_db()
    assert by_case[late.pk].score_points == before + finding.deducted_points
    reviews.publish_campaign(actor=world.actor("hz_regulator"), campaign=campaign)
    # A county body cannot run a campaign.
    with pytest.raises(DomainError):
        reviews.start_campaign(
            actor=world.actor("sc_inspector"), name="x", decided_from=days_ago(3), decided_to=days_ago(0)
        )


def test_city_audits_its_county_and_the_county_follows_up(world: World) -> None:
    row = reviews.start_audit(
        actor=world.actor("hz_regulator"),
        county=Region.objects.get(pk="330102"),
        findings="两起案件未经法制审核",
        follow_up_due_on=days_ago(-30),
    )
    reviews.record_follow_up(actor=world.actor("sc_inspector"), audit_row=row, follow_up="已补正并组织培训")
    assert row.status == "followed_up"
    with pytest.raises(DomainError):
        reviews.start_audit(
            actor=world.actor("hz_regulator"),
            county=Region.objects.get(pk="330203"),
            findings="x",
            follow_up_due_on=days_ago(-30),
        )


def test_a_new_benchmark_version_leaves_earlier_cases_on_theirs(world: World) -> None:
    old = _benchmark()
    code, start = start_inspection(world)
    case = open_case_from_act(world.actor("sc_inspector"), action_code=code, start=start, findings="超标")
    assert isinstance(case, Case)
    cases.approve_filing(actor=world.actor("hz_regulator"), case=case, filed_on=days_ago(10))
    cases.order_correction(actor=world.actor("sc_inspector"), case=case, deadline=days_ago(2))
    benchmarks.propose_for_case(actor=world.actor("sc_inspector"), case=case, circumstances=[])
    tiers = [dict(t, lower=str(t["lower"]), upper=str(t["upper"])) for t in old.tiers]
    tiers[1] = {**tiers[1], "lower": "0.4", "upper": "0.6"}
    with pytest.raises(DomainError):
        benchmarks.publish_benchmark(
            actor=world.actor("hz_regulator"), version="v2", effective_on=days_ago(0), tiers=tiers, source="x"
        )
    with pytest.raises(DomainError) as bad:
        benchmarks.publish_benchmark(
            actor=world.actor("prov_regulator"), version="v2", effective_on=days_ago(0), tiers=tiers[:3], source="x"
        )
    assert "tiers" in bad.value.fields
    benchmarks.publish_benchmark(
        actor=world.actor("prov_regulator"),
        version="zj-health-v2",
        effective_on=days_ago(0),
        tiers=tiers,
        source="试行",
    )
    assert _benchmark().version == "zj-health-v2"
    benchmarks.propose_for_case(actor=world.actor("sc_inspector"), case=case, circumstances=[])
    assert case.benchmark_id == old.pk and case.proposed_fine_yuan == Decimal(125000)
    newer = open_case_from_act(
        world.actor("sc_inspector"), action_code=start_inspection(world)[0], start=start, findings="超标"
    )
    assert isinstance(newer, Case)
    cases.approve_filing(actor=world.actor("hz_regulator"), case=newer, filed_on=days_ago(10))
    cases.order_correction(actor=world.actor("sc_inspector"), case=newer, deadline=days_ago(2))
    benchmarks.propose_for_case(actor=world.actor("sc_inspector"), case=newer, circumstances=[])
    assert newer.benchmark_version == "zj-health-v2" and newer.proposed_fine_yuan == Decimal(125000)
    assert (newer.tier_min_yuan, newer.tier_max_yuan) == (Decimal(110000), Decimal(140000))
