"""Fixtures shared by the detection tests."""

from __future__ import annotations

import pytest

from ohs.core.actor import SYSTEM_ACTOR
from ohs.orgs.choices import OrgKind, Role
from ohs.orgs.services import create_organisation, create_user
from ohs.testing.personas import PASSWORD, World


@pytest.fixture
def world_b(world: World) -> World:
    """The persona world plus a second technical service institution in Ningbo (service_b)."""
    org = create_organisation(
        actor=SYSTEM_ACTOR, name="宁波检测公司", kind=OrgKind.SERVICE_INSTITUTION, region_code="330200"
    )
    user = create_user(
        actor=SYSTEM_ACTOR, username="service_b", password=PASSWORD, role=Role.SERVICE_STAFF, organisation=org
    )
    return World(users={**world.users, "service_b": user}, employers=world.employers, workers=world.workers)
