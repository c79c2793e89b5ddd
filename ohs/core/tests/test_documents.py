"""Issued PDFs: Chinese text, a QR code to the public page, byte-exact verification, revisions."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ohs.core.actor import SYSTEM_ACTOR
from ohs.core.documents import Issue, issue_document, revise_document
from ohs.core.errors import DomainError
from ohs.core.models.documents import IssuedDocument
from ohs.core.models.outbox import OutboxEvent
from ohs.core.pdf import PdfDocument, PdfSection
from ohs.testing.personas import World


def _issue(world: World, title: str = "职业病危害项目申报回执") -> Issue:
    employer = world.employers["A"]
    regulator = world.user("sc_inspector").organisation
    assert regulator is not None
    doc = PdfDocument(
        title=title,
        issuer=regulator.name,
        facts=[("用人单位", employer.name), ("统一社会信用代码", employer.uscc)],
        sections=[PdfSection("申报内容", table=[["岗位", "危害因素", "接触人数"], ["焊接", "电焊烟尘", "12"]])],
    )
    return Issue(kind="test.receipt", subject=employer, issuer=regulator, document=doc)


def test_issued_pdf_reads_in_chinese_and_carries_its_code(world: World, tmp_path: Path) -> None:
    document = issue_document(actor=SYSTEM_ACTOR, issue=_issue(world))
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(document.file.read())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "职业病危害项目申报回执" in text and "电焊烟尘" in text and document.verification_code in text
    assert OutboxEvent.objects.filter(name="core.document.issued", payload__code=document.verification_code).exists()


def test_public_page_verifies_a_copy_and_rejects_a_changed_byte(world: World) -> None:
    document = issue_document(actor=SYSTEM_ACTOR, issue=_issue(world))
    original = document.file.read()
    client = Client()
    page = client.get(f"/verify/{document.verification_code}/").content.decode()
    assert document.sha256 in page and document.title in page
    same = client.post(f"/verify/{document.verification_code}/", {"copy": SimpleUploadedFile("a.pdf", original)})
    assert "identical" in same.content.decode() or "一致" in same.content.decode()
    tampered = bytearray(original)
    tampered[len(tampered) // 2] ^= 0x01
    changed = client.post(
        f"/verify/{document.verification_code}/", {"copy": SimpleUploadedFile("a.pdf", bytes(tampered))}
    )
    assert 'data-testid="copy-verdict"' in changed.content.decode() and "alert-danger" in changed.content.decode()


def test_unknown_code_is_404(db: None) -> None:
    assert Client().get("/verify/NOSUCHCODE/").status_code == 404


def test_revision_keeps_both_and_old_points_to_new(world: World) -> None:
    first = issue_document(actor=SYSTEM_ACTOR, issue=_issue(world))
    with pytest.raises(DomainError):
        revise_document(actor=SYSTEM_ACTOR, previous=first, reason=" ", issue=_issue(world))
    second = revise_document(actor=SYSTEM_ACTOR, previous=first, reason="接触人数更正", issue=_issue(world))
    assert second.revision == 2 and second.supersedes == first
    page = Client().get(f"/verify/{first.verification_code}/").content.decode()
    assert second.verification_code in page
    with pytest.raises(DomainError):
        revise_document(actor=SYSTEM_ACTOR, previous=first, reason="again", issue=_issue(world))
    assert IssuedDocument.objects.filter(subject_id=str(world.employers["A"].pk)).count() == 2


def test_qr_code_in_the_pdf_opens_the_verification_page(world: World, tmp_path: Path) -> None:
    document = issue_document(actor=SYSTEM_ACTOR, issue=_issue(world))
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(document.file.read())
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
    )
    (page,) = tmp_path.glob("page*.png")
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True, check=True).stdout
    assert decoded.strip().endswith(f"/verify/{document.verification_code}/")
