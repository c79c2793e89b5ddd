"""The issue's "done when" path: an inspection's code is carried by the case, the advance notice
and the decision; the fine waits for the correction deadline; the decision's QR opens the public
page with the right stage; hard stops of the procedure."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from ohs.core.errors import DomainError
from ohs.core.models.documents import IssuedDocument
from ohs.core.models.outbox import OutboxEvent
from ohs.core.supervision import open_case_from_act
from ohs.enforcement.documents import ADVANCE_NOTICE, DECISION
from ohs.enforcement.models import ActionCode, Case
from ohs.enforcement.rules.action_code import validate_action_code
from ohs.enforcement.services import benchmarks, cases, execution, procedure
from ohs.enforcement.tests.conftest import days_ago, start_inspection
from ohs.testing.personas import World


def _pdf_path(document: IssuedDocument, tmp_path: Path) -> Path:
    path = tmp_path / f"{document.verification_code}.pdf"
    with document.file.open("rb") as handle:
        path.write_bytes(handle.read())
    return path


def _pdf_text(document: IssuedDocument, tmp_path: Path) -> str:
    path = _pdf_path(document, tmp_path)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _qr_urls(document: IssuedDocument, tmp_path: Path) -> list[str]:
    path = _pdf_path(document, tmp_path)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    image = next(tmp_path.glob("page*.png"))
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def _doc(case: Case, kind: str) -> IssuedDocument:
    return IssuedDocument.objects.get(subject_type="enforcement.case", subject_id=str(case.pk), kind=kind)


def _filed_case(world: World, filed_days_ago: int = 20) -> tuple[str, Case]:
    code, start = start_inspection(world)
    case = open_case_from_act(world.actor("sc_inspector"), action_code=code, start=start, findings="噪声 92 dB(A) 超标")
    assert isinstance(case, Case)
    cases.approve_filing(actor=world.actor("hz_regulator"), case=case, filed_on=days_ago(filed_days_ago))
    officer = world.actor("sc_inspector")
    cases.add_evidence(
        actor=officer, case=case, kind="inspection_record", title="现场检查笔录", content="噪声 92 dB(A)"
    )
    return code, case


def test_code_from_inspection_start_runs_to_the_decision_and_its_qr(officers: World, tmp_path: Path) -> None:
    world = officers
    code, case = _filed_case(world)
    assert validate_action_code(code).is_valid
    row = ActionCode.objects.get(code=code)
    assert row.kind == "inspection" and row.subject_type == "registry.employer" and row.county_id == "330102"
    assert list(row.officers.values_list("username", flat=True)) == ["sc_inspector"]
    assert case.action_code_id == row.pk
    officer = world.actor("sc_inspector")
    # Art.72: the fine waits for the correction deadline.
    cases.order_correction(actor=officer, case=case, deadline=timezone.localdate() + dt.timedelta(days=10))
    benchmarks.propose_for_case(actor=officer, case=case, circumstances=[])
    assert case.proposed_fine_yuan is None  # not uncorrected yet: warning and order to correct
    with pytest.raises(DomainError) as refused:
        procedure.serve_notice(actor=officer, case=case, fine_yuan=Decimal(80000), departure_reason="逾期")
    assert "fine_yuan" in refused.value.fields and "尚未届满" in refused.value.message
    # The deadline passes unmet: now the benchmark proposes a fine and it may be noticed.
    cases.order_correction(actor=officer, case=case, deadline=days_ago(2))
    benchmarks.propose_for_case(actor=officer, case=case, circumstances=[])
    assert case.proposed_tier == "一般" and case.proposed_fine_yuan == Decimal(125000)
    assert case.benchmark_version.startswith("zj-health-2024-11-30")
    procedure.serve_notice(actor=officer, case=case, fine_yuan=case.proposed_fine_yuan)
    notice = _pdf_text(_doc(case, ADVANCE_NOTICE), tmp_path)
    assert "行政处罚事先告知书" in notice and code in notice.replace("\n", "")
    # No decision before the defence is heard (the hearing period is still open).
    with pytest.raises(DomainError) as early:
        procedure.decide(actor=officer, case=case, decision_text="警告并罚款")
    assert "defence" in early.value.fields
    with pytest.raises(DomainError) as heavier:
        procedure.record_defence(actor=officer, case=case, defence="已整改", revised_fine_yuan=Decimal(150000))
    assert "不得因陈述申辩加重处罚" in heavier.value.message
    procedure.record_defence(
        actor=officer, case=case, defence="已开始整改，请求从轻", revised_fine_yuan=Decimal(100000)
    )
    # A fine of this size makes the case major (Art.57, 63): the heads decide it collectively.
    assert case.collective_required and "较大数额罚款" in case.collective_reasons
    with pytest.raises(DomainError) as major:
        procedure.decide(actor=officer, case=case, decision_text="警告，罚款十万元")
    assert list(major.value.fields) == ["collective_on"] and "第五十七条" in major.value.message
    procedure.record_collective_discussion(
        actor=world.actor("hz_regulator"), case=case, record="负责人集体讨论：同意罚款十万元"
    )
    procedure.decide(actor=officer, case=case, decision_text="警告，罚款十万元")
    assert case.status == "decided" and case.fine_yuan == Decimal(100000)
    decision = _doc(case, DECISION)
    assert code in _pdf_text(decision, tmp_path).replace("\n", "")
    public = [u for u in _qr_urls(decision, tmp_path) if "/enforcement/c/" in u]
    assert len(public) == 1 and public[0].endswith(f"/enforcement/c/{code}/")
    page = Client().get(re.sub(r"^https?://[^/]+", "", public[0])).content.decode()
    assert "处罚（已决定）" in page and "ZJ33010200017" in page and "罚款 100000" in page
    assert world.users["mgr_a"].username not in page  # nothing else: no manager, no file
    assert OutboxEvent.objects.filter(name="enforcement.case.decided").exists()


def test_payment_after_the_period_adds_the_capped_surcharge(officers: World) -> None:
    world = officers
    _code, case = _filed_case(world)
    officer = world.actor("sc_inspector")
    cases.order_correction(actor=officer, case=case, deadline=days_ago(15))
    benchmarks.propose_for_case(actor=officer, case=case, circumstances=[])
    procedure.serve_notice(actor=officer, case=case, fine_yuan=case.proposed_fine_yuan, served_on=days_ago(14))
    procedure.record_defence(actor=officer, case=case, defence="当事人放弃陈述申辩", heard_on=days_ago(13))
    procedure.record_collective_discussion(actor=officer, case=case, record="集体讨论", held_on=days_ago(13))
    procedure.decide(actor=officer, case=case, decision_text="警告，罚款", decided_on=days_ago(12))
    execution.serve_decision(actor=officer, case=case, served_on=days_ago(12))
    assert case.payment_due_on is not None
    late_by = (timezone.localdate() - case.payment_due_on).days
    execution.record_payment(actor=officer, case=case)
    fine = case.fine_yuan or Decimal(0)
    expected = min(fine * Decimal("0.03") * max(late_by, 0), fine)
    assert case.surcharge_yuan == expected.quantize(Decimal("0.01"))
    execution.close_case(actor=officer, case=case)
    assert ActionCode.objects.get(pk=case.action_code_id).stage == "结案"


def test_legal_review_is_a_hard_stop_after_a_departure(officers: World) -> None:
    world = officers
    _code, case = _filed_case(world)
    officer = world.actor("sc_inspector")
    cases.order_correction(actor=officer, case=case, deadline=days_ago(12))
    benchmarks.propose_for_case(actor=officer, case=case, circumstances=[])
    with pytest.raises(DomainError) as no_reason:
        procedure.serve_notice(actor=officer, case=case, fine_yuan=Decimal(60000))
    assert "书面说明理由" in no_reason.value.message
    procedure.serve_notice(
        actor=officer,
        case=case,
        fine_yuan=Decimal(60000),
        departure_reason="企业规模小，已主动整改",
        served_on=days_ago(10),
    )
    assert case.legal_review_required
    procedure.record_defence(actor=officer, case=case, defence="无异议", heard_on=days_ago(9))
    with pytest.raises(DomainError) as stop:
        procedure.decide(actor=officer, case=case, decision_text="罚款六万元")
    assert "legal_review_on" in stop.value.fields
    procedure.record_legal_review(actor=world.actor("hz_regulator"), case=case, opinion="偏离理由充分，同意")
    procedure.record_collective_discussion(actor=world.actor("hz_regulator"), case=case, record="集体讨论：同意")
    procedure.decide(actor=officer, case=case, decision_text="罚款六万元")
    assert case.status == "decided"


def test_hearing_request_after_five_working_days_is_refused(officers: World) -> None:
    world = officers
    _code, case = _filed_case(world, filed_days_ago=40)
    officer = world.actor("sc_inspector")
    cases.order_correction(actor=officer, case=case, deadline=days_ago(30))
    benchmarks.propose_for_case(actor=officer, case=case, circumstances=[])
    procedure.serve_notice(actor=officer, case=case, fine_yuan=case.proposed_fine_yuan, served_on=days_ago(25))
    with pytest.raises(DomainError) as late:
        procedure.request_hearing(actor=officer, case=case)
    assert "requested_on" in late.value.fields


def test_only_the_head_approves_the_filing(officers: World) -> None:
    world = officers
    code, start = start_inspection(world)
    case = open_case_from_act(world.actor("sc_inspector"), action_code=code, start=start, findings="x")
    with pytest.raises(DomainError):
        cases.approve_filing(actor=world.actor("sc_inspector"), case=case)  # type: ignore[arg-type]


def _served_case(world: World, served_days_ago: int) -> Case:
    _code, case = _filed_case(world, filed_days_ago=served_days_ago + 40)
    officer = world.actor("sc_inspector")
    cases.order_correction(actor=officer, case=case, deadline=days_ago(served_days_ago + 30))
    benchmarks.propose_for_case(actor=officer, case=case, circumstances=[])
    notice_on = days_ago(served_days_ago + 20)
    procedure.serve_notice(actor=officer, case=case, fine_yuan=case.proposed_fine_yuan, served_on=notice_on)
    procedure.record_defence(actor=officer, case=case, defence="无异议", heard_on=notice_on)
    procedure.record_collective_discussion(
        actor=officer, case=case, record="集体讨论", held_on=days_ago(served_days_ago)
    )
    procedure.decide(actor=officer, case=case, decision_text="罚款", decided_on=days_ago(served_days_ago))
    execution.serve_decision(actor=officer, case=case, served_on=days_ago(served_days_ago))
    return case


def test_compulsory_enforcement_waits_for_the_periods(officers: World) -> None:
    world = officers
    officer = world.actor("sc_inspector")
    recent = _served_case(world, served_days_ago=3)
    with pytest.raises(DomainError) as early:
        execution.start_enforcement(actor=officer, case=recent)
    assert "reminder_served_on" in early.value.fields
    overdue = _served_case(world, served_days_ago=30)
    measure = execution.start_enforcement(actor=officer, case=overdue)
    with pytest.raises(DomainError) as too_soon:
        execution.apply_to_court(actor=officer, case=overdue, court="杭州市上城区人民法院")
    assert "十个工作日" in too_soon.value.message
    assert measure.earliest_application_on > timezone.localdate()
    assert ActionCode.objects.get(pk=overdue.action_code_id).stage.startswith("强制")


def test_reconsideration_then_litigation_with_their_periods_and_outcomes(officers: World) -> None:
    world = officers
    officer = world.actor("sc_inspector")
    case = _served_case(world, served_days_ago=20)
    remedy = execution.file_remedy(actor=officer, case=case, kind="reconsideration", body="杭州市上城区人民政府")
    assert remedy.filing_due_on >= days_ago(20) + dt.timedelta(days=60)
    execution.record_remedy_outcome(actor=officer, remedy=remedy, outcome="upheld", note="维持原处罚决定")
    litigation = execution.file_remedy(actor=officer, case=case, kind="litigation", body="杭州市上城区人民法院")
    assert litigation.filing_due_on >= timezone.localdate() + dt.timedelta(days=15)
    assert "诉讼" in ActionCode.objects.get(pk=case.action_code_id).stage
    late = _served_case(world, served_days_ago=70)
    with pytest.raises(DomainError) as refused:
        execution.file_remedy(actor=officer, case=late, kind="reconsideration", body="x")
    assert "filed_on" in refused.value.fields
