"""The declaration receipt (申报回执) as a document: facts, the declared hazards, the deadline."""

from __future__ import annotations

from django.utils import timezone

from ohs.core.pdf import PdfDocument, PdfSection
from ohs.orgs.models import Organisation
from ohs.registry.models import Declaration

RECEIPT_KIND = "registry.declaration_receipt"


def receipt_document(declaration: Declaration, issuer: Organisation) -> PdfDocument:
    employer = declaration.employer
    items = declaration.items.select_related("post__workplace", "agent").order_by("post__workplace__name", "post__name")
    table = [["车间", "岗位", "职业病危害因素", "接触人数"]]
    table += [[i.post.workplace.name, i.post.name, i.agent.name_zh, str(i.exposed_workers)] for i in items]
    timing = "逾期申报" if declaration.is_late else "按期申报"
    facts = [
        ("用人单位", employer.name),
        ("统一社会信用代码", employer.uscc),
        ("所在地区", employer.county.full_name),
        ("申报类型", declaration.get_kind_display()),
        ("申报原因", declaration.get_event_display()),
        ("应申报截止日期", f"{declaration.due_on:%Y-%m-%d}（{timing}）"),
        (
            "提交时间",
            timezone.localtime(declaration.submitted_at).strftime("%Y-%m-%d %H:%M")
            if declaration.submitted_at
            else "—",
        ),
        (
            "受理时间",
            timezone.localtime(declaration.decided_at).strftime("%Y-%m-%d %H:%M") if declaration.decided_at else "—",
        ),
        ("接触危害因素总人次", str(sum(i.exposed_workers for i in items))),
    ]
    return PdfDocument(
        title="职业病危害项目申报回执",
        issuer=issuer.name,
        facts=facts,
        sections=[PdfSection("申报内容", table=table, column_widths_mm=(35, 45, 60, 30))],
        notes=[f"申报期限依据：{declaration.due_basis}", "本回执由浙江省职业健康在线生成，内容以平台记录为准。"],
    )
