"""Whether a case is "complex or major" and so must be decided by the heads collectively
(集体讨论, 行政处罚法第五十七条), derived from the facts of the case.

The law names no threshold. reference/case_review.md §3-4: Art.63 lists the heavier penalties
(large fines, revoking a licence, ordering a stop of production, closure, restricting practice)
and says the Zhejiang health "large fine" (较大数额罚款) threshold is UNCONFIRMED, to be a
setting; reference/discretion.md §2: a fine below the statutory minimum (减轻处罚, Art.32)
"normally needs collective discussion" (UNCONFIRMED Zhejiang detail). So every criterion below
other than the Art.63 heavier measures is a configurable, unconfirmed default.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ohs.enforcement.rules.violations import Measure

RULE_VERSION = "enforcement.major_case/1"

# 较大数额罚款 for an organisation: UNCONFIRMED for Zhejiang health (case_review.md §4); the
# same setting gives the right to a hearing (Art.63).
LARGE_FINE_THRESHOLD_YUAN = Decimal(10000)
# Art.63 heavier measures: stopping the hazardous work, closure, revoking a qualification.
HEAVIER_MEASURES = frozenset({Measure.SERIOUS_SANCTION})


@dataclass(frozen=True)
class MajorCaseCriteria:
    """What makes a case major; defaults are unconfirmed settings (see the module docstring)."""

    large_fine_threshold_yuan: Decimal = LARGE_FINE_THRESHOLD_YUAN
    departure_is_major: bool = True  # a departure from the benchmark's proposal (UNCONFIRMED)
    below_minimum_is_major: bool = True  # 减轻处罚 below the legal minimum (discretion.md §2, UNCONFIRMED)
    is_confirmed: bool = False


DEFAULT_CRITERIA = MajorCaseCriteria()


@dataclass(frozen=True)
class MajorCaseFacts:
    """The facts of the intended penalty."""

    fine_yuan: Decimal | None
    measures: frozenset[Measure]
    is_departure: bool = False
    is_below_legal_minimum: bool = False


@dataclass(frozen=True)
class MajorCaseAssessment:
    """Whether collective discussion is required, and why."""

    requires_collective_discussion: bool
    reasons: tuple[str, ...]
    unconfirmed: tuple[str, ...]
    rule_version: str = RULE_VERSION


def assess_major_case(facts: MajorCaseFacts, criteria: MajorCaseCriteria = DEFAULT_CRITERIA) -> MajorCaseAssessment:
    """Collective discussion is required when any criterion holds (行政处罚法第五十七条)."""
    reasons: list[str] = []
    unconfirmed: list[str] = []
    threshold = criteria.large_fine_threshold_yuan
    if facts.fine_yuan is not None and facts.fine_yuan >= threshold:
        reasons.append(f"拟罚款 {facts.fine_yuan} 元，达到较大数额罚款 {threshold} 元（第六十三条）")
        unconfirmed.append(f"较大数额罚款标准 {threshold} 元为默认配置，未经核实")
    heavier = sorted(facts.measures & HEAVIER_MEASURES)
    if heavier:
        reasons.append(f"拟采取{'、'.join(heavier)}，属较重处罚（第六十三条）")
    if facts.is_departure and criteria.departure_is_major:
        reasons.append("偏离裁量基准建议数额")
        unconfirmed.append("偏离基准即须集体讨论为默认配置，未经核实")
    if facts.is_below_legal_minimum and criteria.below_minimum_is_major:
        reasons.append("低于法定下限减轻处罚（第三十二条）")
        unconfirmed.append("减轻处罚须集体讨论为默认配置，未经核实")
    if not criteria.is_confirmed and reasons:
        unconfirmed.append("重大复杂案件的认定标准未经核实，可在配置中调整")
    if reasons:
        reasons.append("情节复杂或者重大违法行为，应当由负责人集体讨论决定（行政处罚法第五十七条）")
    return MajorCaseAssessment(bool(reasons), tuple(reasons), tuple(unconfirmed))
