"""Streaming evaluation: which value each rule judges (GBZ 2.1-2019, GBZ 2.2-2007), shifts and gaps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from ohs.monitoring.rules.alert_policy import DEFAULT_POLICY, needs_action, rule_for
from ohs.monitoring.rules.alerting import Severity
from ohs.monitoring.rules.rates import WarningRecord, as_percent, compute_rates
from ohs.monitoring.rules.stream import (
    ChannelLimits,
    Method,
    StreamState,
    advance,
    dump_state,
    reading_reaching,
    restore_state,
    rule_limits,
    shift_start_for,
)

TZ = ZoneInfo("Asia/Shanghai")
SHIFT = dt.datetime(2026, 11, 30, 8, 0, tzinfo=TZ)
DUST = ChannelLimits(Method.CONCENTRATION, 60, twa=8.0)  # 其他粉尘: PC-TWA 8 mg/m3, no PC-STEL
CO = ChannelLimits(Method.CONCENTRATION, 60, twa=20.0, stel=30.0)  # 一氧化碳(非高原)
NOISE = ChannelLimits(Method.NOISE, 60, twa=85.0)
HEAT = ChannelLimits(Method.HEAT, 60, mac=29.0)


def _feed(
    limits: ChannelLimits, values: list[float], start: dt.datetime = SHIFT
) -> tuple[StreamState, dict[str, float]]:
    state, judged = StreamState(), dict[str, float]()
    for minute, value in enumerate(values, start=1):
        state, judged = advance(state, limits, value, start + dt.timedelta(minutes=minute), TZ)
    return state, judged


def test_dust_without_stel_is_judged_by_the_peak_rule_and_its_ceiling() -> None:
    # 15 minutes at 30 mg/m3 = 3.75 x PC-TWA: the 15-min mean passes the 3 x peak limit, one reading 5 x.
    _state, judged = _feed(DUST, [30.0] * 15)
    assert judged["peak"] == 3.75 and judged["ceiling"] == 3.75
    assert rule_limits(DUST) == {"peak": 3.0, "ceiling": 5.0, "twa": 8.0}


def test_running_twa_counts_the_rest_of_eight_hours_as_zero() -> None:
    # 30 minutes at 16 mg/m3: C_TWA so far = 16 x 30 / 480 = 1.0 mg/m3 (GBZ 2.1-2019, divisor 8 h).
    _state, judged = _feed(DUST, [16.0] * 30)
    assert judged["twa"] == 1.0


def test_projected_twa_after_an_hour() -> None:
    # 60 minutes at 10 mg/m3, planned 8 h: projected C_TWA = 10 mg/m3 (over the 8 mg/m3 limit).
    _state, judged = _feed(DUST, [10.0] * 60)
    assert abs(judged["twa"] - 10.0) < 1e-9


def test_gas_with_stel_uses_the_rolling_fifteen_minute_mean() -> None:
    _state, judged = _feed(CO, [10.0] * 10 + [40.0] * 5)
    assert abs(judged["stel"] - (10 * 10 + 40 * 5) / 15) < 1e-9
    assert "peak" not in judged


def test_noise_lex_8h_from_the_laeq_stream() -> None:
    # 60 minutes at 91 dB(A), planned 8 h: projected L_EX,8h = 91 dB(A); running = 91 + 10 lg(1/8) = 82.
    _state, judged = _feed(NOISE, [91.0] * 60)
    assert abs(judged["lex8h"] - 91.0) < 1e-6
    _state, judged = _feed(NOISE, [91.0] * 30)
    assert abs(judged["lex8h"] - (91.0 - 10 * 1.2041199826559248)) < 1e-6


def test_heat_judges_each_reading_against_the_wbgt_limit() -> None:
    assert _feed(HEAT, [30.5])[1] == {"wbgt": 30.5}


def test_a_new_shift_starts_afresh_and_resent_readings_are_ignored() -> None:
    state, _ = _feed(DUST, [16.0] * 30)
    again, judged = advance(state, DUST, 99.0, SHIFT + dt.timedelta(minutes=30), TZ)
    assert (again, judged) == (state, {})
    tomorrow, judged = advance(state, DUST, 16.0, SHIFT + dt.timedelta(days=1, minutes=1), TZ)
    assert tomorrow.shift_start == SHIFT + dt.timedelta(days=1) and judged["twa"] == 16.0 / 480


def test_a_silent_device_does_not_hold_its_next_value_for_hours() -> None:
    state, _ = _feed(DUST, [2.0])
    _state, judged = advance(state, DUST, 8.0, SHIFT + dt.timedelta(hours=3), TZ)
    # Only one interval (1 min) at 8 mg/m3 after the gap, not 179 minutes: dose 2 + 8 = 10 mg.min/m3
    # over 180 min; projected to 8 h at that mean: (10 + 10 / 180 x 300) / 480.
    assert abs(judged["twa"] - (10.0 + 10.0 / 180 * 300) / 480) < 1e-9


def test_shift_start_before_the_start_hour_is_yesterdays() -> None:
    early = dt.datetime(2026, 11, 30, 6, 0, tzinfo=TZ)
    assert shift_start_for(early, 8, TZ) == SHIFT - dt.timedelta(days=1)


@given(st.lists(st.floats(min_value=0, max_value=500), min_size=1, max_size=40))
def test_state_survives_a_restart(values: list[float]) -> None:
    state, _ = _feed(DUST, values)
    restored = restore_state(dump_state(state))
    assert restored.shift_start == state.shift_start and restored.last_at == state.last_at
    _after_a, judged_a = advance(state, DUST, 5.0, SHIFT + dt.timedelta(minutes=len(values) + 1), TZ)
    _after_b, judged_b = advance(restored, DUST, 5.0, SHIFT + dt.timedelta(minutes=len(values) + 1), TZ)
    assert judged_a.keys() == judged_b.keys()
    assert all(abs(judged_a[k] - judged_b[k]) < 1e-6 * max(1.0, abs(judged_a[k])) for k in judged_a)


def test_alert_levels_of_concentration_noise_and_heat() -> None:
    def levels(rule_id: str, limit: float) -> list[Decimal]:
        return [t.limit for t in sorted(rule_for(rule_id, limit).thresholds, key=lambda t: t.severity)]

    assert levels("twa", 8.0) == [Decimal("6.4"), Decimal("8.0"), Decimal("16.0")]
    assert levels("lex8h", 85.0) == [Decimal("82.0"), Decimal("85.0"), Decimal("88.0")]
    assert levels("wbgt", 29.0) == [Decimal("27.0"), Decimal("29.0"), Decimal("32.0")]
    assert not needs_action(Severity.WARNING, DEFAULT_POLICY) and needs_action(Severity.ALARM, DEFAULT_POLICY)


def test_rates_per_region_seed_001_targets() -> None:
    now = dt.datetime(2026, 11, 30, 12, tzinfo=TZ)
    due = now - dt.timedelta(hours=1)
    records = [
        WarningRecord("330102", due, due - dt.timedelta(hours=2)),  # handled in time
        WarningRecord("330102", due, due + dt.timedelta(minutes=5)),  # handled late
        WarningRecord("330102", due, None),  # overdue, not handled
        WarningRecord("330203", now + dt.timedelta(days=1), None),  # not due yet
    ]
    rates = compute_rates(records, now=now)
    sc = rates["330102"]
    assert (sc.dispatched, sc.handled, sc.handled_on_time, sc.overdue_open) == (3, 2, 1, 1)
    assert as_percent(sc.timeliness) == "33.3 %" and as_percent(sc.disposal) == "66.7 %"
    assert sc.meets_timeliness is False and sc.meets_disposal is False
    hs = rates["330203"]
    assert hs.timeliness is None and as_percent(hs.timeliness) == "—" and hs.disposal == 0


@example(  # Berlin springs forward on 2026-03-29: the 08:00 shift that day starts 23 h after the one before
    "Europe/Berlin", dt.datetime(2026, 3, 28, 7, 0, 59), [0, 23 * 3600 + 14 * 60], 8
)
@example(  # New York falls back on 2026-11-01: 25 h between the two shift starts
    "America/New_York", dt.datetime(2026, 10, 31, 12, 0, 59), [0, 24 * 3600 + 30 * 60], 8
)
@given(
    st.sampled_from(["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"]),
    st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2027, 12, 31)),
    st.lists(st.integers(min_value=0, max_value=30 * 3600), min_size=1, max_size=20),
    st.integers(min_value=0, max_value=23),
)
def test_the_shift_of_each_reading_is_the_one_its_local_time_says(
    zone: str, first: dt.datetime, steps: list[int], hour: int
) -> None:
    """The stream skips the time zone arithmetic within a shift; across daylight-saving changes and
    shift ends it must still agree with ``shift_start_for`` reading by reading."""
    tz = ZoneInfo(zone)
    limits = ChannelLimits(Method.CONCENTRATION, 60, twa=8.0, shift_start_hour=hour)
    state = StreamState()
    at = first.replace(tzinfo=dt.UTC)
    for step in steps:
        at += dt.timedelta(seconds=step + 1)
        state, _ = advance(state, limits, 1.0, at, tz)
        assert state.shift_start == shift_start_for(at, hour, tz)


def test_the_reading_that_reaches_a_level_is_known_only_for_rules_of_single_readings() -> None:
    heat = ChannelLimits(Method.HEAT, 60, mac=28.0)
    assert reading_reaching("ceiling", 4.0, DUST) == 32.0  # 4 x PC-TWA 8 mg/m3 (the ceiling's warning)
    assert reading_reaching("mac", 10.0, CO) == 10.0
    assert reading_reaching("wbgt", 26.0, heat) == 26.0
    for accumulated in ("twa", "stel", "peak", "lex8h"):
        assert reading_reaching(accumulated, 1.0, DUST) is None
