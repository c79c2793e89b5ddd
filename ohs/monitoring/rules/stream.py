"""Streaming evaluation of one channel: the values each alert rule judges, reading by reading.

The exposure maths is ``ohs.hazards.rules.streaming`` (running / projected 8-h TWA, rolling
15-min mean) and ``ohs.hazards.rules.noise`` (L_EX,8h); this module only decides which stream
feeds which rule, when a shift starts, and what a gap in the data means:

* ``mac``: every reading against MAC (GBZ 2.1-2019 4.1);
* ``wbgt``: every WBGT reading against its limit (GBZ 2.2-2007, the channel's labour intensity);
* ``stel``: the rolling 15-min mean against PC-STEL (GBZ 2.1-2019 C_STE);
* ``peak`` / ``ceiling``: for an agent with PC-TWA and no PC-STEL, the rolling 15-min mean against
  3 x PC-TWA and every reading against 5 x PC-TWA (GBZ 2.1-2019 6.3.3, peak exposure rule);
* ``twa``: the shift's 8-h TWA against PC-TWA: the running figure, and once enough of the shift
  is seen, the projection to the planned exposure time;
* ``lex8h``: L_EX,8h built from the LAeq stream against 85 dB(A) (GBZ 2.2-2007 11.2.1).

A gap longer than ``GAP_FACTOR`` reporting intervals counts as no exposure (no data is not the
next value held for hours). Pure: state in, state out, restorable with ``restore_state``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from ohs.hazards.rules.noise import lex_8h_from_laeq
from ohs.hazards.rules.peak import PEAK_CEILING_MULTIPLE_2019, PEAK_MULTIPLE_2019
from ohs.hazards.rules.streaming import (
    MAX_SHIFT_MINUTES,
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

RULE_VERSION = "monitoring.stream/1"
GAP_FACTOR = 3  # more than 3 missed reports: the device was silent, not the air constant
PROJECTION_MIN_MINUTES = 60.0  # before an hour of the shift is seen, a projection is mostly noise
_SECONDS_PER_MINUTE = 60.0
# A shift starts at the same local hour each day: 24 h later, or 23 to 25 h across a daylight-saving
# change (2 h where a zone ever jumped by 2 h). Within 22 h of a start, a reading is surely in its shift.
_SURELY_SAME_SHIFT = timedelta(hours=22)
_NO_TIME = timedelta(0)
_DECIBELS_PER_BEL = 10.0


class Method(StrEnum):
    """How a channel's values are judged."""

    CONCENTRATION = "concentration"  # dust, gas: mg/m3 against GBZ 2.1 limits
    NOISE = "noise"  # LAeq in dB(A): L_EX,8h
    HEAT = "heat"  # WBGT against its limit per reading
    NONE = "none"  # temperature, humidity: stored and charted only


@dataclass(frozen=True, slots=True)
class ChannelLimits:
    """The limits of one channel (None: the limit does not exist for its agent)."""

    method: Method
    interval_seconds: int
    planned_exposure_hours: float = 8.0
    twa: float | None = None  # PC-TWA in mg/m3, or 85 dB(A) for L_EX,8h
    stel: float | None = None
    mac: float | None = None  # MAC, or the WBGT limit
    shift_start_hour: int = 8


@dataclass(frozen=True, slots=True)
class StreamState:
    """Where the channel's shift stands."""

    shift_start: datetime | None = None
    last_at: datetime | None = None
    twa: TwaShiftState | None = None
    ste: RollingSteState | None = None


def shift_start_for(at: datetime, start_hour: int, tz: tzinfo) -> datetime:
    """The start of the shift ``at`` belongs to: today's start hour, or yesterday's before it."""
    local = at.astimezone(tz)
    start = local.replace(hour=start_hour, minute=0, second=0, microsecond=0)
    return start if local >= start else start - timedelta(days=1)


def advance(
    state: StreamState, limits: ChannelLimits, value: float, at: datetime, tz: tzinfo
) -> tuple[StreamState, dict[str, float]]:
    """Feed one reading; returns the new state and the value each applicable rule judges.

    Readings not later than the last one are ignored (resent data): no evaluation."""
    if state.last_at is not None and at <= state.last_at:
        return state, {}
    if limits.method is Method.NONE:
        return replace(state, last_at=at), {}
    if limits.method is Method.HEAT:
        return replace(state, last_at=at), ({"wbgt": value} if limits.mac is not None else {})
    start = _shift_start(state, at, limits, tz)
    if state.shift_start != start:
        state = StreamState(start, None, start_twa_shift(_planned_hours(limits)), start_rolling_ste())
    assert state.twa is not None and state.ste is not None
    minutes = (at - start).total_seconds() / _SECONDS_PER_MINUTE
    if minutes <= state.twa.elapsed_minutes:  # exactly at the shift start: nothing has elapsed yet
        return replace(state, last_at=at), {}
    if minutes > MAX_SHIFT_MINUTES:  # the 25th hour of a day whose clocks fall back: past what a shift holds
        return replace(state, last_at=at), {}
    level = _energy(value) if limits.method is Method.NOISE else value
    twa, ste = _fill_gap(state, limits, minutes)
    twa = add_twa_reading(twa, level, minutes)
    ste = add_ste_reading(ste, level, minutes)
    new_state = StreamState(start, at, twa, ste)
    if limits.method is Method.NOISE:
        return new_state, _noise_values(twa, limits)
    return new_state, _concentration_values(twa, ste, value, limits)


