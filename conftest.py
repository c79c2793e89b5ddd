"""Suite-wide fixtures: the persona world, built once per test database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

from ohs.testing.personas import World, get_or_build_world

# Properties are about results, not speed: hypothesis's per-example deadline (200 ms) fails
# tests at random when CI's two cores are busy. Speed is measured by the benchmarks in bench/.
hypothesis_settings.register_profile("ohs", deadline=None)
hypothesis_settings.load_profile("ohs")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked postgres_only run in the PostgreSQL pass (DATABASE_URL set, as bin/test does);
    against the embedded SQLite default they are deselected, and counted as such, never skipped."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    deselected = [item for item in items if item.get_closest_marker("postgres_only")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgres_only")]


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    # argon2 is deliberately slow; the suite logs personas in by session, and the one test of
    # the hasher itself sets argon2 back.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Cached data (the calendar's holiday notices) must not leak from one test's rolled-back rows.
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        get_or_build_world()
    yield


@pytest.fixture
def world(db: Any) -> World:
    return get_or_build_world()
