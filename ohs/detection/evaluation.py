"""Judging a project's lab results with the exposure engine, limits read at the project's
catalogue version (``ohs.hazards.oels``), so the same report gives the same judgement later.

Per post and hazard: long-term samples give C_TWA, short samples C_STE / MAC / the peak rule,
dust samples the dust tier's PC-TWA, noise samples L_EX,8h. A non-detect enters C_TWA at half
its LOD (the substitution ``ohs.hazards.rules.statistics`` states) and is shown as "<LOD".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from ohs.detection.choices import SampleKind
from ohs.detection.models import PlanItem, Project, Sample
from ohs.hazards import oels
from ohs.hazards.choices import Category
from ohs.hazards.rules.chemical import ChemicalMeasurement, evaluate_chemical
from ohs.hazards.rules.concentration import SHORT_TERM_MINUTES, Edition, ShortSample, TwaSegment
from ohs.hazards.rules.dust import DustMeasurement, evaluate_dust
from ohs.hazards.rules.errors import RuleInputError
from ohs.hazards.rules.judgement import LimitJudgement
from ohs.hazards.rules.noise import NoiseSegment, judge_lex_8h, lex_8h
from ohs.hazards.rules.peak import PeakJudgement
from ohs.hazards.rules.statistics import ExposureResult, NonDetectMethod, SegAssessment, assess_seg

NON_DETECT_METHOD = NonDetectMethod.HALF_LOD
NON_DETECT_METHOD_FACTOR = 0.5  # LOD/2, the factor of NonDetectMethod.HALF_LOD
MINUTES_PER_DAY = 24 * 60
NOISE_AGENT = "噪声"  # the catalogue's name of noise (GBZ 2.2-2007 part 8)
PEAK_RULE_2019 = "peak multiple of PC-TWA"  # metric of the 2019 peak rule (6.3.3)
EXCURSION_RULE_2007 = "excursion multiple of PC-TWA"  # metric of the 2007 excursion multiples
EN689_MIN_RESULTS = 3  # EN 689:2018 5.5.2: the preliminary test needs 3 to 5 results


@dataclass(frozen=True)
class FindingData:
    """One judged figure, ready to store as a ``Finding``."""

    plan_item: PlanItem
    metric: str
    measured_value: float
    limit_name: str
    limit_value: float
    unit: str
    ratio_to_limit: float | None
    is_compliant: bool
    reaches_action_level: bool | None
    limit_edition: str
    rule_version: str
    reasons: tuple[str, ...]
    judgement_edition: str


@dataclass
class Evaluation:
    findings: list[FindingData] = field(default_factory=list)
    statistics: list[tuple[PlanItem, SegAssessment]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _from_judgement(project: Project, item: PlanItem, j: LimitJudgement) -> FindingData:
    return FindingData(
        item, j.metric, j.measured_value, j.limit_name, j.limit_value, j.unit, j.ratio_to_limit,
        j.is_compliant, j.reaches_action_level, j.limit_edition, j.rule_version, j.reasons, project.edition,
    )  # fmt: skip


def _from_peak(project: Project, item: PlanItem, p: PeakJudgement) -> FindingData:
    ratio = p.max_multiple_of_pc_twa / p.allowed_multiple if p.allowed_multiple else None
    is_2019 = p.edition is Edition.GBZ_2_1_2019
    metric, limit = (PEAK_RULE_2019, "peak rule") if is_2019 else (EXCURSION_RULE_2007, "excursion multiple")
    return FindingData(
        item, metric, p.max_multiple_of_pc_twa, limit, p.allowed_multiple, "× PC-TWA",
        ratio, p.is_compliant, None, p.edition.value, p.rule_version, p.reasons, project.edition,
    )  # fmt: skip


def concentration_of(sample: Sample) -> float:
    """The concentration used in calculations: half the LOD for a non-detect."""
    if sample.is_below_lod and sample.lod is not None:
        return float(sample.lod) * NON_DETECT_METHOD_FACTOR
    return float(sample.value or 0)


def _segments(item: PlanItem, samples: Sequence[Sample]) -> tuple[TwaSegment, ...]:
    """Each sample stands for its share of the post's daily exposure time (GBZ 159-2004 6.1)."""
    minutes = [s.minutes or 0.0 for s in samples]
    total = sum(minutes)
    if total <= 0:
        return ()
    hours = float(item.exposure_hours)
    return tuple(TwaSegment(concentration_of(s), hours * m / total) for s, m in zip(samples, minutes, strict=True))


def _short(samples: Sequence[Sample]) -> tuple[ShortSample, ...]:
    out = []
    for s in samples:
        start = timezone.localtime(s.started_at)
        minute_of_day = start.hour * 60 + start.minute
        duration = min(s.minutes or SHORT_TERM_MINUTES, SHORT_TERM_MINUTES, MINUTES_PER_DAY - minute_of_day)
        out.append(ShortSample(concentration_of(s), float(minute_of_day), duration))
    return tuple(out)


