"""The done-when path: 丙 for an exceedance with overdue exams, rectified, approved, class drops."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ohs.core.errors import DomainError
from ohs.core.models.outbox import OutboxEvent
from ohs.risk import services
from ohs.risk.choices import RectificationStatus
from ohs.risk.models import Rectification, RiskProfile
from ohs.risk.queries import minor_violations_corrected_in_time
from ohs.risk.rules.profile import MeasurementResult
from ohs.risk.tests.fakes import FakeInputs
from ohs.testing.personas import World


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> FakeInputs:
    return FakeInputs(monkeypatch)


def _exceeding_employer(world: World, fakes: FakeInputs) -> int:
    employer = world.employers["A"]
    fakes.provide("detection", employer.pk, measurements=[MeasurementResult("苯", Decimal("1.6"), True)])
    fakes.provide("exams", employer.pk, exams_due_count=10, exams_done_count=6)
    services.record_self_inspection(
        actor=world.actor("mgr_a"), employer=employer, performed_on=timezone.localdate(), score=Decimal(95), problems={}
    )
    return employer.pk


def _evidence() -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile("复测报告.pdf", b"%PDF-1.4 re-test", content_type="application/pdf")]


def test_exceedance_and_overdue_exams_give_bing_with_both_reasons(world: World, fakes: FakeInputs) -> None:
    pk = _exceeding_employer(world, fakes)
    profile = RiskProfile.objects.get(employer_id=pk)
    assert (profile.risk_class, profile.grade, profile.management_grade) == ("丙", "Ⅲ", "B")
    codes = [s["code"] for s in profile.shortfalls]
    assert codes == ["exceedance", "exams_overdue"]
    assert "苯 检测结果为接触限值的 1.60 倍（超标）" in profile.shortfalls[0]["evidence"]
    assert "应检 10 人，已检 6 人" in profile.shortfalls[1]["evidence"]
    assert profile.scheme_id == "nhc-2022-pilot" and profile.rule_version and profile.config_version
    assert profile.inputs["exams_due_count"] == 10


def test_rectify_approve_releases_and_class_drops(world: World, fakes: FakeInputs) -> None:
    pk = _exceeding_employer(world, fakes)
    employer = world.employers["A"]
    regulator, manager = world.actor("sc_inspector"), world.actor("mgr_a")
    pushed = [
        services.push_rectification(actor=regulator, employer=employer, shortfall_code=code, working_days=10)
        for code in ("exceedance", "exams_overdue")
    ]
    assert all(r.deadline > timezone.localdate() for r in pushed)
    first = pushed[0]
    services.submit_rectification(actor=manager, rectification=first, actions_taken="加装局部排风", files=_evidence())
    services.return_rectification(actor=regulator, rectification=first, reason="缺少复测报告原件")
    first.refresh_from_db()
    assert first.status == RectificationStatus.RETURNED and first.return_reason == "缺少复测报告原件"
    for r in pushed:
        services.submit_rectification(actor=manager, rectification=r, actions_taken="已整改", files=_evidence())
        services.approve_rectification(actor=regulator, rectification=r)
    profile = RiskProfile.objects.get(employer_id=pk)
    assert profile.risk_class == "甲", profile.reasons
    assert profile.shortfalls == []
    assert {r["code"] for r in profile.released} == {"exceedance", "exams_overdue"}
    changes = OutboxEvent.objects.filter(name="risk.profile.class_changed", payload__employer=pk)
    assert changes.last() is not None and changes.last().payload["to"] == "甲"  # type: ignore[union-attr]


def test_a_new_result_after_release_shows_again(world: World, fakes: FakeInputs) -> None:
    pk = _exceeding_employer(world, fakes)
    employer, regulator = world.employers["A"], world.actor("sc_inspector")
    r = services.push_rectification(actor=regulator, employer=employer, shortfall_code="exceedance")
    services.submit_rectification(actor=world.actor("mgr_a"), rectification=r, actions_taken="x", files=_evidence())
    services.approve_rectification(actor=regulator, rectification=r)
    assert "exceedance" not in {s["code"] for s in RiskProfile.objects.get(employer_id=pk).shortfalls}
    fakes.provide("detection", pk, measurements=[MeasurementResult("苯", Decimal("1.9"), True)])
    services.classify_employers([pk])
    assert RiskProfile.objects.get(employer_id=pk).risk_class == "丙"


def test_push_refuses_unknown_or_duplicate_shortfall(world: World, fakes: FakeInputs) -> None:
    _exceeding_employer(world, fakes)
    employer, regulator = world.employers["A"], world.actor("sc_inspector")
    with pytest.raises(DomainError) as unknown:
        services.push_rectification(actor=regulator, employer=employer, shortfall_code="alerts_open")
    assert unknown.value.fields == {"shortfall_code": ["this shortfall is not on the current profile"]}
    services.push_rectification(actor=regulator, employer=employer, shortfall_code="exceedance")
    with pytest.raises(DomainError):
        services.push_rectification(actor=regulator, employer=employer, shortfall_code="exceedance")
    with pytest.raises(DomainError):
        services.push_rectification(actor=world.actor("mgr_a"), employer=employer, shortfall_code="exams_overdue")


def test_submit_needs_actions_and_evidence(world: World, fakes: FakeInputs) -> None:
    _exceeding_employer(world, fakes)
    r = services.push_rectification(
        actor=world.actor("sc_inspector"), employer=world.employers["A"], shortfall_code="exceedance"
    )
    with pytest.raises(DomainError) as no_file:
        services.submit_rectification(actor=world.actor("mgr_a"), rectification=r, actions_taken="done")
    assert "files" in no_file.value.fields
    r.refresh_from_db()
    assert r.status == RectificationStatus.PUSHED


def test_overdue_rectifications_escalate_once(world: World, fakes: FakeInputs) -> None:
    _exceeding_employer(world, fakes)
    r = services.push_rectification(
        actor=world.actor("sc_inspector"), employer=world.employers["A"], shortfall_code="exceedance", working_days=1
    )
    later = r.deadline + dt.timedelta(days=1)
    assert services.escalate_overdue(today=r.deadline) == 0
    assert services.escalate_overdue(today=later) == 1
    assert services.escalate_overdue(today=later) == 0
    assert Rectification.objects.get(pk=r.pk).escalated_at is not None
    assert OutboxEvent.objects.filter(name="risk.rectification.escalated", payload__id=r.pk).count() == 1


def test_minor_violation_corrected_in_time_is_recorded_and_emitted(world: World, fakes: FakeInputs) -> None:
    employer, today = world.employers["A"], timezone.localdate()
    services.record_self_inspection(
        actor=world.actor("mgr_a"),
        employer=employer,
        performed_on=today - dt.timedelta(days=5),
        score=Decimal(88),
        problems={
            "OH08": {"problem": "警示标识脱落", "is_minor": True, "correct_by": today, "corrected_on": today},
            "OH09": {"problem": "培训记录不全", "is_minor": True, "correct_by": today - dt.timedelta(days=3)},
        },
    )
    found = minor_violations_corrected_in_time(world.actor("sc_inspector"), employer.pk)
    assert [i.item_code for i in found] == ["OH08"]
    assert minor_violations_corrected_in_time(world.actor("hs_inspector"), employer.pk) == []
    events = OutboxEvent.objects.filter(name=services.MINOR_CORRECTED_IN_TIME, payload__employer=employer.pk)
    assert [(e.payload["item"], e.payload["article"], e.payload["minor"]) for e in events] == [
        ("OH08", "ODPL-72(8)", True)
    ]
    assert events[0].payload["found_on"] == (today - dt.timedelta(days=5)).isoformat()
    late = employer.self_inspections.get().items.get(item_code="OH09")
    services.correct_self_inspection_item(actor=world.actor("mgr_a"), item=late, corrected_on=today, correction="补齐")
    assert [i.item_code for i in minor_violations_corrected_in_time(world.actor("sc_inspector"), employer.pk)] == [
        "OH08"
    ]


def test_event_from_another_app_recomputes(world: World, fakes: FakeInputs) -> None:
    from ohs.risk.handlers import recompute_on_input_change

    pk = world.employers["B"].pk
    services.classify_employers([pk])
    fakes.provide("detection", pk, measurements=[MeasurementResult("噪声", Decimal("1.2"))])
    recompute_on_input_change("detection.result.recorded", {"employer": pk}, "k1")
    assert RiskProfile.objects.get(employer_id=pk).exposure_level == "exceedance"


def test_classify_all_in_batches_writes_every_employer(world: World, fakes: FakeInputs) -> None:
    assert sum(services.classify_all(batch_size=1)) == RiskProfile.objects.count() >= 2


def test_unknown_inputs_are_named_not_counted(world: World, fakes: FakeInputs) -> None:
    pk = world.employers["B"].pk
    services.classify_employers([pk])
    profile = RiskProfile.objects.get(employer_id=pk)
    assert "is_principal_trained" in profile.unknown_inputs
    assert "measurements" in profile.unknown_inputs  # no detection provider registered in this test
    assert "principal_untrained" not in {s["code"] for s in profile.shortfalls}
    # No training records exist on the platform: the snapshot says unknown, not "trained".
    assert profile.inputs["is_principal_trained"] is None and profile.inputs["managers_trained_count"] is None
    page = world.client("hs_inspector").get(f"/risk/employers/{pk}/").content.decode()
    assert 'data-name="is_principal_trained">主要负责人职业卫生培训：未知<' in page


def test_two_shortfalls_of_one_code_are_pushed_one_by_one(world: World, fakes: FakeInputs) -> None:
    pk = world.employers["A"].pk
    fakes.provide(
        "detection",
        pk,
        measurements=[MeasurementResult("苯", Decimal("1.6"), True), MeasurementResult("噪声", Decimal("1.2"))],
    )
    services.classify_employers([pk])
    regulator, employer = world.actor("sc_inspector"), world.employers["A"]
    first = services.push_rectification(actor=regulator, employer=employer, shortfall_code="exceedance")
    second = services.push_rectification(actor=regulator, employer=employer, shortfall_code="exceedance")
    assert {first.subject, second.subject} == {"苯", "噪声"}
    with pytest.raises(DomainError):
        services.push_rectification(actor=regulator, employer=employer, shortfall_code="exceedance")
