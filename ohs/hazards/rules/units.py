"""Unit conversions for GBZ 2.1 concentrations (reference/units_and_conversions.md)."""

from __future__ import annotations

from ohs.hazards.rules.errors import RuleInputError, check_non_negative, check_positive

# Molar volume of an ideal gas at the GBZ 2.1 reference conditions, 20 C and
# 101.3 kPa (units_and_conversions.md: Chinese practice uses 24.04 L/mol; not
# the 24.45 L/mol of ACGIH/OSHA at 25 C, nor 22.4 L/mol at 0 C).
MOLAR_VOLUME_L_PER_MOL = 24.04
REFERENCE_TEMPERATURE_K = 293.0  # 20 C, GBZ 2.1 reference temperature
REFERENCE_PRESSURE_KPA = 101.3  # GBZ 2.1 reference pressure
CELSIUS_TO_KELVIN = 273.0  # the rounding used by the GBZ 159 volume correction


def ppm_to_mg_per_m3(ppm: float, molar_mass_g_per_mol: float) -> float:
    """Convert ppm to mg/m3 at 20 C, 101.3 kPa: mg/m3 = ppm x M / 24.04 (units_and_conversions.md)."""
    check_non_negative(ppm, "ppm")
    check_positive(molar_mass_g_per_mol, "molar_mass_g_per_mol")
    return ppm * molar_mass_g_per_mol / MOLAR_VOLUME_L_PER_MOL


def mg_per_m3_to_ppm(mg_per_m3: float, molar_mass_g_per_mol: float) -> float:
    """Convert mg/m3 to ppm at 20 C, 101.3 kPa: ppm = mg/m3 x 24.04 / M (units_and_conversions.md)."""
    check_non_negative(mg_per_m3, "mg_per_m3")
    check_positive(molar_mass_g_per_mol, "molar_mass_g_per_mol")
    return mg_per_m3 * MOLAR_VOLUME_L_PER_MOL / molar_mass_g_per_mol


def standardise_air_volume_l(volume_l: float, temperature_c: float, pressure_kpa: float) -> float:
    """Correct a sampled air volume to 20 C, 101.3 kPa: V0 = Vt x 293/(273+t) x P/101.3 (GBZ 159, [M])."""
    check_non_negative(volume_l, "volume_l")
    check_positive(pressure_kpa, "pressure_kpa")
    kelvin = CELSIUS_TO_KELVIN + temperature_c
    if kelvin <= 0:
        raise RuleInputError("temperature_c", f"must be above absolute zero, got {temperature_c!r}")
    return volume_l * (REFERENCE_TEMPERATURE_K / kelvin) * (pressure_kpa / REFERENCE_PRESSURE_KPA)
