"""What a risk profile (风险画像) knows about an employer, and the shortfalls it shows.

Seed 000 item 9: declaration, measurement, exam, training and enforcement data feed a
personal risk profile that pushes shortfalls to the employer (画像、整改、审核、解除).
Each shortfall carries its evidence, what would clear it and its effect on the class
under the given ``ClassificationConfig`` (see ``classification`` for the scheme).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from ohs.risk.rules.classification_config import (
    EXPOSURE_LEVELS,
    ClassificationConfig,
    DowngradeCondition,
    ExposureLevel,
    Severity,
    ShortfallCode,
)

CODE_ORDER: Mapping[ShortfallCode, int] = {code: i for i, code in enumerate(ShortfallCode)}
SHORTFALL_TITLES_ZH: Mapping[ShortfallCode, str] = {
    ShortfallCode.EXCEEDANCE: "超标",
    ShortfallCode.ACTION_LEVEL: "达到行动水平",
    ShortfallCode.NOT_MEASURED: "未检测",
    ShortfallCode.EXAMS_OVERDUE: "职业健康检查逾期",
    ShortfallCode.CONTRAINDICATION_NOT_ACTED: "禁忌证未调岗",
    ShortfallCode.SUSPECTED_CASES_OPEN: "疑似职业病未处置",
    ShortfallCode.PRINCIPAL_UNTRAINED: "主要负责人未培训",
    ShortfallCode.MANAGERS_UNTRAINED: "管理人员未培训",
    ShortfallCode.ALERTS_OPEN: "监测报警未处置",
    ShortfallCode.DEVICES_OFFLINE: "设备离线",
    ShortfallCode.RECENT_PENALTIES: "近期受处罚",
    ShortfallCode.ORDERS_UNRECTIFIED: "责令改正未整改",
    ShortfallCode.SELF_CHECK_MISSING: "未提交自查评分",
}
CONDITION_TITLES_ZH: Mapping[DowngradeCondition, str] = {
    DowngradeCondition.HEALTHY_ENTERPRISE: "市级以上通报的健康企业",
    DowngradeCondition.INFORMATION_COMPLETE: "职业健康信息完整",
    DowngradeCondition.SELF_INSPECTION_RECTIFIED: "自查问题已整改",
}


@dataclass(frozen=True)
class DeclaredHazard:
    """A declared hazard (申报) and the number of workers exposed to it."""

    agent: str
    exposed_persons: int


@dataclass(frozen=True)
class MeasurementResult:
    """The latest result of a sampling point, as a ratio of the OEL."""

    agent: str
    ratio_to_oel: Decimal
    is_carcinogen_listed: bool = False


@dataclass(frozen=True)
class ProfileInputs:
    """Everything a risk profile knows about one employer at assessment time.

    ``measurements`` holds the latest result per sampling point (a re-test supersedes the
    result it repeats); ``exposed_persons_total`` is the de-duplicated headcount of the
    declaration, else the sum over hazards is used; counts of alerts, penalties and orders
    are over the window the service chose; ``self_check_score`` is 0-100 or None if missing.
    """

    employer_id: str
    industry_severity: Severity
    hazards: tuple[DeclaredHazard, ...] = ()
    measurements: tuple[MeasurementResult, ...] = ()
    exposed_persons_total: int | None = None
    exams_due_count: int = 0
    exams_done_count: int = 0
    suspected_cases_open: int = 0
    contraindications_not_acted: int = 0
    is_principal_trained: bool = True
    managers_count: int = 0
    managers_trained_count: int = 0
    monitoring_alerts_open: int = 0
    devices_offline: int = 0
    penalties_in_window: int = 0
    orders_unrectified: int = 0
    self_check_score: Decimal | None = None
    is_healthy_enterprise_city_or_above: bool = False
    is_information_complete: bool = False
    is_self_inspection_rectified: bool = False


@dataclass(frozen=True)
class Shortfall:
    """One gap: the evidence, what would clear it, and its effect on the class."""

    code: ShortfallCode
    evidence: str
    clears_when: str
    effect: str = ""
    subject: str = ""  # the agent of an exposure shortfall, so a release can name it


def measurement_level(m: MeasurementResult, config: ClassificationConfig) -> ExposureLevel:
    """Exposure level of one measurement: exceedance, action level (carcinogens lower) or below."""
    t = config.exposure
    if m.ratio_to_oel >= t.exceedance_ratio:
        return ExposureLevel.EXCEEDANCE
    if m.ratio_to_oel >= t.action_level_ratio:
        return ExposureLevel.ACTION_LEVEL
    if m.is_carcinogen_listed and m.ratio_to_oel >= t.carcinogen_action_ratio:
        return ExposureLevel.ACTION_LEVEL
    return ExposureLevel.BELOW_ACTION


def _exposure_shortfalls(inputs: ProfileInputs, config: ClassificationConfig) -> list[Shortfall]:
    worst: dict[str, tuple[int, Decimal]] = {}  # per agent: (level rank, ratio), order-free
    for m in inputs.measurements:
        rank = EXPOSURE_LEVELS.index(measurement_level(m, config))
        worst[m.agent] = max(worst.get(m.agent, (rank, m.ratio_to_oel)), (rank, m.ratio_to_oel))
    found = []
    for agent, (rank, value) in worst.items():
        level, ratio = EXPOSURE_LEVELS[rank], f"{value:.2f}"
        if level is ExposureLevel.EXCEEDANCE:
            found.append(
                Shortfall(
                    ShortfallCode.EXCEEDANCE,
                    f"{agent} 检测结果为接触限值的 {ratio} 倍（超标）",
                    f"整改后复测 {agent} 低于接触限值",
                    subject=agent,
                )
            )
        elif level is ExposureLevel.ACTION_LEVEL:
            evidence = f"{agent} 检测结果为接触限值的 {ratio} 倍（达到行动水平）"
            found.append(Shortfall(ShortfallCode.ACTION_LEVEL, evidence, f"复测 {agent} 低于行动水平", subject=agent))
    for agent in sorted({h.agent for h in inputs.hazards if h.exposed_persons > 0} - set(worst)):
        found.append(
            Shortfall(
                ShortfallCode.NOT_MEASURED, f"已申报 {agent}，无检测结果", f"完成 {agent} 的定期检测", subject=agent
            )
        )
    return found


def _count_shortfall(count: int, code: ShortfallCode, evidence: str, clears: str) -> list[Shortfall]:
    return [Shortfall(code, evidence % {"n": count}, clears)] if count > 0 else []


def _duty_shortfalls(inputs: ProfileInputs, config: ClassificationConfig) -> list[Shortfall]:
    found: list[Shortfall] = []
    due, done = inputs.exams_due_count, inputs.exams_done_count
    if due > 0 and Decimal(done) < Decimal(due) * config.exam_coverage_required:
        found.append(
            Shortfall(
                ShortfallCode.EXAMS_OVERDUE,
                f"职业健康检查逾期：应检 {due} 人，已检 {done} 人",
                "逾期人员完成职业健康检查",
            )
        )
    managers, trained = inputs.managers_count, inputs.managers_trained_count
    if managers > 0 and Decimal(trained) < Decimal(managers) * config.manager_training_required:
        found.append(
            Shortfall(
                ShortfallCode.MANAGERS_UNTRAINED,
                f"职业卫生管理人员 {managers} 人，已培训 {trained} 人",
                "管理人员完成职业卫生培训",
            )
        )
    if not inputs.is_principal_trained:
        found.append(Shortfall(ShortfallCode.PRINCIPAL_UNTRAINED, "主要负责人未接受职业卫生培训", "主要负责人完成培训"))
    if inputs.self_check_score is None:
        found.append(Shortfall(ShortfallCode.SELF_CHECK_MISSING, "未提交管理状况自查评分", "提交管理状况自查评分"))
    return found


def _count_shortfalls(inputs: ProfileInputs) -> list[Shortfall]:
    c = ShortfallCode
    return [
        *_count_shortfall(
            inputs.contraindications_not_acted,
            c.CONTRAINDICATION_NOT_ACTED,
            "%(n)d 名职业禁忌证劳动者未调离原岗位",
            "调离或妥善安置全部禁忌证劳动者",
        ),
        *_count_shortfall(
            inputs.suspected_cases_open,
            c.SUSPECTED_CASES_OPEN,
            "%(n)d 例疑似职业病未处置完毕",
            "疑似职业病病人完成诊断并妥善处置",
        ),
        *_count_shortfall(
            inputs.monitoring_alerts_open, c.ALERTS_OPEN, "在线监测 %(n)d 条报警未处置", "处置并反馈全部报警"
        ),
        *_count_shortfall(inputs.devices_offline, c.DEVICES_OFFLINE, "%(n)d 台在线监测设备离线", "设备恢复在线"),
        *_count_shortfall(
            inputs.penalties_in_window, c.RECENT_PENALTIES, "统计期内受到 %(n)d 次行政处罚", "统计期内无新的行政处罚"
        ),
        *_count_shortfall(
            inputs.orders_unrectified, c.ORDERS_UNRECTIFIED, "%(n)d 项责令改正未完成整改", "完成整改并经复查"
        ),
    ]


def find_shortfalls(inputs: ProfileInputs, config: ClassificationConfig) -> tuple[Shortfall, ...]:
    """List every shortfall of a profile in a canonical order, each with its effect."""
    found = [*_exposure_shortfalls(inputs, config), *_duty_shortfalls(inputs, config), *_count_shortfalls(inputs)]
    found.sort(key=lambda s: (CODE_ORDER[s.code], s.evidence))
    return tuple(replace(s, effect=_effect_text(s.code, config)) for s in found)


def _effect_text(code: ShortfallCode, config: ClassificationConfig) -> str:
    parts = {
        ShortfallCode.EXCEEDANCE: ["暴露水平按超标计"],
        ShortfallCode.ACTION_LEVEL: ["暴露水平按行动水平计"],
        ShortfallCode.NOT_MEASURED: [f"暴露水平按{config.exposure.unmeasured_as.title_zh}计"],
        ShortfallCode.SUSPECTED_CASES_OPEN: [f"风险等级上调 {config.suspected_case_grade_step} 级"],
        ShortfallCode.SELF_CHECK_MISSING: ["管理等级按 C 计"],
    }.get(code, [])
    effect = config.shortfall_effects.get(code)
    if effect is not None and effect.deduction_points:
        parts.append(f"管理评分扣 {effect.deduction_points} 分")
    if effect is not None and effect.cap is not None:
        parts.append(f"管理等级不高于 {effect.cap.value}")
    if code in config.downgrade.blocked_by:
        parts.append("存在时不予降级")
    return "；".join(parts)


def check_profile_inputs(inputs: ProfileInputs) -> None:
    """Refuse negative counts or ratios and a self-check score outside 0-100."""
    counts: Iterable[int] = (
        inputs.exams_due_count,
        inputs.exams_done_count,
        inputs.suspected_cases_open,
        inputs.contraindications_not_acted,
        inputs.managers_count,
        inputs.managers_trained_count,
        inputs.monitoring_alerts_open,
        inputs.devices_offline,
        inputs.penalties_in_window,
        inputs.orders_unrectified,
        inputs.exposed_persons_total or 0,
        *(h.exposed_persons for h in inputs.hazards),
    )
    if any(n < 0 for n in counts) or any(m.ratio_to_oel < 0 for m in inputs.measurements):
        raise ValueError("counts and ratios must not be negative")
    score = inputs.self_check_score
    if score is not None and not Decimal(0) <= score <= Decimal(100):
        raise ValueError(f"self_check_score must be within 0-100, got {score}")
