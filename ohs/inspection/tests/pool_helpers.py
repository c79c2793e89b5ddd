"""Pool fixtures: a Ningbo regulator (another jurisdiction) and 上城区's inspector in the pool
with a conflict declared on employer A."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ohs.core.actor import SYSTEM_ACTOR
from ohs.inspection.choices import ConflictRelation
from ohs.inspection.models import Inspector, InspectorConflict
from ohs.inspection.services import pool
from ohs.orgs.choices import OrgKind, Role
from ohs.orgs.services import create_organisation, create_user
from ohs.testing.personas import PASSWORD, World

CONFLICT_REASON = "配偶在该单位担任车间主任"
SINCE = dt.date(2024, 5, 1)


@dataclass
class PoolRecords:
    inspector: Inspector
    conflict: InspectorConflict


def add_ningbo_regulator(world: World) -> None:
    """A regulator of another city, so 'hidden' is tested against a body with the same role."""
    org = create_organisation(
        actor=SYSTEM_ACTOR, name="宁波市卫生健康委员会", kind=OrgKind.REGULATOR, region_code="330200"
    )
    world.users["nb_regulator"] = create_user(
        actor=SYSTEM_ACTOR, username="nb_regulator", password=PASSWORD, role=Role.REGULATOR, organisation=org
    )


def pool_records(world: World) -> PoolRecords:
    """hz_regulator adds sc_inspector; sc_inspector declares an interest in employer A."""
    inspector = pool.add_to_pool(actor=world.actor("hz_regulator"), user_id=world.users["sc_inspector"].pk)
    conflict = pool.declare_conflict(
        actor=world.actor("sc_inspector"),
        inspector=inspector,
        employer=world.employers["A"],
        relation=ConflictRelation.RELATIVE,
        reason=CONFLICT_REASON,
        since_on=SINCE,
    )
    return PoolRecords(inspector, conflict)
