"""The case's documents as Chinese PDFs, each with the action code and its QR (一码查询)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from ohs.core.pdf import PdfDocument, PdfSection
from ohs.enforcement.models import Case
from ohs.enforcement.reference import violation_for

FILING_APPROVAL = "enforcement.filing_approval"
ADVANCE_NOTICE = "enforcement.advance_notice"
DECISION = "enforcement.decision"
SERVICE_RECEIPT = "enforcement.service_receipt"
COMMITMENT_LETTER = "enforcement.commitment_letter"
NO_PENALTY_DECISION = "enforcement.no_penalty_decision"
DOCUMENT_TITLES = {
    FILING_APPROVAL: "立案审批表",
    ADVANCE_NOTICE: "行政处罚事先告知书",
    DECISION: "行政处罚决定书",
    SERVICE_RECEIPT: "送达回执",
    COMMITMENT_LETTER: "初次轻微违法告知承诺书",
    NO_PENALTY_DECISION: "不予行政处罚决定书",
}


def code_url(code: str) -> str:
    """The public page a scan of the action code opens (no login)."""
    return settings.OHS_PUBLIC_BASE_URL + reverse("enforcement:public_code", args=[code])


def _money(value: object) -> str:
    return f"{value} 元" if value is not None else "—"


def _facts(case: Case) -> list[tuple[str, str]]:
    officers = "、".join(
        f"{o.full_name or o.username}（执法证号 {o.certificate_number or '未登记'}）" for o in case.officers.all()
    )
    return [
        ("行政行为码", case.action_code.code),
        ("案号", case.ref),
        ("当事人", case.employer.name),
        ("统一社会信用代码", case.employer.uscc),
        ("执法人员", officers or "—"),
        ("立案日期", f"{case.filed_on:%Y-%m-%d}" if case.filed_on else "—"),
    ]


def _article(case: Case) -> str:
    if not case.article:
        return "—"
    return f"《中华人民共和国职业病防治法》{case.article}：{violation_for(case.article).summary_zh}"


def _sections(case: Case, kind: str) -> list[PdfSection]:
    facts = PdfSection("违法事实", paragraphs=[case.findings])
    basis = PdfSection("法律依据", paragraphs=[_article(case)])
    if kind == FILING_APPROVAL:
        return [facts, PdfSection("审批意见", paragraphs=[f"同意立案。审批人：{case.filing_approved_by}"])]
    if kind == ADVANCE_NOTICE:
        rights = "你单位有权进行陈述和申辩。"
        if case.hearing_request_due_on:
            rights += f"你单位有权要求举行听证，应于 {case.hearing_request_due_on:%Y-%m-%d} 前（五个工作日内）提出。"
        return [
            facts,
            basis,
            PdfSection("拟作出的行政处罚", paragraphs=[f"警告；罚款 {_money(case.noticed_fine_yuan)}"]),
            PdfSection("裁量理由", paragraphs=case.proposal_reasons.splitlines()),
            PdfSection("当事人权利", paragraphs=[rights]),
        ]
    if kind == DECISION:
        payment = (
            "罚款应自收到本决定书之日起十五日内缴纳；逾期每日按罚款数额的百分之三加处罚款，加处罚款不超过罚款数额。"
        )
        remedy = "如不服本决定，可在六十日内申请行政复议，或在六个月内提起行政诉讼。"
        return [
            facts,
            basis,
            PdfSection("处罚决定", paragraphs=[case.decision_text, f"罚款：{_money(case.fine_yuan)}"]),
            PdfSection("履行方式和期限", paragraphs=[payment]),
            PdfSection("救济途径", paragraphs=[remedy]),
        ]
    if kind == SERVICE_RECEIPT:
        return [
            PdfSection(
                "送达事项",
                table=[
                    ["送达文书", "送达日期", "缴款期限"],
                    ["行政处罚决定书", f"{case.served_on}", f"{case.payment_due_on or '—'}"],
                ],
            )
        ]
    if kind == COMMITMENT_LETTER:
        return [
            facts,
            basis,
            PdfSection("适用依据", paragraphs=case.no_penalty_basis.splitlines()),
            PdfSection(
                "承诺事项",
                paragraphs=[
                    "本单位承诺：已改正上述违法行为，今后严格遵守职业病防治法律法规，如违反承诺愿承担相应法律责任。"
                ],
            ),
        ]
    return [
        facts,
        basis,
        PdfSection(
            "决定",
            paragraphs=[
                "依据《中华人民共和国行政处罚法》第三十三条，决定不予行政处罚。",
                *case.no_penalty_basis.splitlines(),
            ],
        ),
        PdfSection(
            "告知承诺", paragraphs=[f"当事人 {case.commitment_signed_by} 于 {case.commitment_signed_on} 签署告知承诺书"]
        ),
        PdfSection("教育记录", paragraphs=[case.education_record]),
    ]


def build_document(case: Case, kind: str) -> PdfDocument:
    return PdfDocument(
        title=DOCUMENT_TITLES[kind],
        issuer=case.body.name,
        facts=_facts(case),
        sections=_sections(case, kind),
        notes=["扫描上方二维码可查询本行政行为的执法主体、执法人员、依据、所处环节和结果。"],
        extra_qr=("行政行为码 " + case.action_code.code, code_url(case.action_code.code)),
    )
