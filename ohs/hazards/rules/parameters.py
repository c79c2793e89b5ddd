"""Read the rule figures stated in reference/*.md prose into data, each with its confidence.

The markdown fact sheets mark every fact [S] (seen in a retrieved source), [M] (prior
knowledge) or [D] (derived). reference/README.md asks for the A/B/C grade on every value:
[S] becomes B (a secondary source; A needs a copy of the standard), while a fact seen in one
source only, remembered or derived becomes C. Each figure is found by a pattern that names
it; a sheet that no longer says it fails loudly instead of loading a wrong number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ohs.hazards.rules.errors import RuleInputError
from ohs.hazards.rules.limit_values import Confidence

EXCURSION_FILE = "excursion_limits.md"
UNITS_FILE = "units_and_conversions.md"
PHYSICAL_FILE = "physical_agents.md"

_NUMBER = r"(\d+(?:\.\d+)?)"


@dataclass(frozen=True, slots=True)
class ParameterFact:
    """One figure of a rule, as a reference sheet states it."""

    key: str
    name: str
    value_text: str
    unit: str
    condition: str
    edition: str
    clause: str
    confidence: Confidence
    source: str


@dataclass(frozen=True, slots=True)
class _Pattern:
    key: str
    name: str
    regex: str
    unit: str
    condition: str = ""


def confidence_of_marker(marker: str) -> Confidence:
    """Grade a fact-sheet marker: [S] is B; one source only, [M], [D] or anything else is C."""
    text = marker.strip().strip("[]")
    if text.startswith("S") and "one source" not in text:
        return Confidence.B
    return Confidence.C


def _find(text: str, pattern: _Pattern, file: str) -> str:
    """The number the pattern captures, or RuleInputError naming the parameter."""
    match = re.search(pattern.regex, text)
    if match is None:
        raise RuleInputError(pattern.key, f"not stated in {file}")
    return match.group(1)


def _facts(
    text: str, patterns: tuple[_Pattern, ...], *, file: str, edition: str, clause: str, marker: str
) -> list[ParameterFact]:
    """Facts of one section that shares its edition, clause and marker."""
    source = f"reference/{file} {marker}"
    return [
        ParameterFact(
            p.key,
            p.name,
            _find(text, p, file),
            p.unit,
            p.condition,
            edition,
            clause,
            confidence_of_marker(marker),
            source,
        )
        for p in patterns
    ]


_PEAK_2019 = (
    _Pattern("peak_multiple", "peak threshold, multiple of PC-TWA", rf"above \*\*{_NUMBER} x PC-TWA\*\*", "x PC-TWA"),
    _Pattern("peak_max_episode_min", "longest peak episode", rf"\*\*at most {_NUMBER} min each time\*\*", "min"),
    _Pattern("peak_max_episodes_per_day", "peak episodes per day", rf"\*\*at most {_NUMBER} times per", "times/day"),
    _Pattern("peak_min_gap_h", "shortest gap between peak episodes", rf"\*\*at least {_NUMBER} h between\*\*", "h"),
    _Pattern(
        "peak_ceiling_multiple", "ceiling, multiple of PC-TWA", rf"\*\*never exceed {_NUMBER} x PC-TWA\*\*", "x PC-TWA"
    ),
)
_EXCURSION_2007 = (
    _Pattern("excursion_multiple_lt1", "excursion multiple", rf"<1 -> {_NUMBER}", "x PC-TWA", "PC-TWA < 1 mg/m3"),
    _Pattern(
        "excursion_multiple_lt10", "excursion multiple", rf"1 to <10 -> {_NUMBER}", "x PC-TWA", "1 <= PC-TWA < 10"
    ),
    _Pattern(
        "excursion_multiple_lt100", "excursion multiple", rf"10 to <100 -> {_NUMBER}", "x PC-TWA", "10 <= PC-TWA < 100"
    ),
    _Pattern("excursion_multiple_ge100", "excursion multiple", rf">=100 -> {_NUMBER}", "x PC-TWA", "PC-TWA >= 100"),
    _Pattern(
        "excursion_multiple_dust", "excursion multiple", rf"dust excursion multiple {_NUMBER}", "x PC-TWA", "dust"
    ),
)


def parse_excursion_facts(text: str) -> list[ParameterFact]:
    """The 2019 peak-exposure rule (6.3.3) and the 2007 excursion multiples of excursion_limits.md."""
    peak_marker = "[S, one source]" if "[S, one source]" in text else "[M]"
    return [
        *_facts(text, _PEAK_2019, file=EXCURSION_FILE, edition="GBZ 2.1-2019", clause="6.3.3", marker=peak_marker),
        *_facts(text, _EXCURSION_2007, file=EXCURSION_FILE, edition="GBZ 2.1-2007", clause="", marker="[M]"),
    ]


_UNITS = (
    _Pattern("molar_volume", "molar volume at the reference conditions", rf"practice uses {_NUMBER}\)", "L/mol"),
    _Pattern("reference_temperature", "reference temperature", rf"\*\*{_NUMBER} C, [\d.]+ kPa\*\*", "C"),
    _Pattern("reference_pressure", "reference pressure", rf"\*\*\d+ C, {_NUMBER} kPa\*\*", "kPa"),
)


def parse_unit_facts(text: str) -> list[ParameterFact]:
    """Reference conditions and molar volume for ppm <-> mg/m3 (units_and_conversions.md)."""
    # The sheet marks the conditions [S: third-party code] and the 24.04 figure as computed.
    conditions = _facts(text, _UNITS[1:], file=UNITS_FILE, edition="GBZ 2.1-2019", clause="", marker="[S]")
    volume = _facts(text, _UNITS[:1], file=UNITS_FILE, edition="GBZ 2.1-2019", clause="", marker="[computed]")
    return [*volume, *conditions]


_NOISE_GRADE_RE = re.compile(r"^\|\s*(IV|III|II|I)\s*\|\s*(?:L\s*>=\s*)?(\d+)", re.MULTILINE)


def parse_noise_grading_facts(text: str) -> list[ParameterFact]:
    """GBZ/T 229.4-2012 noise work grades I-IV by their lower L_EX,8h bound (physical_agents.md, [M])."""
    section = text.split("GBZ/T 229.4-2012 noise work grading", 1)[-1]
    found = _NOISE_GRADE_RE.findall(section)
    if len(found) != len(("I", "II", "III", "IV")):
        raise RuleInputError("noise_grade", f"expected grades I-IV in {PHYSICAL_FILE}, found {len(found)}")
    return [
        ParameterFact(
            key=f"noise_grade_{grade}_lower",
            name=f"noise work grade {grade}, lower bound",
            value_text=lower,
            unit="dB(A)",
            condition=f"grade {grade}",
            edition="GBZ/T 229.4-2012",
            clause="",
            confidence=confidence_of_marker("[M]"),
            source=f"reference/{PHYSICAL_FILE} [M]",
        )
        for grade, lower in found
    ]
