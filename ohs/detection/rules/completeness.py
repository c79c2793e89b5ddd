"""Is a sampling plan complete against the declaration in force?

Every hazard declared at every post must be sampled (at least one sample planned) or its
omission justified in writing (GBZ 159-2004 4: the plan covers every post with exposure).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One hazard at one post in the plan: how many samples, or why none."""

    post_id: int
    agent_id: int
    samples_planned: int
    justification: str = ""

    @property
    def is_covered(self) -> bool:
        return self.samples_planned > 0 or bool(self.justification.strip())


@dataclass(frozen=True, slots=True)
class Gap:
    post_id: int
    agent_id: int


def plan_gaps(declared: Iterable[tuple[int, int]], plan: Iterable[PlanLine]) -> tuple[Gap, ...]:
    """Declared (post, agent) pairs the plan neither samples nor justifies, in declaration order."""
    covered = {(line.post_id, line.agent_id) for line in plan if line.is_covered}
    seen: set[tuple[int, int]] = set()
    gaps = []
    for pair in declared:
        if pair not in covered and pair not in seen:
            gaps.append(Gap(*pair))
        seen.add(pair)
    return tuple(gaps)


# Which sampling types give a figure the engine can judge, by hazard category (GBZ 159-2004 for
# chemicals, GBZ/T 192 for dust, GBZ/T 189.8 for noise). Other physical agents are not yet judged
# from samples here, so the plan must justify them.
KINDS_BY_CATEGORY: dict[str, frozenset[str]] = {
    "chemical": frozenset({"twa", "short"}),
    "dust": frozenset({"dust_total", "dust_respirable"}),
}
NOISE_KINDS = frozenset({"noise"})


def kinds_for(category: str, *, is_noise: bool) -> frozenset[str]:
    """Sampling types that fit a hazard of ``category`` (noise is a physical agent of its own)."""
    return NOISE_KINDS if is_noise else KINDS_BY_CATEGORY.get(category, frozenset())
