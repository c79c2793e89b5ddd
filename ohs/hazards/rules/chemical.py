"""Chemical agents judged against MAC, PC-TWA, PC-STEL and the peak rule (GBZ 2.1-2019 6.3).

Rule text: reference/excursion_limits.md sections 2-5. Concentrations are in
the limit's unit (mg/m3 for nearly every agent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ohs.hazards.rules.concentration import (
    REFERENCE_DAY_HOURS,
    RULE_VERSIONS,
    Edition,
    ShortSample,
    TwaSegment,
    check_short_sample,
    compute_twa,
    ste_of_sample,
    total_hours,
)
from ohs.hazards.rules.errors import RuleInputError
from ohs.hazards.rules.judgement import (
    ACTION_LEVEL_FRACTION,
    LimitJudgement,
    judge_against_limit,
)
from ohs.hazards.rules.limits import ChemicalOel, LimitValue
from ohs.hazards.rules.peak import PeakJudgement, evaluate_peak_exposure


@dataclass(frozen=True, slots=True)
class ChemicalMeasurement:
    """One worker-day of one agent: full-shift segments and short-term samples."""

    twa_segments: tuple[TwaSegment, ...] = ()
    short_samples: tuple[ShortSample, ...] = ()


@dataclass(frozen=True, slots=True)
class ChemicalEvaluation:
    """Judgement of one worker-day of one chemical agent against all its limits."""

    agent: str
    edition: Edition
    twa_mg_per_m3: float | None
    twa: LimitJudgement | None
    ceiling: tuple[LimitJudgement, ...]
    short_term: tuple[LimitJudgement, ...]
    peak: PeakJudgement | None
    is_compliant: bool
    reaches_action_level: bool
    reasons: tuple[str, ...]
    rule_version: str


def _sample_label(metric: str, index: int, sample: ShortSample) -> str:
    """Metric name of one sample for reasons, e.g. 'C_STE (sample 2, from 120 min)'."""
    return f"{metric} (sample {index + 1}, from {sample.started_at_minutes:g} min)"


def judge_twa(twa_mg_per_m3: float, pc_twa: LimitValue, *, edition: Edition) -> LimitJudgement:
    """Judge C_TWA <= PC-TWA, with the action level at 0.5 x PC-TWA (GBZ 2.1-2019 6.3.2, 6.4)."""
    return judge_against_limit(
        "C_TWA",
        twa_mg_per_m3,
        pc_twa,
        limit_name="PC-TWA",
        rule_version=RULE_VERSIONS[edition],
        action_level_fraction=ACTION_LEVEL_FRACTION,
    )


def judge_stel(samples: Sequence[ShortSample], pc_stel: LimitValue, *, edition: Edition) -> tuple[LimitJudgement, ...]:
    """Judge each sample's C_STE <= PC-STEL (GBZ 2.1-2019 6.3.2)."""
    return tuple(
        judge_against_limit(
            _sample_label("C_STE", i, check_short_sample(s, f"samples[{i}]")),
            ste_of_sample(s),
            pc_stel,
            limit_name="PC-STEL",
            rule_version=RULE_VERSIONS[edition],
            action_level_fraction=ACTION_LEVEL_FRACTION,
        )
        for i, s in enumerate(samples)
    )


def judge_mac(samples: Sequence[ShortSample], mac: LimitValue, *, edition: Edition) -> tuple[LimitJudgement, ...]:
    """Judge every short sample's concentration C_M <= MAC, never averaged (GBZ 2.1-2019 6.3.1)."""
    return tuple(
        judge_against_limit(
            _sample_label("C_M", i, check_short_sample(s, f"samples[{i}]")),
            s.concentration_mg_per_m3,
            mac,
            limit_name="MAC",
            rule_version=RULE_VERSIONS[edition],
            action_level_fraction=ACTION_LEVEL_FRACTION,
        )
        for i, s in enumerate(samples)
    )


def evaluate_chemical(measurement: ChemicalMeasurement, oel: ChemicalOel, *, edition: Edition) -> ChemicalEvaluation:
    """Judge one worker-day against MAC, PC-TWA, PC-STEL or the peak rule (GBZ 2.1 6.3.1-6.3.3)."""
    samples = measurement.short_samples
    twa_value = compute_twa(measurement.twa_segments) if measurement.twa_segments else None
    twa = None
    if oel.pc_twa is not None and twa_value is not None:
        twa = judge_twa(twa_value, oel.pc_twa, edition=edition)
    ceiling = judge_mac(samples, oel.mac, edition=edition) if oel.mac is not None else ()
    short_term = judge_stel(samples, oel.pc_stel, edition=edition) if oel.pc_stel is not None else ()
    peak = None
    if oel.pc_twa is not None and oel.pc_stel is None and samples:
        peak = evaluate_peak_exposure(samples, oel.pc_twa, edition=edition)
    judged = [*ceiling, *short_term, *([] if twa is None else [twa])]
    if not judged and peak is None:
        raise RuleInputError("measurement", f"no measurement matches a limit of {oel.name_zh}")
    is_compliant = all(j.is_compliant for j in judged) and (peak is None or peak.is_compliant)
    return ChemicalEvaluation(
        agent=oel.name_zh,
        edition=edition,
        twa_mg_per_m3=twa_value,
        twa=twa,
        ceiling=ceiling,
        short_term=short_term,
        peak=peak,
        is_compliant=is_compliant,
        reaches_action_level=any(j.reaches_action_level for j in judged),
        reasons=_evaluation_reasons(measurement, oel, judged, peak, is_compliant),
        rule_version=RULE_VERSIONS[edition],
    )


def _evaluation_reasons(
    measurement: ChemicalMeasurement,
    oel: ChemicalOel,
    judged: Sequence[LimitJudgement],
    peak: PeakJudgement | None,
    is_compliant: bool,
) -> tuple[str, ...]:
    """Summary first, then each part's reasons, then what could not be assessed."""
    verdict = "complies with" if is_compliant else "does not comply with"
    reasons = [f"{oel.name_zh}: the worker-day {verdict} its occupational exposure limits"]
    for judgement in judged:
        reasons.extend(judgement.reasons)
    if peak is not None:
        reasons.extend(peak.reasons)
    if oel.pc_twa and not measurement.twa_segments:
        reasons.append("C_TWA not assessed: no full-shift segments")
    if (oel.mac or oel.pc_stel) and not measurement.short_samples:
        reasons.append("short-term limits not assessed: no short-term samples")
    if measurement.twa_segments and total_hours(measurement.twa_segments) > REFERENCE_DAY_HOURS:
        reasons.append(
            "exposure exceeds 8 h a day: GBZ 2.1-2019 adjusts limits for long working hours; not applied here"
        )
    return tuple(reasons)
