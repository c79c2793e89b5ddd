"""Field and laboratory arithmetic of one air sample (GBZ 159-2004, GBZ/T 300 series).

The platform reproduces the laboratory's concentration from the mass found and the air volume
sampled, and checks the pump's flow before and after sampling; a mismatch is flagged, never
silently accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from ohs.hazards.rules.errors import RuleInputError, check_non_negative, check_positive

# GBZ 159-2004 5.2: the flow after sampling must differ from the flow before by less than 5 %,
# otherwise the sample is invalid.
MAX_FLOW_DRIFT_FRACTION = 0.05
# Reported concentrations are rounded (GBZ/T 300: three significant figures); a reproduced value
# within 2 % of the reported one is the same result. The platform's own tolerance, not a clause.
CONCENTRATION_TOLERANCE_FRACTION = 0.02
MICROGRAMS_PER_LITRE_IS_MG_PER_M3 = 1.0  # 1 ug/L = 1 mg/m3: the unit identity the formula uses
RULE_VERSION = "detection-sampling/1"


@dataclass(frozen=True, slots=True)
class FlowCheck:
    """Flow before and after sampling: the mean flow, the drift and whether the sample is valid."""

    mean_l_per_min: float
    drift_fraction: float
    is_valid: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ConcentrationCheck:
    """The laboratory's concentration compared with the one the platform reproduces."""

    reproduced_mg_per_m3: float
    reported_mg_per_m3: float
    difference_fraction: float
    is_consistent: bool
    is_below_lod: bool
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


def check_flow(before_l_per_min: float, after_l_per_min: float) -> FlowCheck:
    """Mean of the two flows and their relative drift against the 5 % of GBZ 159-2004 5.2."""
    before = check_positive(before_l_per_min, "flow_before_l_per_min")
    after = check_positive(after_l_per_min, "flow_after_l_per_min")
    drift = abs(after - before) / before
    valid = drift < MAX_FLOW_DRIFT_FRACTION
    verdict = "is below" if valid else "reaches"
    reason = f"flow drift {drift:.1%} {verdict} the {MAX_FLOW_DRIFT_FRACTION:.0%} of GBZ 159-2004 5.2"
    return FlowCheck((before + after) / 2.0, drift, valid, (reason,))


def sampled_volume_l(mean_flow_l_per_min: float, minutes: float) -> float:
    """Air volume drawn through the sampler: mean flow x sampling time."""
    check_non_negative(mean_flow_l_per_min, "mean_flow_l_per_min")
    check_non_negative(minutes, "minutes")
    return mean_flow_l_per_min * minutes


def concentration_mg_per_m3(mass_ug: float, volume_l: float) -> float:
    """C = m / V: micrograms found per litre of air sampled is mg/m3 (GBZ/T 300 general formula)."""
    check_non_negative(mass_ug, "mass_ug")
    volume = check_positive(volume_l, "volume_l")
    return mass_ug / volume * MICROGRAMS_PER_LITRE_IS_MG_PER_M3


def check_concentration(
    *, mass_ug: float, volume_l: float, reported_mg_per_m3: float, lod_mg_per_m3: float | None
) -> ConcentrationCheck:
    """Reproduce C = m / V and compare it with the reported figure; a result under the LOD is a non-detect."""
    reproduced = concentration_mg_per_m3(mass_ug, volume_l)
    reported = check_non_negative(reported_mg_per_m3, "concentration_mg_per_m3")
    if lod_mg_per_m3 is not None:
        check_non_negative(lod_mg_per_m3, "lod_mg_per_m3")
    scale = max(reproduced, reported)
    difference = 0.0 if scale == 0 else abs(reproduced - reported) / scale
    consistent = difference <= CONCENTRATION_TOLERANCE_FRACTION
    below = lod_mg_per_m3 is not None and reported < lod_mg_per_m3
    reasons = [
        f"{mass_ug:g} ug / {volume_l:g} L = {reproduced:.4g} mg/m3; reported {reported:.4g} mg/m3 "
        f"({difference:.1%} apart, tolerance {CONCENTRATION_TOLERANCE_FRACTION:.0%})"
    ]
    if below:
        reasons.append(f"below the limit of detection {lod_mg_per_m3:g} mg/m3: a non-detect")
    return ConcentrationCheck(reproduced, reported, difference, consistent, below, tuple(reasons))


def require_consistent(check: ConcentrationCheck) -> ConcentrationCheck:
    """Refuse a concentration the mass and volume do not support."""
    if not check.is_consistent:
        raise RuleInputError("concentration_mg_per_m3", check.reasons[0])
    return check
