"""Employer classification 甲/乙/丙 (职业病危害综合风险分类), pure rules.

Source: 国家疾控局、国家卫生健康委《关于开展职业卫生分类监督执法试点工作的通知》(2022):
risk grade Ⅰ/Ⅱ/Ⅲ (hazard nature, exposure level, exposed headcount) x management grade
A (90-100) / B (70-89) / C (<70) -> 甲 (lowest risk) / 乙 / 丙 (highest risk). Industry
severity 严重/一般 comes from 建设项目职业病危害风险分类管理目录 (国卫办职健发〔2021〕5号);
the downgrade from the Zhejiang 实施意见 item 12 (seed 000) and 2023 考核 item 14 (seed 001).
See reference/risk_classification.md. The older guide (甲 = highest) is a separate scheme
in ``schemes``; classes never mix across schemes.

Default design (all configuration; the matrix is UNCONFIRMED because 附件3 was not
retrieved, and the grade table, headcount bands, shortfall effects and downgrade blocks
are proposals; ``unconfirmed`` lists them and every result carries that list):
- the exposure level is the worst measurement: >= 100 % of the OEL is an exceedance,
  >= 50 % the action level, listed carcinogens (benzene, 1,2-dichloroethane,
  trichloroethylene) from 10 %; a declared hazard never measured counts as the action level;
- any exceedance gives grade Ⅲ whatever the industry; >= 100 exposed workers or open
  suspected cases raise the grade one step (never above Ⅲ);
- failures the platform sees lower the self-check score or cap the management grade:
  overdue exams or unmeasured hazards cap it at B, contraindications not acted on or
  unrectified orders at C; training gaps, open alerts, offline devices, penalties deduct;
- hence an exceedance (Ⅲ) with overdue exams (B at best) is always 丙 (Ⅲ x B = Ⅲ x C = 丙),
  and both show as shortfalls with their evidence and what clears them; once rectified
  the class follows what remains (a 严重 industry below the action level at B is 乙);
- the downgrade (a healthy enterprise announced at city level or above; or complete
  information and rectified self-inspection problems) lowers the class one step, unless
  an exceedance, an unacted contraindication, an open suspected case or an unrectified
  order remains.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ohs.risk.rules.classification_config import (
    EXPOSURE_LEVELS,
    GRADES,
    MANAGEMENT_GRADES,
    ClassificationConfig,
    DowngradeCondition,
    ExposureLevel,
    Grade,
    ManagementGrade,
    Severity,
    ShortfallCode,
    parse_classification_config,
)
from ohs.risk.rules.profile import (
    CODE_ORDER,
    CONDITION_TITLES_ZH,
    SHORTFALL_TITLES_ZH,
    DeclaredHazard,
    MeasurementResult,
    ProfileInputs,
    Shortfall,
    check_profile_inputs,
    find_shortfalls,
    measurement_level,
)
from ohs.risk.rules.schemes import SCHEMES, RiskClass, lower_class

__all__ = [
    "DEFAULT_CLASSIFICATION_CONFIG",
    "DEFAULT_CLASSIFICATION_CONFIG_DATA",
    "RULE_VERSION",
    "Classification",
    "DeclaredHazard",
    "MeasurementResult",
    "ProfileInputs",
    "Shortfall",
    "classify_employer",
    "find_shortfalls",
]

RULE_VERSION = "risk.classification/1"

# The one default configuration, as the JSON a province would edit; the management bands
# A >= 90 / B >= 70 are seen in the 2022 notice, the values listed in "unconfirmed" are not.
DEFAULT_CLASSIFICATION_CONFIG_DATA: dict[str, object] = {
    "version": "zj-default-2024.1",
    "scheme_id": "nhc-2022-pilot",
    "source": (
        "国家疾控局/国家卫生健康委 职业卫生分类监督执法试点 (2022); 国卫办职健发〔2021〕5号; "
        "浙江省实施意见 item 12; 2023 健康浙江考核 item 14; reference/risk_classification.md"
    ),
    "unconfirmed": [
        "matrix (附件3 not retrieved)",
        "exposure ratios (seen in the older guide, assumed for 2022)",
        "grade_table",
        "unlisted_industry_as",
        "headcount_bands",
        "suspected_case_grade_step",
        "shortfall_effects",
        "downgrade.blocked_by",
    ],
    "matrix": {
        "Ⅰ": {"A": "甲", "B": "甲", "C": "乙"},
        "Ⅱ": {"A": "甲", "B": "乙", "C": "丙"},
        "Ⅲ": {"A": "乙", "B": "丙", "C": "丙"},
    },
    "management_min_scores": {"A": "90", "B": "70"},
    "grade_table": {
        "严重": {"below_action": "Ⅱ", "action_level": "Ⅲ", "exceedance": "Ⅲ"},
        "一般": {"below_action": "Ⅰ", "action_level": "Ⅱ", "exceedance": "Ⅲ"},
    },
    "unlisted_industry_as": "严重",
    "exposure": {
        "exceedance_ratio": "1",
        "action_level_ratio": "0.5",
        "carcinogen_action_ratio": "0.1",
        "unmeasured_as": "action_level",
    },
    "headcount_bands": [
        {"min_persons": 0, "grade_step": 0, "label": "少于10人"},
        {"min_persons": 10, "grade_step": 0, "label": "10至99人"},
        {"min_persons": 100, "grade_step": 1, "label": "100人及以上"},
    ],
    "suspected_case_grade_step": 1,
    "exam_coverage_required": "1",
    "manager_training_required": "1",
    "shortfall_effects": {
        "exams_overdue": {"cap": "B"},
        "contraindication_not_acted": {"cap": "C"},
        "orders_unrectified": {"cap": "C"},
        "not_measured": {"cap": "B"},
        "principal_untrained": {"deduction_points": "5"},
        "managers_untrained": {"deduction_points": "5"},
        "alerts_open": {"deduction_points": "5"},
        "devices_offline": {"deduction_points": "2"},
        "recent_penalties": {"deduction_points": "10"},
    },
    "downgrade": {
        "steps": 1,
        "routes": [["healthy_enterprise"], ["information_complete", "self_inspection_rectified"]],
        "blocked_by": ["exceedance", "contraindication_not_acted", "suspected_cases_open", "orders_unrectified"],
    },
}
DEFAULT_CLASSIFICATION_CONFIG = parse_classification_config(DEFAULT_CLASSIFICATION_CONFIG_DATA)


@dataclass(frozen=True)
class Classification:
    """The result: grade, management grade, class with its scheme, shortfalls, reasons."""

    employer_id: str
    risk_class: RiskClass
    matrix_class: RiskClass
    grade: Grade
    management_grade: ManagementGrade
    exposure_level: ExposureLevel
    is_downgraded: bool
    shortfalls: tuple[Shortfall, ...]
    reasons: tuple[str, ...]
    unconfirmed: tuple[str, ...]
    config_version: str
    rule_version: str = RULE_VERSION


# ---------------------------------------------------------------- grades and class


def _exposure_level(inputs: ProfileInputs, codes: set[ShortfallCode], config: ClassificationConfig) -> ExposureLevel:
    levels = [measurement_level(m, config) for m in inputs.measurements]
    if ShortfallCode.NOT_MEASURED in codes:
        levels.append(config.exposure.unmeasured_as)
    return max(levels, key=EXPOSURE_LEVELS.index, default=ExposureLevel.BELOW_ACTION)


def _risk_grade(
    inputs: ProfileInputs, exposure: ExposureLevel, config: ClassificationConfig
) -> tuple[Grade, list[str]]:
    severity = inputs.industry_severity
    reasons = []
    if severity is Severity.UNLISTED:
        severity = config.unlisted_industry_as
        reasons.append(f"行业未列入风险分类目录，按 {severity.value} 计")
    base = config.grade_table[(severity, exposure)]
    reasons.append(f"行业危害{severity.value}，暴露水平{exposure.title_zh} → 风险等级 {base.value}")
    total = inputs.exposed_persons_total
    total = sum(h.exposed_persons for h in inputs.hazards) if total is None else total
    band = [b for b in config.headcount_bands if b.min_persons <= total][-1]
    step = band.grade_step
    if band.grade_step:
        reasons.append(f"接触人数 {total} 人（{band.label}），风险等级调整 {band.grade_step:+d} 级")
    if inputs.suspected_cases_open > 0 and config.suspected_case_grade_step:
        step += config.suspected_case_grade_step
        reasons.append(f"存在未处置疑似职业病，风险等级上调 {config.suspected_case_grade_step} 级")
    grade = GRADES[min(len(GRADES) - 1, max(0, GRADES.index(base) + step))]
    reasons.append(f"风险等级：{grade.value}")
    return grade, reasons


def _management_grade(
    inputs: ProfileInputs, codes: set[ShortfallCode], config: ClassificationConfig
) -> tuple[ManagementGrade, list[str]]:
    if inputs.self_check_score is None:
        return ManagementGrade.C, ["未提交管理状况自查评分 → 管理等级 C"]
    effects = [
        (c, config.shortfall_effects[c])
        for c in sorted(codes, key=CODE_ORDER.__getitem__)
        if c in config.shortfall_effects
    ]
    deduction = sum((e.deduction_points for _, e in effects), Decimal(0))
    score = max(Decimal(0), inputs.self_check_score - deduction)
    grade = next(g for g in MANAGEMENT_GRADES if score >= config.management_min_scores[g])
    reasons = [f"管理状况自查评分 {inputs.self_check_score}，扣减 {deduction} 分后 {score} → {grade.value}"]
    for code, effect in effects:
        if effect.cap is not None and MANAGEMENT_GRADES.index(effect.cap) > MANAGEMENT_GRADES.index(grade):
            grade = effect.cap
            reasons.append(f"{SHORTFALL_TITLES_ZH[code]} → 管理等级不高于 {effect.cap.value}")
    reasons.append(f"管理等级：{grade.value}")
    return grade, reasons


def _downgrade(
    inputs: ProfileInputs, matrix_class: RiskClass, codes: set[ShortfallCode], config: ClassificationConfig
) -> tuple[RiskClass, list[str]]:
    held = {
        DowngradeCondition.HEALTHY_ENTERPRISE: inputs.is_healthy_enterprise_city_or_above,
        DowngradeCondition.INFORMATION_COMPLETE: inputs.is_information_complete,
        DowngradeCondition.SELF_INSPECTION_RECTIFIED: inputs.is_self_inspection_rectified,
    }
    route = next((r for r in config.downgrade.routes if all(held[c] for c in r)), None)
    if route is None or config.downgrade.steps == 0:
        return matrix_class, []
    met = "、".join(CONDITION_TITLES_ZH[c] for c in DowngradeCondition if c in route)
    blockers = [SHORTFALL_TITLES_ZH[c] for c in ShortfallCode if c in codes & config.downgrade.blocked_by]
    if blockers:
        return matrix_class, [f"满足降级条件（{met}），但存在{'、'.join(blockers)}，不予降级"]
    lowered = lower_class(matrix_class, config.downgrade.steps)
    if lowered == matrix_class:
        return matrix_class, [f"满足降级条件（{met}），已是最低类别"]
    return lowered, [f"满足降级条件（{met}）→ 降低 {config.downgrade.steps} 类为 {lowered.label}类"]


def classify_employer(
    inputs: ProfileInputs, config: ClassificationConfig = DEFAULT_CLASSIFICATION_CONFIG
) -> Classification:
    """Classify one employer 甲/乙/丙 under the config's scheme, with shortfalls and reasons."""
    check_profile_inputs(inputs)
    shortfalls = find_shortfalls(inputs, config)
    codes = {s.code for s in shortfalls}
    exposure = _exposure_level(inputs, codes, config)
    grade, grade_reasons = _risk_grade(inputs, exposure, config)
    management, management_reasons = _management_grade(inputs, codes, config)
    matrix_class = RiskClass(config.scheme_id, config.matrix[(grade, management)])
    final_class, downgrade_reasons = _downgrade(inputs, matrix_class, codes, config)
    scheme = SCHEMES[config.scheme_id]
    reasons = (
        *[f"{s.evidence}（{s.effect}）" if s.effect else s.evidence for s in shortfalls],
        *grade_reasons,
        *management_reasons,
        f"风险等级 {grade.value} × 管理等级 {management.value} → {matrix_class.label}类",
        *downgrade_reasons,
        f"综合风险类别：{final_class.label}类（{scheme.title}，{scheme.labels_low_to_high[0]}类风险最低）",
    )
    return Classification(
        employer_id=inputs.employer_id,
        risk_class=final_class,
        matrix_class=matrix_class,
        grade=grade,
        management_grade=management,
        exposure_level=exposure,
        is_downgraded=final_class != matrix_class,
        shortfalls=shortfalls,
        reasons=reasons,
        unconfirmed=config.unconfirmed,
        config_version=config.version,
    )
