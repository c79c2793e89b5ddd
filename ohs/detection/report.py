"""The measurement report (检测报告) as a document, generated from the project's stored data:
facts, posts, the sampling table, judged results with limit and edition, EN 689 statistics
where enough results exist, conclusions and recommendations."""

from __future__ import annotations

from django.utils import timezone

from ohs.core.pdf import PdfDocument, PdfSection
from ohs.detection.choices import JudgementEdition
from ohs.detection.evaluation import evaluate_project
from ohs.detection.models import Finding, Project, Sample
from ohs.detection.rules.conclusions import FindingFact, build_conclusions
from ohs.detection.rules.labels import metric_zh

REPORT_KIND = "detection.report"
OUTCOMES_ZH = {"compliance": "符合", "non-compliance": "不符合", "inconclusive": "不能判定"}
# What the chosen edition changes: the short-term rule of agents with a PC-TWA only.
EDITION_RULE_ZH: dict[str, str] = {
    JudgementEdition.GBZ_2_1_2019: "GBZ 2.1-2019（仅有 PC-TWA 的物质按峰接触浓度规则判定）",
    JudgementEdition.GBZ_2_1_2007: "GBZ 2.1-2007（仅有 PC-TWA 的物质按超限倍数判定，用于按原版本重新出具报告）",
}
KIND_ZH = {"twa": "长时间", "short": "短时间", "dust_total": "总粉尘", "dust_respirable": "呼尘", "noise": "噪声"}


def _time(value: object) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "—"  # type: ignore[arg-type]


def _facts(project: Project) -> list[tuple[str, str]]:
    employer = project.employer
    return [
        ("项目编号", project.code),
        ("委托单位（用人单位）", employer.name),
        ("统一社会信用代码", employer.uscc),
        ("所在地区", employer.county.full_name),
        ("检测机构", project.institution.name),
        ("合同编号 / 签订日期", f"{project.contract_number} / {project.contract_signed_on:%Y-%m-%d}"),
        ("检测类别", project.get_purpose_display()),
        ("现场调查", _time(project.surveyed_at)),
        ("现场采样", f"{_time(project.sampling_started_at)} 至 {_time(project.sampling_finished_at)}"),
        ("评价依据", f"{project.edition}、GBZ 2.2-2007（危害因素目录版本 v{project.catalogue_version}）"),
        ("判定所用 GBZ 2.1 版本", EDITION_RULE_ZH.get(project.edition, project.edition)),
        ("技术审核", f"{project.reviewed_by_label} {_time(project.reviewed_at)}"),
        *_signatory(project),
        ("签发日期", _time(project.issued_at or timezone.now())),
    ]


def _signatory(project: Project) -> list[tuple[str, str]]:
    """Who signed, as registered: name, the basis of the authorisation and its certificate number."""
    signatory = project.approved_signatory
    if signatory is None:  # approved before the register existed: the login that approved
        return [("授权签字人批准", f"{project.approved_by_label} {_time(project.approved_at)}")]
    return [
        ("授权签字人", f"{signatory.name}（{signatory.basis}，证书编号 {signatory.certificate_number}）"),
        ("批准时间", _time(project.approved_at)),
    ]


def _posts(project: Project) -> PdfSection:
    rows = [["车间", "岗位", "接触人数", "工时(h/d, d/w)", "工作班制", "防护设施与个体防护"]]
    for sp in project.survey_posts.select_related("post__workplace").order_by("post__workplace__name", "post__name"):
        rows.append([
            sp.post.workplace.name, sp.post.name, str(sp.exposed_workers), f"{sp.shift_hours}, {sp.days_per_week}",
            sp.work_schedule or "—", sp.controls or "—",
        ])  # fmt: skip
    return PdfSection("二、岗位与接触情况", table=rows, column_widths_mm=(25, 25, 18, 24, 30, 52))


def sample_result_text(sample: Sample) -> str:
    if sample.is_below_lod:
        return f"<{sample.lod:g}"
    return "—" if sample.value is None else f"{sample.value.normalize():f}"