def _chemical(project: Project, item: PlanItem, by_kind: dict[str, list[Sample]], result: Evaluation) -> None:
    oel = oels.chemical_oel(item.agent, project.catalogue_version)
    measurement = ChemicalMeasurement(_segments(item, by_kind[SampleKind.TWA]), _short(by_kind[SampleKind.SHORT]))
    evaluation = evaluate_chemical(measurement, oel, edition=Edition(project.edition))
    judged = [evaluation.twa, *evaluation.ceiling, *evaluation.short_term]
    result.findings += [_from_judgement(project, item, j) for j in judged if j is not None]
    if evaluation.peak is not None:
        result.findings.append(_from_peak(project, item, evaluation.peak))
    if oel.pc_twa is not None:
        _statistics(item, by_kind[SampleKind.TWA], oel.pc_twa.value, result)


def _dust(project: Project, item: PlanItem, by_kind: dict[str, list[Sample]], result: Evaluation) -> None:
    candidates = oels.dust_oels(item.agent, project.catalogue_version)
    silica = float(item.free_silica_percent) if item.free_silica_percent is not None else None
    measurement = DustMeasurement(
        _segments(item, by_kind[SampleKind.DUST_TOTAL]), _segments(item, by_kind[SampleKind.DUST_RESPIRABLE])
    )
    evaluation = evaluate_dust(measurement, candidates, free_silica_percent=silica)
    judged = [evaluation.total, evaluation.respirable]
    result.findings += [_from_judgement(project, item, j) for j in judged if j is not None]


def _noise(project: Project, item: PlanItem, by_kind: dict[str, list[Sample]], result: Evaluation) -> None:
    samples = by_kind[SampleKind.NOISE]
    minutes = [s.minutes or 0.0 for s in samples]
    hours = float(item.exposure_hours)
    segments = [
        NoiseSegment(float(s.value or 0), hours * m / sum(minutes)) for s, m in zip(samples, minutes, strict=True)
    ]
    level = lex_8h(segments)
    judgement = judge_lex_8h(level, oels.noise_limits(project.catalogue_version))
    result.findings.append(_from_judgement(project, item, judgement))


def _statistics(item: PlanItem, samples: Sequence[Sample], oel_value: float, result: Evaluation) -> None:
    """EN 689 for a post's long-term results once there are enough of them."""
    if len(samples) < EN689_MIN_RESULTS:
        return
    results = [
        ExposureResult(float(s.lod if s.is_below_lod and s.lod else s.value or 0), s.is_below_lod) for s in samples
    ]
    try:
        result.statistics.append((item, assess_seg(results, oel_value, method=NON_DETECT_METHOD)))
    except RuleInputError as error:
        result.problems.append(f"{item.agent.name_zh}: {error}")


def _group(samples: Iterable[Sample]) -> dict[tuple[int, int], dict[str, list[Sample]]]:
    groups: dict[tuple[int, int], dict[str, list[Sample]]] = defaultdict(lambda: defaultdict(list))
    for s in samples:
        if s.value is None and not s.is_below_lod:
            continue
        groups[(s.plan_item.survey_post_id, s.plan_item.agent_id)][s.plan_item.sample_kind].append(s)
    return groups


def _judge_group(project: Project, item: PlanItem, by_kind: dict[str, list[Sample]], result: Evaluation) -> None:
    category = item.agent.category
    if category == Category.DUST:
        _dust(project, item, by_kind, result)
    elif category == Category.CHEMICAL:
        _chemical(project, item, by_kind, result)
    elif item.agent.name_zh == NOISE_AGENT and by_kind[SampleKind.NOISE]:
        _noise(project, item, by_kind, result)
    else:
        result.problems.append(f"{item.agent.name_zh}: no judgement rule for these samples")


def evaluate_project(project: Project) -> Evaluation:
    """Findings and statistics for every post and hazard that has lab results."""
    samples = (
        Sample.objects.filter(project=project)
        .select_related("plan_item__agent", "plan_item__survey_post__post__workplace")
        .order_by("started_at", "pk")
    )
    result = Evaluation()
    for by_kind in _group(samples).values():
        item = next(iter(by_kind.values()))[0].plan_item
        try:
            _judge_group(project, item, by_kind, result)
        except RuleInputError as error:
            result.problems.append(f"{item.survey_post.post.name} · {item.agent.name_zh}: {error}")
    return result


def as_dict(finding: FindingData) -> dict[str, Any]:
    """The stored form of a finding (``Finding`` fields)."""
    return {
        "plan_item": finding.plan_item, "metric": finding.metric, "measured_value": finding.measured_value,
        "limit_name": finding.limit_name, "limit_value": finding.limit_value, "unit": finding.unit,
        "ratio_to_limit": finding.ratio_to_limit, "is_compliant": finding.is_compliant,
        "reaches_action_level": finding.reaches_action_level, "limit_edition": finding.limit_edition,
        "rule_version": finding.rule_version, "reasons": list(finding.reasons),
        "judgement_edition": finding.judgement_edition,
    }  # fmt: skip
