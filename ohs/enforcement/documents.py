"""The case's documents as Chinese PDFs, each with the action code and its QR (一码查询)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from ohs.core.pdf import PdfDocument, PdfSection
from ohs.enforcement.models import Case, CompulsoryMeasure
from ohs.enforcement.reference import violation_for

FILING_APPROVAL = "enforcement.filing_approval"
ADVANCE_NOTICE = "enforcement.advance_notice"
DECISION = "enforcement.decision"
SERVICE_RECEIPT = "enforcement.service_receipt"
COMMITMENT_LETTER = "enforcement.commitment_letter"
NO_PENALTY_DECISION = "enforcement.no_penalty_decision"
HEARING_NOTICE = "enforcement.hearing_notice"
PAYMENT_REMINDER = "enforcement.payment_reminder"
COURT_APPLICATION = "enforcement.court_application"
DOCUMENT_TITLES = {
    FILING_APPROVAL: "立案审批表",
    ADVANCE_NOTICE: "行政处罚事先告知书",
    DECISION: "行政处罚决定书",
    SERVICE_RECEIPT: "送达回执",
    COMMITMENT_LETTER: "初次轻微违法告知承诺书",
    NO_PENALTY_DECISION: "不予行政处罚决定书",
    HEARING_NOTICE: "听证通知书",
    PAYMENT_REMINDER: "催告书",
    COURT_APPLICATION: "强制执行申请书",
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


def _enforcement_sections(case: Case, kind: str) -> list[PdfSection] | None:
    """The hearing notice (行政处罚法第六十四条) and the documents of compulsory enforcement
    (行政强制法第五十四条、第五十五条)."""
    if kind == HEARING_NOTICE:
        when = [
            ["听证申请日期", f"{case.hearing_requested_on or '—'}"],
            ["举行听证时间", f"{case.hearing_on or '—'}"],
            ["举行听证地点", case.hearing_place or "—"],
        ]
        rights = (
            "本通知于举行听证七日前送达（行政处罚法第六十四条第二项）。听证由非本案调查人员主持；"
            "你单位可以亲自参加听证，也可以委托一至二人代理，认为主持人与本案有直接利害关系的有权申请回避。"
            "无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利。"
        )
        return [PdfSection("听证时间和地点", table=when), PdfSection("当事人权利", paragraphs=[rights])]
    measure = CompulsoryMeasure.objects.filter(case=case).first()  # fresh: the service just saved it
    if measure is None:
        return None
    decision = [
        ["行政处罚决定日期", f"{case.decided_on or '—'}"],
        ["罚款", _money(case.fine_yuan)],
        ["缴款期限", f"{case.payment_due_on or '—'}"],
    ]
    if kind == PAYMENT_REMINDER:
        text = (
            f"你单位未在期限内缴纳罚款。请于收到本催告书之日起十日内履行；逾期仍未履行的，"
            f"本机关将自 {measure.earliest_application_on} 起依法申请人民法院强制执行（行政强制法第五十四条）。"
            "你单位有权进行陈述和申辩。"
        )
        return [PdfSection("应履行的义务", table=decision), PdfSection("催告事项", paragraphs=[text])]
    if kind == COURT_APPLICATION:
        steps = [
            f"催告书送达日期：{measure.reminder_served_on}",
            f"申请日期：{measure.court_applied_on or '—'}；受理法院：{measure.court or '—'}",
            "当事人在法定期限内未申请行政复议或者提起行政诉讼，又不履行行政处罚决定，"
            "经催告仍未履行，依据行政强制法第五十三条、第五十五条申请人民法院强制执行。",
        ]
        return [PdfSection("执行标的", table=decision), PdfSection("申请事项", paragraphs=steps)]
    return None


def _sections(case: Case, kind: str) -> list[PdfSection]:
    facts = PdfSection("违法事实", paragraphs=[case.findings])
    basis = PdfSection("法律依据", paragraphs=[_article(case)])
    enforcement = _enforcement_sections(case, kind)
    if enforcement is not None:
        return [facts, *enforcement]
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
