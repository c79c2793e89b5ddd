"""The ingest directory: devices looked up in bulk, each entry reloaded after its own time to live."""

from __future__ import annotations

from typing import Any

import pytest

from ohs.monitoring.ingest.directory import (
    MISS_RETRY_SECONDS,
    REFRESH_SECONDS,
    REFRESH_SPREAD,
    DeviceDirectory,
)
from ohs.monitoring.tests.factories import make_device, unique_code
from ohs.testing.personas import World


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_entries_expire_spread_over_the_refresh_interval(world: World, clock: Clock) -> None:
    codes = [make_device(world.employers["A"]).code for _ in range(20)]
    cache = DeviceDirectory(clock)
    assert set(cache.lookup(codes)) == set(codes)
    lives = [cache._expires[c] - clock.now for c in codes]
    assert all(REFRESH_SPREAD * REFRESH_SECONDS <= life <= REFRESH_SECONDS for life in lives)
    assert len(set(lives)) > 1  # not all at once


def test_a_cached_device_costs_no_query_until_its_entry_expires(
    world: World, clock: Clock, django_assert_num_queries: Any
) -> None:
    device = make_device(world.employers["A"])
    cache = DeviceDirectory(clock)
    before = cache.lookup([device.code])[device.code].channels["a34001"].limits.twa
    channel = device.channels.get(code="a34001")
    channel.twa_limit = 4.0
    channel.save(update_fields=["twa_limit"])
    with django_assert_num_queries(0):
        assert cache.lookup([device.code])[device.code].channels["a34001"].limits.twa == before
    clock.now += REFRESH_SECONDS
    with django_assert_num_queries(2):  # devices, then their channels
        assert cache.lookup([device.code])[device.code].channels["a34001"].limits.twa == 4.0


def test_an_unknown_code_is_asked_again_after_a_pause(
    world: World, clock: Clock, django_assert_num_queries: Any
) -> None:
    code = unique_code()
    cache = DeviceDirectory(clock)
    assert cache.lookup([code]) == {}
    with django_assert_num_queries(0):
        assert cache.lookup([code]) == {}
    make_device(world.employers["A"], code=code)  # registered meanwhile
    clock.now += MISS_RETRY_SECONDS + 1
    assert set(cache.lookup([code])) == {code}


def test_unknown_codes_are_not_remembered_for_ever(world: World, clock: Clock) -> None:
    known = make_device(world.employers["A"]).code
    cache = DeviceDirectory(clock)
    cache.lookup([known, *(unique_code() for _ in range(50))])
    assert len(cache._expires) == 51
    clock.now += REFRESH_SECONDS + 1
    cache.lookup([known])
    assert set(cache._expires) == {known}
