"""Device online/offline and monthly offline rate per device, entity and region."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.monitoring.rules.availability import (
    DeviceMonth,
    DeviceOfflineRate,
    GroupLevel,
    OfflinePolicy,
    OfflineTarget,
    compute_offline_rate,
    device_status,
    month_window,
    offline_periods,
    rate_by_entity,
    rate_by_region,
)

CST = timezone(timedelta(hours=8))
MARCH = month_window(2024, 3, CST)
TARGET = OfflineTarget(max_offline_rate=Decimal("0.05"), source="2023 Zhejiang indicator: offline rate <= 5 %")
HOURLY = OfflinePolicy(expected_interval=timedelta(hours=1), offline_after_intervals=2)
TEN_MINUTES = OfflinePolicy(expected_interval=timedelta(minutes=10), offline_after_intervals=3)


def _at(day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, minute, tzinfo=CST)


def _device(
    signals: tuple[datetime, ...] = (),
    *,
    installed_at: datetime = MARCH.start_at,
    removed_at: datetime | None = None,
    policy: OfflinePolicy = HOURLY,
    device_id: str = "d1",
    entity_id: str = "e1",
    region_code: str = "330106",
    heartbeats: tuple[datetime, ...] = (),
) -> DeviceMonth:
    return DeviceMonth(device_id, entity_id, region_code, installed_at, removed_at, signals, heartbeats, policy)


def test_month_window_handles_february_and_december() -> None:
    february = month_window(2024, 2, CST)
    assert february.end_at - february.start_at == timedelta(days=29)
    december = month_window(2024, 12, CST)
    assert december.end_at == datetime(2025, 1, 1, tzinfo=CST)


def test_device_status_goes_offline_after_k_intervals_of_silence() -> None:
    online = device_status(
        device_id="d1", installed_at=_at(1), last_seen_at=_at(1, 2), now=_at(1, 3, 59), policy=HOURLY
    )
    offline = device_status(device_id="d1", installed_at=_at(1), last_seen_at=_at(1, 2), now=_at(1, 4), policy=HOURLY)
    assert (online.is_online, online.reasons) == (True, ("recent_signal",))
    assert (offline.is_online, offline.offline_since, offline.reasons) == (False, _at(1, 4), ("silent_too_long",))


def test_device_status_when_never_reported_counts_from_installation() -> None:
    waiting = device_status(device_id="d1", installed_at=_at(1), last_seen_at=None, now=_at(1, 1), policy=HOURLY)
    silent = device_status(device_id="d1", installed_at=_at(1), last_seen_at=None, now=_at(1, 2), policy=HOURLY)
    assert (waiting.is_online, waiting.reasons) == (True, ("awaiting_first_signal",))
    assert (silent.is_online, silent.reasons) == (False, ("never_reported",))


def test_compute_offline_rate_worked_example() -> None:
    # Signals at 01:00 and 02:00, k x interval = 2 h: offline from 04:00 to now (10:00) = 360 of 600 minutes.
    rate = compute_offline_rate(_device((_at(1, 1), _at(1, 2))), month=MARCH, now=_at(1, 10), target=TARGET)
    expected = (Decimal(600), Decimal(360), Decimal("0.6"))
    assert (rate.installed_minutes, rate.offline_minutes, rate.offline_rate) == expected
    assert (rate.meets_target, rate.reasons) == (False, ("above_target",))


def test_compute_offline_rate_counts_heartbeats_as_signals() -> None:
    device = _device((_at(1, 1),), heartbeats=(_at(1, 2), _at(1, 3), _at(1, 4), _at(1, 5)))
    rate = compute_offline_rate(device, month=MARCH, now=_at(1, 6), target=TARGET)
    assert (rate.offline_minutes, rate.meets_target) == (Decimal(0), True)


def test_compute_offline_rate_uses_the_last_signal_before_the_month() -> None:
    last_february = datetime(2024, 2, 29, 23, 50, tzinfo=CST)
    device = _device((last_february,), installed_at=datetime(2024, 1, 1, tzinfo=CST), policy=TEN_MINUTES)
    rate = compute_offline_rate(device, month=MARCH, now=_at(1, 1), target=TARGET)
    assert (rate.installed_minutes, rate.offline_minutes) == (Decimal(60), Decimal(40))  # offline from 00:20


def test_compute_offline_rate_over_a_full_month_with_one_long_gap() -> None:
    installed = _at(10)
    signals = tuple(installed + timedelta(minutes=10 * i) for i in range(22 * 144) if not 1440 < i < 1512)
    rate = compute_offline_rate(
        _device(signals, installed_at=installed, policy=TEN_MINUTES),
        month=MARCH,
        now=datetime(2024, 4, 2, tzinfo=CST),
        target=TARGET,
    )
    # Silent from day 20 00:00 to 12:00; offline from 00:30: 690 of 22 x 1440 minutes.
    assert (rate.installed_minutes, rate.offline_minutes) == (Decimal(31680), Decimal(690))
    assert rate.offline_rate == Decimal(690) / Decimal(31680) and rate.meets_target


def test_compute_offline_rate_counts_only_installed_time() -> None:
    device = _device((_at(1, 1),), installed_at=_at(1), removed_at=_at(1, 5))
    rate = compute_offline_rate(device, month=MARCH, now=_at(20), target=TARGET)
    assert (rate.installed_minutes, rate.offline_minutes) == (Decimal(300), Decimal(120))


def test_compute_offline_rate_when_not_installed_in_month_has_no_rate() -> None:
    rate = compute_offline_rate(_device(installed_at=_at(25)), month=MARCH, now=_at(20), target=TARGET)
    assert (rate.offline_rate, rate.meets_target, rate.reasons) == (None, None, ("not_installed_in_month",))


def _rate(device_id: str, entity_id: str, region: str, installed: int, offline: int) -> DeviceOfflineRate:
    ratio = Decimal(offline) / Decimal(installed)
    return DeviceOfflineRate(
        device_id, entity_id, region, Decimal(installed), Decimal(offline), ratio, ratio <= TARGET.max_offline_rate, ()
    )


def test_rate_by_entity_weights_devices_by_installed_minutes() -> None:
    rates = [
        _rate("d1", "e1", "330106", 1000, 100),
        _rate("d2", "e1", "330106", 3000, 0),
        _rate("d3", "e2", "330102", 2000, 200),
    ]
    e1, e2 = rate_by_entity(rates, target=TARGET)
    assert (e1.level, e1.group_key, e1.device_count, e1.offline_rate) == (GroupLevel.ENTITY, "e1", 2, Decimal("0.025"))
    assert (e1.meets_target, e2.offline_rate, e2.meets_target) == (True, Decimal("0.1"), False)


def test_rate_by_region_rolls_counties_up_to_city_and_province() -> None:
    parent_of = {"330106": "330100", "330102": "330100", "330100": "330000", "330203": "330200", "330200": "330000"}
    rates = [
        _rate("d1", "e1", "330106", 1000, 100),
        _rate("d2", "e2", "330102", 1000, 0),
        _rate("d3", "e3", "330203", 2000, 0),
    ]
    groups = {g.group_key: g for g in rate_by_region(rates, target=TARGET, parent_of=parent_of)}
    assert set(groups) == {"330106", "330102", "330100", "330203", "330200", "330000"}
    assert groups["330100"].offline_rate == Decimal("0.05") and groups["330100"].meets_target
    assert (groups["330000"].device_count, groups["330000"].offline_rate) == (3, Decimal("0.025"))
    assert [g.group_key for g in rate_by_region(rates, target=TARGET)] == ["330102", "330106", "330203"]


def test_rate_by_region_when_group_never_installed_has_no_rate() -> None:
    empty = DeviceOfflineRate("d1", "e1", "330106", Decimal(0), Decimal(0), None, None, ())
    (group,) = rate_by_region([empty], target=TARGET)
    assert (group.offline_rate, group.meets_target, group.reasons) == (None, None, ("not_installed_in_month",))


minutes_in_march = st.integers(0, 31 * 1440 - 1).map(lambda m: MARCH.start_at + timedelta(minutes=m))


@given(st.lists(minutes_in_march, max_size=30), minutes_in_march, minutes_in_march)
def test_offline_minutes_stay_within_installed_minutes(
    signals: list[datetime], installed: datetime, now: datetime
) -> None:
    rate = compute_offline_rate(_device(tuple(signals), installed_at=installed), month=MARCH, now=now, target=TARGET)
    assert 0 <= rate.offline_minutes <= rate.installed_minutes
    assert rate.offline_rate is None or 0 <= rate.offline_rate <= 1


@given(st.lists(minutes_in_march, max_size=30), minutes_in_march)
def test_an_extra_signal_never_adds_offline_time(signals: list[datetime], extra: datetime) -> None:
    now = MARCH.end_at
    before = compute_offline_rate(_device(tuple(signals)), month=MARCH, now=now, target=TARGET)
    after = compute_offline_rate(_device((*signals, extra)), month=MARCH, now=now, target=TARGET)
    assert after.offline_minutes <= before.offline_minutes


@given(st.lists(minutes_in_march, max_size=30), minutes_in_march)
def test_offline_periods_agree_with_device_status(signals: list[datetime], moment: datetime) -> None:
    periods = offline_periods(
        installed_at=MARCH.start_at, signal_times=signals, policy=HOURLY, start_at=MARCH.start_at, end_at=MARCH.end_at
    )
    seen = [s for s in signals if s <= moment]
    status = device_status(
        device_id="d1", installed_at=MARCH.start_at, last_seen_at=max(seen, default=None), now=moment, policy=HOURLY
    )
    assert status.is_online is not any(since <= moment < to for since, to in periods)


@given(st.lists(st.tuples(st.integers(1, 50_000), st.integers(0, 50_000)), min_size=1, max_size=10))
def test_group_rate_lies_between_its_devices_rates(pairs: list[tuple[int, int]]) -> None:
    rates = [
        _rate(f"d{i}", "e1", "330106", installed, min(offline, installed))
        for i, (installed, offline) in enumerate(pairs)
    ]
    (group,) = rate_by_entity(rates, target=TARGET)
    device_rates = [r.offline_rate for r in rates if r.offline_rate is not None]
    assert group.offline_rate is not None
    assert min(device_rates) <= group.offline_rate <= max(device_rates)


@pytest.mark.parametrize(("interval", "k"), [(timedelta(0), 3), (timedelta(minutes=1), 0)])
def test_offline_policy_when_not_positive_raises(interval: timedelta, k: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        OfflinePolicy(interval, k)
