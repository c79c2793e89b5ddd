"""Short-term control of agents with a PC-TWA but no PC-STEL, chosen by edition.

GBZ 2.1-2019 replaced the 2007 excursion multiples (超限倍数) with a peak
exposure rule (峰接触浓度). Both are kept: old reports are judged by the
edition they were written under. Rule text: reference/excursion_limits.md
sections 2 and 3.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ohs.hazards.rules.concentration import (
    DURATION_TOLERANCE,
    RULE_VERSIONS,
    Edition,
    ShortSample,
    check_short_sample,
    ste_of_sample,
)
from ohs.hazards.rules.errors import RuleInputError
from ohs.hazards.rules.judgement import confidence_reasons, require_unit
from ohs.hazards.rules.limits import DEFAULT_CONCENTRATION_UNIT, LimitValue

# GBZ 2.1-2019 6.3.3 (excursion_limits.md section 2, [S, one source]): while
# PC-TWA is met, exposure above 3 x PC-TWA may last at most 15 min each time,
# at most 4 times a working day, at least 1 h apart, and never above 5 x PC-TWA.
PEAK_MULTIPLE_2019 = 3.0
PEAK_MAX_EPISODE_MINUTES_2019 = 15.0
PEAK_MAX_EPISODES_PER_DAY_2019 = 4
PEAK_MIN_GAP_MINUTES_2019 = 60.0
PEAK_CEILING_MULTIPLE_2019 = 5.0

# GBZ 2.1-2007 excursion multiples by PC-TWA band (excursion_limits.md section 3, [M]):
# (band upper bound in mg/m3, exclusive; multiple). PC-TWA < 1 -> 3; < 10 -> 2.5; < 100 -> 2; else 1.5.
EXCURSION_BANDS_2007 = ((1.0, 3.0), (10.0, 2.5), (100.0, 2.0), (math.inf, 1.5))
DUST_EXCURSION_MULTIPLE_2007 = 2.0  # GBZ 2.1-2007: total and respirable dust ([M])


@dataclass(frozen=True, slots=True)
class PeakEpisode:
    """A stretch of back-to-back samples above the peak threshold."""

    started_at_minutes: float
    ended_at_minutes: float

    @property
    def duration_minutes(self) -> float:
        """Length of the episode in minutes."""
        return self.ended_at_minutes - self.started_at_minutes


@dataclass(frozen=True, slots=True)
class PeakJudgement:
    """Outcome of the peak rule (2019) or excursion-multiple rule (2007) for one day."""

    edition: Edition
    pc_twa_mg_per_m3: float
    allowed_multiple: float
    ceiling_multiple: float | None
    max_multiple_of_pc_twa: float
    episodes: tuple[PeakEpisode, ...]
    is_compliant: bool
    reasons: tuple[str, ...]
    rule_version: str


def excursion_multiple_2007(pc_twa_mg_per_m3: float, *, is_dust: bool = False) -> float:
    """Excursion multiple for a PC-TWA under GBZ 2.1-2007 (excursion_limits.md section 3, [M])."""
    if is_dust:
        return DUST_EXCURSION_MULTIPLE_2007
    return next(multiple for upper, multiple in EXCURSION_BANDS_2007 if pc_twa_mg_per_m3 < upper)


def find_peak_episodes(samples: Sequence[ShortSample], threshold_mg_per_m3: float) -> tuple[PeakEpisode, ...]:
    """Merge back-to-back samples whose concentration exceeds the threshold into episodes."""
    episodes: list[PeakEpisode] = []
    for sample in sorted(samples, key=lambda s: s.started_at_minutes):
        if sample.concentration_mg_per_m3 <= threshold_mg_per_m3:
            continue
        end = sample.started_at_minutes + sample.duration_minutes
        if episodes and sample.started_at_minutes <= episodes[-1].ended_at_minutes + DURATION_TOLERANCE:
            last = episodes[-1]
            episodes[-1] = PeakEpisode(last.started_at_minutes, max(end, last.ended_at_minutes))
        else:
            episodes.append(PeakEpisode(sample.started_at_minutes, end))
    return tuple(episodes)


def evaluate_peak_exposure(
    samples: Sequence[ShortSample],
    pc_twa: LimitValue,
    *,
    edition: Edition,
    is_dust: bool = False,
) -> PeakJudgement:
    """Apply the 2019 peak rule (6.3.3) or the 2007 excursion multiples, by ``edition``."""
    if not samples:
        raise RuleInputError("samples", "at least one short-term sample is required")
    for i, sample in enumerate(samples):
        check_short_sample(sample, f"samples[{i}]")
    if pc_twa.value <= 0:
        raise RuleInputError("pc_twa", f"must be > 0, got {pc_twa.value!r}")
    if edition is Edition.GBZ_2_1_2019:
        return _peak_2019(samples, pc_twa)
    return _excursion_2007(samples, pc_twa, is_dust=is_dust)


def _peak_2019(samples: Sequence[ShortSample], pc_twa: LimitValue) -> PeakJudgement:
    """GBZ 2.1-2019 6.3.3 on raw sample concentrations and their actual durations."""
    episodes = find_peak_episodes(samples, PEAK_MULTIPLE_2019 * pc_twa.value)
    problems = _ceiling_problems(samples, pc_twa) + _episode_problems(episodes)
    return _judgement(
        Edition.GBZ_2_1_2019, pc_twa, samples, episodes, problems,
        allowed=PEAK_MULTIPLE_2019, ceiling=PEAK_CEILING_MULTIPLE_2019,
    )  # fmt: skip


def _ceiling_problems(samples: Sequence[ShortSample], pc_twa: LimitValue) -> list[str]:
    """Samples above 5 x PC-TWA, which is never allowed (6.3.3)."""
    ceiling = PEAK_CEILING_MULTIPLE_2019 * pc_twa.value
    return [
        f"sample {i + 1} at {s.concentration_mg_per_m3:.4g} {pc_twa.unit} is above "
        f"{PEAK_CEILING_MULTIPLE_2019:g} x PC-TWA"
        for i, s in enumerate(samples)
        if s.concentration_mg_per_m3 > ceiling
    ]


def _episode_problems(episodes: Sequence[PeakEpisode]) -> list[str]:
    """Episodes too long, too many, or too close together (6.3.3)."""
    problems = [
        f"episode from {e.started_at_minutes:g} min lasts {e.duration_minutes:g} min, "
        f"over {PEAK_MAX_EPISODE_MINUTES_2019:g} min"
        for e in episodes
        if e.duration_minutes > PEAK_MAX_EPISODE_MINUTES_2019 + DURATION_TOLERANCE
    ]
    if len(episodes) > PEAK_MAX_EPISODES_PER_DAY_2019:
        problems.append(
            f"{len(episodes)} episodes above {PEAK_MULTIPLE_2019:g} x PC-TWA, "
            f"over {PEAK_MAX_EPISODES_PER_DAY_2019} a day"
        )
    problems += [
        f"episodes from {a.started_at_minutes:g} and {b.started_at_minutes:g} min are "
        f"{b.started_at_minutes - a.ended_at_minutes:g} min apart, under {PEAK_MIN_GAP_MINUTES_2019:g} min"
        for a, b in itertools.pairwise(episodes)
        if b.started_at_minutes - a.ended_at_minutes < PEAK_MIN_GAP_MINUTES_2019 - DURATION_TOLERANCE
    ]
    return problems


def _excursion_2007(samples: Sequence[ShortSample], pc_twa: LimitValue, *, is_dust: bool) -> PeakJudgement:
    """GBZ 2.1-2007: every 15-min C_STE at most PC-TWA x the excursion multiple."""
    require_unit(pc_twa, DEFAULT_CONCENTRATION_UNIT, "pc_twa")  # the bands are in mg/m3
    multiple = excursion_multiple_2007(pc_twa.value, is_dust=is_dust)
    problems = [
        f"C_STE of sample {i + 1} is {ste_of_sample(s) / pc_twa.value:.3g} x PC-TWA, over the multiple {multiple:g}"
        for i, s in enumerate(samples)
        if ste_of_sample(s) > multiple * pc_twa.value
    ]
    episodes = find_peak_episodes(samples, multiple * pc_twa.value)
    caution = "GBZ 2.1-2007 excursion multiples are recorded from memory ([M]); verify against the 2007 text"
    judgement = _judgement(
        Edition.GBZ_2_1_2007,
        pc_twa,
        samples,
        episodes,
        problems,
        allowed=multiple,
        ceiling=None,
    )
    return replace(judgement, reasons=(*judgement.reasons, caution))


def _judgement(
    edition: Edition,
    pc_twa: LimitValue,
    samples: Sequence[ShortSample],
    episodes: tuple[PeakEpisode, ...],
    problems: list[str],
    *,
    allowed: float,
    ceiling: float | None,
) -> PeakJudgement:
    """Assemble a PeakJudgement with a summary reason first."""
    rule = "peak rule (GBZ 2.1-2019 6.3.3)" if edition is Edition.GBZ_2_1_2019 else "excursion multiple (GBZ 2.1-2007)"
    verdict = "met" if not problems else "not met"
    max_multiple = max(s.concentration_mg_per_m3 for s in samples) / pc_twa.value
    return PeakJudgement(
        edition=edition,
        pc_twa_mg_per_m3=pc_twa.value,
        allowed_multiple=allowed,
        ceiling_multiple=ceiling,
        max_multiple_of_pc_twa=max_multiple,
        episodes=episodes,
        is_compliant=not problems,
        reasons=(f"{rule} {verdict}", *problems, *confidence_reasons("PC-TWA", pc_twa)),
        rule_version=RULE_VERSIONS[edition],
    )
