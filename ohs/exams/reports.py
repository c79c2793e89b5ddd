"""The exam institution's written report to the employer (职业健康检查结果书面报告) as a document."""

from __future__ import annotations

from collections.abc import Sequence

from ohs.core.pdf import PdfDocument, PdfSection
from ohs.exams.models import Booking, ExamResult
from ohs.exams.rules.conclusions import Conclusion, ReportingLimit

REPORT_KIND = "exams.employer_report"


def report_document(booking: Booking, results: Sequence[ExamResult], limit: ReportingLimit) -> PdfDocument:
    employer = booking.employer
    counts = {c: sum(1 for r in results if r.conclusion == c) for c in Conclusion}
    table = [["姓名", "检查日期", "接触危害因素", "结论", "处理意见"]]
    table += [
        [r.worker.name, f"{r.examined_on:%Y-%m-%d}", "、".join(r.hazards), r.get_conclusion_display(), r.advice]
        for r in results
    ]
    attention = [
        f"{r.worker.name}：{r.get_conclusion_display()}"
        + (f"（疑似{r.suspected_disease}）" if r.suspected_disease else "")
        + f"。{r.advice}"
        for r in results
        if r.conclusion in (Conclusion.SUSPECTED_DISEASE, Conclusion.CONTRAINDICATION, Conclusion.RECHECK)
    ]
    facts = [
        ("用人单位", employer.name),
        ("统一社会信用代码", employer.uscc),
        ("体检机构", str(booking.institution)),
        ("体检地点", booking.site.name),
        ("体检类别", booking.get_exam_category_display()),
        ("预约日期", f"{booking.exam_on:%Y-%m-%d}"),
        ("受检人数", str(len(results))),
        ("结论汇总", "；".join(f"{c.label_zh}{n}人" for c, n in counts.items() if n)),
        ("依据标准", "、".join(sorted({r.edition for r in results}))),
    ]
    sections = [PdfSection("个体结论", table=table, column_widths_mm=(22, 24, 40, 26, 58))]
    if attention:
        sections.append(PdfSection("需要用人单位处理的事项", paragraphs=attention))
    return PdfDocument(
        title="职业健康检查结果书面报告",
        issuer=str(booking.institution),
        facts=facts,
        sections=sections,
        notes=[
            "疑似职业病：用人单位应及时安排劳动者进行职业病诊断；职业禁忌证：应调离所禁忌的作业岗位。",
            f"报告时限：检查结束后{limit.days}个工作日（{limit.source}）。",
            "本报告由浙江省职业健康在线生成，内容以平台记录为准。",
        ],
    )
