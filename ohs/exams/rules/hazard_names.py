"""Match a catalogue hazard name (Agent.name_zh) to its GBZ 188 row in the reference.

The catalogue and reference/surveillance_gbz188.csv name hazards differently: the catalogue
adds qualifiers ("锰及其无机化合物(按MnO2计)"), and a GBZ 188 row covers related agents in its
parentheses ("苯(甲苯、二甲苯参照执行)", "其他致尘肺病的无机粉尘(含电焊烟尘、…)"). No match
means the schedule reports the hazard as not in the reference; nothing is guessed beyond these
two readings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_QUALIFIER = re.compile(r"[(（]([^)）]*)[)）]")
_MIN_ALIAS_CHARS = 2  # single characters (苯, 氨) are only ever matched exactly


def base_name(name: str) -> str:
    """The name without its parenthesised qualifiers."""
    return _QUALIFIER.sub("", name).strip()


def _covered_names(row_hazard: str) -> list[str]:
    inside = "、".join(_QUALIFIER.findall(row_hazard))
    parts = re.split(r"[、，,;；]", inside.replace("含", "、").replace("参照执行", ""))
    return [p.strip() for p in parts if len(p.strip()) >= _MIN_ALIAS_CHARS]


def reference_hazard_for(agent_name: str, row_hazards: Iterable[str]) -> str | None:
    """The reference row for a catalogue name: exact, same base name, or named in a row's parentheses."""
    rows = list(row_hazards)
    if agent_name in rows:
        return agent_name
    base = base_name(agent_name)
    for row in rows:
        if base_name(row) == base:
            return row
    for row in rows:
        if base in _covered_names(row):
            return row
    return None
