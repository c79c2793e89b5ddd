"""The issued report: Chinese text with the results, a QR that opens the verification page, and
a copy with one changed byte that fails the check."""

from __future__ import annotations

import subprocess
from pathlib import Path

from django.test import Client

from ohs.core.documents import check_copy, current_document_for
from ohs.detection.report import REPORT_KIND
from ohs.detection.tests import helpers
from ohs.testing.personas import World


def test_report_reads_in_chinese_and_its_qr_verifies(world: World, tmp_path: Path) -> None:
    helpers.declared_site(world)
    project = helpers.issued(world)
    document = current_document_for(project, REPORT_KIND)
    assert document is not None
    content = document.file.open("rb").read()
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("工作场所职业病危害因素检测报告", "企业A", "电焊工", "苯", "超标", "GBZ 2.1-2019", "结论", "建议"):
        assert expected in text, expected
    assert "EN 689" in text  # three benzene results: the preliminary test is reported
    assert "授权签字人" in text and "王签字" in text and helpers.CERTIFICATE in text  # who signed, on what basis
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "p")], check=True)
    last_page = sorted(tmp_path.glob("p*.png"))[-1]  # the QR closes the report
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(last_page)], capture_output=True, text=True, check=True
    ).stdout
    assert f"/verify/{document.verification_code}/" in decoded
    public = Client().get(f"/verify/{document.verification_code}/").content.decode()
    assert "工作场所职业病危害因素检测报告" in public and document.sha256 in public
    changed = bytearray(content)
    changed[len(changed) // 2] ^= 0x01
    assert check_copy(document, content).matches and not check_copy(document, bytes(changed)).matches
