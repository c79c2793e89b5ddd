"""Inspection → enforcement, the issue-8 "done when" chain across the two apps: an inspection finds
a noise exceedance; the action code issued at its start is on the inspection record, the case
opened from the finding, the advance notice and the decision; the decision's QR opens the public
page at the right stage."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from django.test import Client
from django.utils import timezone

from ohs.core.actor import SYSTEM_ACTOR
from ohs.core.models.documents import IssuedDocument
from ohs.enforcement.documents import ADVANCE_NOTICE, DECISION
from ohs.enforcement.models import ActionCode, Case
from ohs.enforcement.rules.action_code import validate_action_code
from ohs.enforcement.services import benchmarks, cases, procedure
from ohs.inspection.choices import InspectionKind
from ohs.inspection.services import inspections
from ohs.orgs.models import User
from ohs.orgs.services import create_user
from ohs.testing.personas import World


def _officers(world: World) -> list[User]:
    lead = world.users["sc_inspector"]
    second = create_user(
        actor=SYSTEM_ACTOR,
        username="sc_partner",
        password="Persona#2026pw",
        role="inspector",
        organisation=lead.organisation,
        full_name="搭档 监督员",
    )
    User.objects.filter(pk=lead.pk).update(certificate_number="ZJ33010200017", full_name="主办 监督员")
    User.objects.filter(pk=second.pk).update(certificate_number="ZJ33010200018")
    return [User.objects.get(pk=lead.pk), User.objects.get(pk=second.pk)]


def _pdf(document: IssuedDocument, tmp_path: Path) -> Path:
    path = tmp_path / f"{document.verification_code}.pdf"
    with document.file.open("rb") as handle:
        path.write_bytes(handle.read())
    return path


def _text(document: IssuedDocument, tmp_path: Path) -> str:
    out = subprocess.run(["pdftotext", str(_pdf(document, tmp_path)), "-"], capture_output=True, text=True, check=True)
    return out.stdout.replace("\n", "")


def _qr_urls(document: IssuedDocument, tmp_path: Path) -> list[str]:
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(_pdf(document, tmp_path)), str(prefix)])
    image = next(tmp_path.glob("page*.png"))
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def _doc(case: Case, kind: str) -> IssuedDocument:
    return IssuedDocument.objects.get(subject_type="enforcement.case", subject_id=str(case.pk), kind=kind)


def test_noise_exceedance_inspection_runs_to_a_decision_under_one_code(world: World, tmp_path: Path) -> None:
    officers = _officers(world)
    officer = world.actor("sc_inspector")
    inspection = inspections.start_inspection(
        actor=officer,
        employer=world.employers["A"],
        kind=InspectionKind.TARGETED,
        items=["OH05"],
        officers=officers,
    )
    code = inspection.action_code
    assert code and validate_action_code(code).is_valid
    row = ActionCode.objects.get(code=code)
    assert row.kind == "inspection" and row.subject_type == "inspection.inspection"
    assert sorted(row.officers.values_list("username", flat=True)) == ["sc_inspector", "sc_partner"]
    # On the inspection record, as the inspector sees it.
    record = world.client("sc_inspector").get(f"/inspections/{inspection.pk}/").content.decode()
    assert code in record
    (finding,) = inspections.record_findings(
        actor=officer, inspection=inspection, findings={"OH05": (False, "冲压车间噪声 92 dB(A)，超过接触限值")}
    )
    inspections.complete_inspection(actor=officer, inspection=inspection, summary="噪声超标", signed_by="王经理")
    # The officer names the exceedance (Art.72(1)) rather than the item's default Art.72(4).
    ref = inspections.open_case(actor=officer, inspection=inspection, finding=finding, article="ODPL-72(1)")
    case = Case.objects.get(pk=int(ref))
    assert case.action_code.code == code and case.article == "ODPL-72(1)" and "92 dB(A)" in case.findings
    assert sorted(case.officers.values_list("username", flat=True)) == ["sc_inspector", "sc_partner"]
    # The enforcement procedure, under the same code.
    cases.approve_filing(
        actor=world.actor("hz_regulator"), case=case, filed_on=timezone.localdate() - dt.timedelta(days=20)
    )
    cases.add_evidence(
        actor=officer, case=case, kind="inspection_record", title="现场检查笔录", content="噪声 92 dB(A)"
    )
    cases.order_correction(actor=officer, case=case, deadline=timezone.localdate() - dt.timedelta(days=1))
    benchmarks.propose_for_case(actor=officer, case=case, circumstances=[])
    assert case.proposed_fine_yuan is not None  # the deadline passed unmet: a fine may be proposed
    procedure.serve_notice(actor=officer, case=case, fine_yuan=case.proposed_fine_yuan)
    notice = _text(_doc(case, ADVANCE_NOTICE), tmp_path)
    assert "行政处罚事先告知书" in notice and code in notice
    procedure.record_defence(actor=officer, case=case, defence="当事人放弃陈述申辩")
    # A fine of this size is a major case: the decision waits for the collective discussion.
    assert case.collective_required
    procedure.record_collective_discussion(actor=officer, case=case, record="负责人集体讨论，同意拟处罚意见")
    procedure.decide(actor=officer, case=case, decision_text="警告，罚款")
    decision = _doc(case, DECISION)
    assert code in _text(decision, tmp_path)
    public = [u for u in _qr_urls(decision, tmp_path) if "/enforcement/c/" in u]
    assert len(public) == 1 and public[0].endswith(f"/enforcement/c/{code}/")
    page = Client().get(re.sub(r"^https?://[^/]+", "", public[0])).content.decode()
    assert "处罚（已决定）" in page and "ZJ33010200017" in page and "ZJ33010200018" in page
    # The inspection record still shows the code and now points at the case.
    inspection.refresh_from_db()
    assert inspection.case_ref == str(case.pk)
