"""Exposure engine: the public API, re-exported from the modules that implement it.

- chemicals: :mod:`.concentration` (C_TWA, C_STE), :mod:`.chemical` (MAC,
  PC-TWA, PC-STEL), :mod:`.peak` (2019 peak rule, 2007 excursion multiples),
  :mod:`.dust` (free-SiO2 tiers) — GBZ 2.1-2019 / GBZ 2.1-2007;
- physical agents: :mod:`.noise`, :mod:`.heat`, :mod:`.physical` — GBZ 2.2-2007;
- :mod:`.units` (ppm <-> mg/m3 at 20 C, 101.3 kPa), :mod:`.streaming`
  (incremental TWA and rolling 15-min mean), :mod:`.judgement` (ratio to the
  limit, action level).
"""

from __future__ import annotations

from ohs.hazards.rules.chemical import (
    ChemicalEvaluation,
    ChemicalMeasurement,
    evaluate_chemical,
    judge_mac,
    judge_stel,
    judge_twa,
)
from ohs.hazards.rules.concentration import (
    Edition,
    ShortSample,
    SteSegment,
    TwaSegment,
    compute_ste,
    compute_twa,
    ste_of_sample,
)
from ohs.hazards.rules.dust import (
    DustEvaluation,
    DustMeasurement,
    choose_dust_oel,
    evaluate_dust,
)
from ohs.hazards.rules.errors import RuleInputError
from ohs.hazards.rules.heat import (
    WbgtSegment,
    classify_labour_intensity,
    compute_wbgt_twa,
    contact_time_ratio_percent,
    judge_wbgt,
    wbgt_limit,
)
from ohs.hazards.rules.judgement import (
    ACTION_LEVEL_FRACTION,
    LimitJudgement,
    RatioKind,
    judge_against_limit,
)
from ohs.hazards.rules.noise import (
    NoiseSegment,
    impulse_peak_tier,
    judge_impulse_noise,
    judge_lex_8h,
    judge_lex_w,
    laeq_te,
    lex_8h,
    lex_8h_from_laeq,
    lex_w,
)
from ohs.hazards.rules.peak import (
    PeakEpisode,
    PeakJudgement,
    evaluate_peak_exposure,
    excursion_multiple_2007,
    find_peak_episodes,
)
from ohs.hazards.rules.physical import (
    MicrowaveSegment,
    VibrationSegment,
    compute_ahw_4h,
    compute_microwave_dose_uw_h_per_cm2,
    judge_hand_arm_vibration,
    judge_microwave,
    judge_physical_limit,
)
from ohs.hazards.rules.streaming import (
    RollingSteState,
    TwaShiftState,
    add_ste_reading,
    add_twa_reading,
    dump_rolling_ste,
    dump_twa_shift,
    projected_twa_mg_per_m3,
    restore_rolling_ste,
    restore_twa_shift,
    running_twa_mg_per_m3,
    start_rolling_ste,
    start_twa_shift,
)
from ohs.hazards.rules.units import (
    mg_per_m3_to_ppm,
    ppm_to_mg_per_m3,
    standardise_air_volume_l,
)

__all__ = [
    "ACTION_LEVEL_FRACTION",
    "ChemicalEvaluation",
    "ChemicalMeasurement",
    "DustEvaluation",
    "DustMeasurement",
    "Edition",
    "LimitJudgement",
    "MicrowaveSegment",
    "NoiseSegment",
    "PeakEpisode",
    "PeakJudgement",
    "RatioKind",
    "RollingSteState",
    "RuleInputError",
    "ShortSample",
    "SteSegment",
    "TwaSegment",
    "TwaShiftState",
    "VibrationSegment",
    "WbgtSegment",
    "add_ste_reading",
    "add_twa_reading",
    "choose_dust_oel",
    "classify_labour_intensity",
    "compute_ahw_4h",
    "compute_microwave_dose_uw_h_per_cm2",
    "compute_ste",
    "compute_twa",
    "compute_wbgt_twa",
    "contact_time_ratio_percent",
    "dump_rolling_ste",
    "dump_twa_shift",
    "evaluate_chemical",
    "evaluate_dust",
    "evaluate_peak_exposure",
    "excursion_multiple_2007",
    "find_peak_episodes",
    "impulse_peak_tier",
    "judge_against_limit",
    "judge_hand_arm_vibration",
    "judge_impulse_noise",
    "judge_lex_8h",
    "judge_lex_w",
    "judge_mac",
    "judge_microwave",
    "judge_physical_limit",
    "judge_stel",
    "judge_twa",
    "judge_wbgt",
    "laeq_te",
    "lex_8h",
    "lex_8h_from_laeq",
    "lex_w",
    "mg_per_m3_to_ppm",
    "ppm_to_mg_per_m3",
    "projected_twa_mg_per_m3",
    "restore_rolling_ste",
    "restore_twa_shift",
    "running_twa_mg_per_m3",
    "standardise_air_volume_l",
    "start_rolling_ste",
    "start_twa_shift",
    "ste_of_sample",
    "wbgt_limit",
]
