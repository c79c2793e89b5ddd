"""Records the case-file review requires: the collegial discussion (合议记录) of the case
handlers, recorded through the service, the page and the API, counts as the file's document."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ohs.core.errors import DomainError
from ohs.core.models.outbox import OutboxEvent
from ohs.core.supervision import open_case_from_act
from ohs.enforcement.calendar import limit_calendar
from ohs.enforcement.models import Case
from ohs.enforcement.rules.case_review import CaseDocument, precheck_case
from ohs.enforcement.services import benchmarks, cases, procedure, reviews
from ohs.enforcement.services._common import today
from ohs.enforcement.tests.conftest import days_ago, start_inspection
from ohs.testing.personas import World


def _filed_case(world: World) -> Case:
    code, start = start_inspection(world)
    case = open_case_from_act(world.actor("sc_inspector"), action_code=code, start=start, findings="噪声超标")
    assert isinstance(case, Case)
    cases.approve_filing(actor=world.actor("hz_regulator"), case=case, filed_on=days_ago(10))
    return case


def _missing_documents(case: Case) -> set[str]:
    result = precheck_case(reviews.case_summary(case), limit_calendar(), today())
    return {f.evidence for f in result.findings if f.item_code == "DOC_MISSING"}


def test_collegial_record_is_not_deducted_once_recorded(officers: World) -> None:
    world = officers
    without, with_record = _filed_case(world), _filed_case(world)
    procedure.record_collegial_discussion(
        actor=world.actor("sc_inspector"), case=with_record, record="合议：事实清楚，拟罚款", held_on=days_ago(2)
    )
    assert f"缺少{CaseDocument.COLLEGIAL_RECORD}" in _missing_documents(without)
    assert f"缺少{CaseDocument.COLLEGIAL_RECORD}" not in _missing_documents(with_record)
    with_record.refresh_from_db()
    assert with_record.collegial_on == days_ago(2) and with_record.collegial_record.startswith("合议")
    assert OutboxEvent.objects.filter(name="enforcement.case.collegially_discussed").exists()


def test_collegial_record_needs_its_text_and_a_filed_case(officers: World) -> None:
    world = officers
    case = _filed_case(world)
    with pytest.raises(DomainError) as empty:
        procedure.record_collegial_discussion(actor=world.actor("sc_inspector"), case=case, record="  ")
    assert "record" in empty.value.fields
    code, start = start_inspection(world)
    proposed = open_case_from_act(world.actor("sc_inspector"), action_code=code, start=start, findings="未立案")
    assert isinstance(proposed, Case)
    with pytest.raises(DomainError) as unfiled:
        procedure.record_collegial_discussion(actor=world.actor("sc_inspector"), case=proposed, record="合议")
    assert "status" in unfiled.value.fields


def test_collegial_record_on_the_page_and_through_the_api(officers: World) -> None:
    world = officers
    on_page, by_api = _filed_case(world), _filed_case(world)
    client = world.client("sc_inspector")
    page = client.get(f"/enforcement/cases/{on_page.pk}/").content.decode()
    assert 'data-step="collegial"' in page
    client.post(f"/enforcement/cases/{on_page.pk}/step/collegial/", {"collegial-record": "合议：同意立案调查结论"})
    shown = client.get(f"/enforcement/cases/{on_page.pk}/").content.decode()
    assert 'data-testid="collegial"' in shown and "合议：同意立案调查结论" in shown
    response = client.post(
        f"/api/v1/enforcement/cases/{by_api.pk}/steps/collegial",
        {"data": {"record": "合议：事实清楚"}},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["collegial_on"] == str(today())
    refused = world.client("hs_inspector").post(
        f"/api/v1/enforcement/cases/{by_api.pk}/steps/collegial",
        {"data": {"record": "他区合议"}},
        content_type="application/json",
    )
    assert refused.status_code == 404


def _noticed_case(world: World, fine: Decimal | None, departure_reason: str = "") -> Case:
    case = _filed_case(world)
    officer = world.actor("sc_inspector")
    cases.add_evidence(actor=officer, case=case, kind="inspection_record", title="现场检查笔录", content="92 dB(A)")
    cases.order_correction(actor=officer, case=case, deadline=days_ago(9))
    benchmarks.propose_for_case(actor=officer, case=case, circumstances=[])
    procedure.serve_notice(
        actor=officer, case=case, fine_yuan=fine, departure_reason=departure_reason, served_on=days_ago(8)
    )
    procedure.record_defence(actor=officer, case=case, defence="无异议", heard_on=days_ago(7))
    return case


def test_a_large_fine_makes_the_case_major_and_stops_the_decision_until_discussed(officers: World) -> None:
    world = officers
    case = _noticed_case(world, Decimal(125000))
    assert case.collective_required and "较大数额罚款" in case.collective_reasons
    page = world.client("sc_inspector").get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert 'data-testid="collective"' in page and "较大数额罚款" in page
    with pytest.raises(DomainError) as stop:
        procedure.decide(actor=world.actor("sc_inspector"), case=case, decision_text="罚款")
    assert list(stop.value.fields) == ["collective_on"]
    missing = precheck_case(reviews.case_summary(case), limit_calendar(), today())
    assert "PROC_NO_COLLECTIVE_DISCUSSION" in {f.item_code for f in missing.findings}
    procedure.record_collective_discussion(actor=world.actor("hz_regulator"), case=case, record="集体讨论：同意")
    procedure.decide(actor=world.actor("sc_inspector"), case=case, decision_text="罚款")
    assert case.status == "decided"
    done = precheck_case(reviews.case_summary(case), limit_calendar(), today())
    assert "PROC_NO_COLLECTIVE_DISCUSSION" not in {f.item_code for f in done.findings}


def test_a_warning_without_fine_is_decided_without_collective_discussion(officers: World) -> None:
    world = officers
    case = _filed_case(world)
    officer = world.actor("sc_inspector")
    cases.add_evidence(actor=officer, case=case, kind="inquiry_record", title="询问笔录", content="已整改")
    cases.order_correction(actor=officer, case=case, deadline=days_ago(5))
    cases.record_correction(actor=officer, case=case, corrected_on=days_ago(6))
    benchmarks.propose_for_case(actor=officer, case=case, circumstances=[])
    procedure.serve_notice(actor=officer, case=case, fine_yuan=None, served_on=days_ago(4))
    procedure.record_defence(actor=officer, case=case, defence="无异议", heard_on=days_ago(3))
    assert not case.collective_required and case.collective_reasons == ""
    procedure.decide(actor=officer, case=case, decision_text="警告")
    assert case.status == "decided" and case.fine_yuan is None


def test_service_errors_reach_the_api_in_chinese(officers: World) -> None:
    world = officers
    case = _filed_case(world)
    url = f"/api/v1/enforcement/cases/{case.pk}/steps/notice"
    body = world.client("sc_inspector").post(url, {"data": {}}, content_type="application/json").json()
    assert body["message"] == "请先记录现场检查笔录或询问笔录" and body["fields"]["evidence"] == [body["message"]]
    with pytest.raises(DomainError) as empty:
        procedure.record_collegial_discussion(actor=world.actor("sc_inspector"), case=case, record="")
    assert empty.value.message == "合议记录不能为空"