def _shift_start(state: StreamState, at: datetime, limits: ChannelLimits, tz: tzinfo) -> datetime:
    """``shift_start_for``, without the time zone arithmetic while ``at`` is surely in the same shift:
    less than a day minus any daylight-saving jump after its start (the common case, every reading)."""
    start = state.shift_start
    if start is not None and _NO_TIME <= at - start < _SURELY_SAME_SHIFT:
        return start
    return shift_start_for(at, limits.shift_start_hour, tz)


def _planned_hours(limits: ChannelLimits) -> float:
    return min(limits.planned_exposure_hours, MAX_SHIFT_MINUTES / 60.0)


def _fill_gap(state: StreamState, limits: ChannelLimits, minutes: float) -> tuple[TwaShiftState, RollingSteState]:
    """Count a silence of more than GAP_FACTOR intervals as zero, up to one interval before now."""
    assert state.twa is not None and state.ste is not None
    interval = limits.interval_seconds / _SECONDS_PER_MINUTE
    since = state.twa.elapsed_minutes
    if minutes - since <= GAP_FACTOR * interval or minutes - interval <= since:
        return state.twa, state.ste
    return add_twa_reading(state.twa, 0.0, minutes - interval), add_ste_reading(state.ste, 0.0, minutes - interval)


def _concentration_values(
    twa: TwaShiftState, ste: RollingSteState, value: float, limits: ChannelLimits
) -> dict[str, float]:
    values: dict[str, float] = {}
    if limits.mac is not None:
        values["mac"] = value
    if limits.stel is not None:
        values["stel"] = ste.ste_mg_per_m3
    elif limits.twa is not None:
        # Peak rule, compared as multiples of PC-TWA so one rule serves every agent.
        values["peak"] = ste.ste_mg_per_m3 / limits.twa
        values["ceiling"] = value / limits.twa
    if limits.twa is not None:
        values["twa"] = _shift_twa(twa)
    return values


def _shift_twa(twa: TwaShiftState) -> float:
    running = running_twa_mg_per_m3(twa)
    if twa.elapsed_minutes < PROJECTION_MIN_MINUTES:
        return running
    return max(running, projected_twa_mg_per_m3(twa))


def _noise_values(twa: TwaShiftState, limits: ChannelLimits) -> dict[str, float]:
    """L_EX,8h so far, and projected over the planned exposure once an hour is seen."""
    if limits.twa is None or twa.elapsed_minutes <= 0:
        return {}
    running = lex_8h_from_laeq(_level(twa.dose_mg_min_per_m3 / twa.elapsed_minutes), twa.elapsed_minutes / 60.0)
    if twa.elapsed_minutes < PROJECTION_MIN_MINUTES:
        return {"lex8h": running}
    projected = lex_8h_from_laeq(_level(twa.dose_mg_min_per_m3 / twa.elapsed_minutes), twa.planned_exposure_hours)
    return {"lex8h": max(running, projected)}


def _energy(level_dba: float) -> float:
    """Relative sound energy 10^(L/10): the TWA accumulator then averages energy, as LAeq does."""
    return float(10 ** (level_dba / _DECIBELS_PER_BEL))


def _level(energy: float) -> float:
    return _DECIBELS_PER_BEL * math.log10(energy) if energy > 0 else 0.0


def rule_limits(limits: ChannelLimits) -> dict[str, float]:
    """The limit each rule compares with (peak and ceiling as multiples of PC-TWA)."""
    result: dict[str, float] = {}
    if limits.mac is not None and limits.method is Method.CONCENTRATION:
        result["mac"] = limits.mac
    if limits.mac is not None and limits.method is Method.HEAT:
        result["wbgt"] = limits.mac
    if limits.method is Method.CONCENTRATION and limits.stel is not None:
        result["stel"] = limits.stel
    elif limits.method is Method.CONCENTRATION and limits.twa is not None:
        result["peak"] = PEAK_MULTIPLE_2019
        result["ceiling"] = PEAK_CEILING_MULTIPLE_2019
    if limits.method is Method.CONCENTRATION and limits.twa is not None:
        result["twa"] = limits.twa
    if limits.method is Method.NOISE and limits.twa is not None:
        result["lex8h"] = limits.twa
    return result


# Rules that judge each reading on its own (see _concentration_values: "ceiling" as a multiple of PC-TWA).
_PER_READING_RULES = frozenset({"mac", "wbgt", "ceiling"})


def reading_reaching(rule_id: str, judged: float, limits: ChannelLimits) -> float | None:
    """The reading value at which a rule that judges single readings judges ``judged``; None for a
    rule that judges an accumulated figure (a mean, a dose), which no single value decides."""
    if rule_id not in _PER_READING_RULES:
        return None
    if rule_id == "ceiling":  # judged as a multiple of PC-TWA
        return judged * limits.twa if limits.twa is not None else None
    return judged


def dump_state(state: StreamState) -> dict[str, Any]:
    """A JSON-able form of the state."""
    return {
        "shift_start": state.shift_start.isoformat() if state.shift_start else None,
        "last_at": state.last_at.isoformat() if state.last_at else None,
        "twa": dump_twa_shift(state.twa) if state.twa else None,
        "ste": dump_rolling_ste(state.ste) if state.ste else None,
    }


def restore_state(data: Mapping[str, Any]) -> StreamState:
    """Rebuild the state stored by ``dump_state`` (validated by the streaming module)."""
    if not data:
        return StreamState()
    return StreamState(
        shift_start=datetime.fromisoformat(data["shift_start"]) if data.get("shift_start") else None,
        last_at=datetime.fromisoformat(data["last_at"]) if data.get("last_at") else None,
        twa=restore_twa_shift(data["twa"]) if data.get("twa") else None,
        ste=restore_rolling_ste(data["ste"]) if data.get("ste") else None,
    )