def _samples(project: Project) -> PdfSection:
    rows = [["样品编号", "岗位", "危害因素", "类型", "开始", "时长(min)", "流量前/后(L/min)", "仪器", "结果"]]
    samples = project.samples.select_related("plan_item__agent", "plan_item__survey_post__post", "equipment")
    for s in samples.order_by("started_at", "pk"):
        minutes = f"{s.minutes:.0f}" if s.minutes is not None else "—"
        flows = f"{s.flow_before_l_per_min or '—'}/{s.flow_after_l_per_min or '—'}"
        item = s.plan_item
        rows.append([
            s.code, item.survey_post.post.name, item.agent.name_zh, KIND_ZH.get(item.sample_kind, ""),
            _time(s.started_at), minutes, flows, s.equipment.serial_number, sample_result_text(s),
        ])  # fmt: skip
    return PdfSection("三、现场采样与实验室分析", table=rows, column_widths_mm=(26, 18, 22, 14, 25, 13, 20, 18, 18))


def _findings(findings: list[Finding]) -> PdfSection:
    rows = [["岗位", "危害因素", "指标", "测定值", "限值", "单位", "比值", "判定版本", "判定"]]
    for f in findings:
        ratio = "—" if f.ratio_to_limit is None else f"{f.ratio_to_limit:.2f}"
        verdict = "符合" if f.is_compliant else "超标"
        if f.is_compliant and f.reaches_action_level:
            verdict = "符合（达行动水平）"
        item = f.plan_item
        rows.append([
            item.survey_post.post.name, item.agent.name_zh, metric_zh(f.metric), f"{f.measured_value:.3g}",
            f"{f.limit_value:g}", f.unit, ratio, f.judgement_edition, verdict,
        ])  # fmt: skip
    sources = "、".join(sorted({f.limit_edition for f in findings})) or "—"
    note = f"限值出处：{sources}。判定版本为本项目合同约定的 GBZ 2.1 版本。"
    return PdfSection(
        "四、检测结果与判定", paragraphs=[note], table=rows, column_widths_mm=(20, 22, 28, 16, 14, 16, 12, 24, 22)
    )


def _statistics(project: Project) -> PdfSection | None:
    evaluation = evaluate_project(project)
    if not evaluation.statistics:
        return None
    rows = [["岗位", "危害因素", "样本数", "GM", "GSD", "X95", "UTL95,70", "超限概率上限", "EN 689 结论", "AIHA 等级"]]
    for item, seg in evaluation.statistics:
        rows.append([
            item.survey_post.post.name, item.agent.name_zh, str(seg.fit.sample_count), f"{seg.fit.gm_mg_per_m3:.3g}",
            f"{seg.fit.gsd:.2f}", f"{seg.p95_mg_per_m3:.3g}", f"{seg.utl_mg_per_m3:.3g}",
            f"{seg.exceedance.upper_confidence_limit:.1%}", OUTCOMES_ZH.get(seg.outcome.value, seg.outcome.value),
            str(int(seg.category)),
        ])  # fmt: skip
    note = "同质接触组按 EN 689:2018 评估（95% 分位数，70% 置信度）；低于检出限的结果以检出限的一半代入。"
    return PdfSection(
        "五、接触统计", paragraphs=[note], table=rows, column_widths_mm=(18, 18, 12, 14, 12, 14, 18, 20, 20, 14)
    )


def report_document(project: Project) -> PdfDocument:
    """The whole report of an approved or issued project, from its stored data."""
    findings = list(
        project.findings.select_related("plan_item__agent", "plan_item__survey_post__post").order_by(
            "plan_item__survey_post__post__name", "plan_item__agent__name_zh", "pk"
        )
    )
    facts = [
        FindingFact(
            f.plan_item.survey_post.post.name,
            f.plan_item.agent.name_zh,
            metric_zh(f.metric),
            f.is_compliant,
            f.reaches_action_level,
        )
        for f in findings
    ]
    conclusions = build_conclusions(facts)
    sections = [
        PdfSection("一、生产工艺概况", paragraphs=[project.process_description or "—"]),
        _posts(project),
        _samples(project),
        _findings(findings),
    ]
    statistics = _statistics(project)
    if statistics is not None:
        sections.append(statistics)
    sections.append(PdfSection("六、结论", paragraphs=[conclusions.conclusion]))
    sections.append(
        PdfSection("七、建议", paragraphs=[f"{i}. {r}" for i, r in enumerate(conclusions.recommendations, 1)])
    )
    return PdfDocument(
        title="工作场所职业病危害因素检测报告",
        issuer=project.institution.name,
        facts=_facts(project),
        sections=sections,
        notes=["本报告由浙江省职业健康在线依据检测数据自动生成，仅对所检测的岗位和时段负责。"],
    )
