"""Choices of the hazard catalogue, with translated labels."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    # 职业病危害因素分类目录 (国卫疾控发〔2015〕92号) groups hazards this way.
    DUST = "dust", _("dust")
    CHEMICAL = "chemical", _("chemical")
    PHYSICAL = "physical", _("physical")
    BIOLOGICAL = "biological", _("biological")
    RADIATION = "radiation", _("radiation")
    OTHER = "other", _("other")


class Confidence(models.TextChoices):
    # reference/README.md: how far a value is confirmed against the standard.
    A = "A", _("A · read in a copy of the standard")
    B = "B", _("B · corroborated by secondary sources")
    C = "C", _("C · not yet confirmed")


class Metric(models.TextChoices):
    # GBZ 2.1-2019 limit types; physical agents keep the metric text of noise_heat.csv.
    MAC = "mac", _("MAC (maximum allowable concentration)")
    PC_TWA = "pc_twa", _("PC-TWA (8 h time-weighted average)")
    PC_STEL = "pc_stel", _("PC-STEL (15 min short-term)")
    PC_TWA_TOTAL = "pc_twa_total", _("PC-TWA, total dust")
    PC_TWA_RESPIRABLE = "pc_twa_respirable", _("PC-TWA, respirable dust")


class DiseaseEdition(models.TextChoices):
    # disease_catalog.md: 国卫疾控发〔2013〕48号, and the 2024 catalogue in force from 2025-08-01.
    E2013 = "2013", _("2013 catalogue")
    E2024 = "2024", _("2024 catalogue")


# Metric texts of reference/noise_heat.csv, shown in the page language.
PHYSICAL_METRIC_LABELS = {
    "L_EX_8h": _("L_EX,8h (8 h equivalent sound level)"),
    "L_EX_W (40 h week)": _("L_EX,W (40 h week equivalent sound level)"),
    "peak sound pressure level": _("peak sound pressure level"),
    "WBGT": _("WBGT index"),
    "WBGT adjustment": _("WBGT adjustment"),
    "labour intensity index n": _("labour intensity index n"),
    "4 h energy-equivalent frequency-weighted acceleration a_hw(4)": _("4 h frequency-weighted acceleration a_hw(4)"),
    "electric field strength": _("electric field strength"),
    "electric field": _("electric field"),
    "magnetic field": _("magnetic field"),
    "8 h mean power density": _("8 h mean power density"),
    "4 h mean power density": _("4 h mean power density"),
    "non-8 h mean power density": _("mean power density, other than 8 h"),
    "short-exposure power density": _("short-exposure power density"),
    "8 h mean field strength": _("8 h mean field strength"),
    "4 h mean field strength": _("4 h mean field strength"),
    "daily dose": _("daily dose"),
    "8 h irradiance": _("8 h irradiance"),
    "8 h radiant exposure": _("8 h radiant exposure"),
    "max heart rate": _("maximum heart rate"),
    "mean heart rate": _("mean heart rate"),
    "8 h energy expenditure": _("8 h energy expenditure"),
}


def metric_label(metric: str) -> str:
    """The page label of a stored metric: a GBZ 2.1 limit type or a noise_heat.csv metric."""
    if metric in Metric.values:
        return str(Metric(metric).label)
    return str(PHYSICAL_METRIC_LABELS.get(metric, metric))


_METRIC_SHORT: dict[str, str | Promise] = {
    Metric.MAC: "MAC",
    Metric.PC_TWA: "PC-TWA",
    Metric.PC_STEL: "PC-STEL",
    Metric.PC_TWA_TOTAL: _("total dust PC-TWA"),
    Metric.PC_TWA_RESPIRABLE: _("respirable dust PC-TWA"),
}


def metric_short_label(metric: str) -> str:
    """A short label for list rows: the GBZ 2.1 abbreviation, or the physical metric's label."""
    short = _METRIC_SHORT.get(metric)
    return str(short) if short is not None else metric_label(metric)


# Rule parameters read from the reference sheets (ohs.hazards.rules.parameters), by key.
PARAMETER_LABELS = {
    "peak_multiple": _("peak exposure threshold, multiple of PC-TWA"),
    "peak_max_episode_min": _("longest peak exposure episode"),
    "peak_max_episodes_per_day": _("peak exposure episodes per working day, at most"),
    "peak_min_gap_h": _("shortest interval between peak exposure episodes"),
    "peak_ceiling_multiple": _("never-exceed level, multiple of PC-TWA"),
    "molar_volume": _("molar volume for ppm to mg/m3 conversion"),
    "reference_temperature": _("reference temperature"),
    "reference_pressure": _("reference pressure"),
}
_EXCURSION_PREFIX, _NOISE_GRADE_PREFIX = "excursion_multiple_", "noise_grade_"


def parameter_label(key: str, name: str) -> str:
    """The page label of a rule parameter; the stored English name when the key is new."""
    if key.startswith(_EXCURSION_PREFIX):
        return str(_("excursion multiple (GBZ 2.1-2007)"))
    if key.startswith(_NOISE_GRADE_PREFIX):
        grade = key.removeprefix(_NOISE_GRADE_PREFIX).removesuffix("_lower")
        return str(_("noise work grade %(grade)s, lower bound")) % {"grade": grade}
    return str(PARAMETER_LABELS.get(key, name))
