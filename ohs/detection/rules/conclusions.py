"""Conclusions and recommendations of a measurement report, built from its findings.

The wording follows what GBZ 2.1-2019 6.4 and GBZ 188-2014 require once a result exceeds its
limit or reaches the action level: engineering control, monitoring and health surveillance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FindingFact:
    """One judged figure at one post, as the report states it."""

    post: str
    agent: str
    metric: str
    is_compliant: bool
    reaches_action_level: bool | None


@dataclass(frozen=True, slots=True)
class Conclusions:
    conclusion: str
    recommendations: tuple[str, ...]
    exceedances: tuple[FindingFact, ...]


def _names(facts: Sequence[FindingFact]) -> str:
    return "；".join(f"{f.post}的{f.agent}（{f.metric}）" for f in facts)


def build_conclusions(findings: Sequence[FindingFact]) -> Conclusions:
    """One conclusion for the whole project, and what the employer must do about each result."""
    over = tuple(f for f in findings if not f.is_compliant)
    action = tuple(f for f in findings if f.is_compliant and f.reaches_action_level)
    if not findings:
        return Conclusions("本项目无可判定的检测结果。", ("补充采样后重新出具报告。",), ())
    if over:
        conclusion = f"共判定 {len(findings)} 项结果，其中 {len(over)} 项超过职业接触限值：{_names(over)}。"
    else:
        conclusion = f"共判定 {len(findings)} 项结果，均符合职业接触限值要求。"
    recommendations: list[str] = []
    if over:
        recommendations.append(f"对超标岗位立即采取工程控制和管理措施并限期整改：{_names(over)}（GBZ 2.1-2019 6.4）。")
        recommendations.append("整改后重新检测，确认符合限值要求；在此期间为接触者配备并督促正确佩戴个体防护用品。")
        recommendations.append("对超标岗位接触者按 GBZ 188-2014 安排职业健康检查。")
    if action:
        recommendations.append(f"以下结果达到行动水平（限值的 50%），应加强日常监测和职业健康监护：{_names(action)}。")
    recommendations.append("保持现有防护设施正常运行，按《工作场所职业卫生管理规定》定期进行职业病危害因素检测。")
    return Conclusions(conclusion, tuple(recommendations), over)
