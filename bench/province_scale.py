"""Benchmark: risk classification and the 双随机 draw at province scale, on a built database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> uv run --frozen python bench/province_scale.py

The database is one built by ``manage.py make_province --scale province`` (about 100 000
employers). Two figures, each with where its time went:

1. ``classify_all``: every employer's risk profile recomputed in batches (``--limit N``: the
   first N employers only); prints employers per second. Profiles are rewritten as the nightly
   batch would (same inputs, same classes).
2. The end-to-end draw of a province-wide plan, as ``draw_plan`` runs it: the object database
   from the tables (classes, non-site coverage through ``ohs.core.supervision``, avoidance data),
   the pure draw, the tasks and the published inputs written. Timed stage by stage, then whole;
   the plan is rolled back so the database is left as it was.

Load on the machine skews both: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402 - after the path is set

django.setup()

from django.db import transaction  # noqa: E402

from ohs.core.actor import actor_for_user  # noqa: E402
from ohs.inspection.models import InspectionPlan  # noqa: E402
from ohs.inspection.rules.draw import DEFAULT_DRAW_CONFIG, draw_inspections  # noqa: E402
from ohs.inspection.services import plans  # noqa: E402
from ohs.orgs.choices import Role  # noqa: E402
from ohs.orgs.models import User  # noqa: E402
from ohs.registry.models import Employer  # noqa: E402
from ohs.risk.reference import inspection_items  # noqa: E402
from ohs.risk.services import BATCH_SIZE, classify_employers  # noqa: E402

T = TypeVar("T")
RATIOS = {"甲": "0.05", "乙": "0.1", "丙": "0.2"}  # the platform's default ratios
PROVINCE = "330000"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _timed(label: str, func: Callable[[], T]) -> T:
    started = time.perf_counter()
    value = func()
    print(f"  {label:<34}{time.perf_counter() - started:>8.2f} s")
    return value


def classify(limit: int | None, batch: int) -> None:
    ids = list(Employer.objects.order_by("pk").values_list("pk", flat=True)[:limit])
    print(f"classify_all: {len(ids):,} employers in batches of {batch} (load {_load()})")
    started = time.perf_counter()
    for n in range(0, len(ids), batch):
        classify_employers(ids[n : n + batch])
    seconds = time.perf_counter() - started
    print(f"classify_all: {len(ids):,} employers in {seconds:.1f} s = {len(ids) / seconds:,.0f} employers/s")
    print(f"  load average after: {_load()}")


class _Rollback(Exception):
    pass


def draw(region: str) -> None:
    # The provincial regulator draws, as on the platform (its plan covers its whole jurisdiction).
    user = User.objects.filter(role=Role.REGULATOR, organisation__region_id=PROVINCE).order_by("pk").first()
    if user is None:
        raise SystemExit("no provincial regulator to draw as (build the database with manage.py make_province)")
    actor = actor_for_user(user)
    today = dt.date.today()
    print(f"end-to-end draw of a plan over {region} (load {_load()})")
    try:
        with transaction.atomic():
            plan = plans.create_plan(
                actor=actor,
                title="bench",
                level="provincial",
                items=list(inspection_items())[:5],
                period_start=today,
                period_end=today + dt.timedelta(days=90),
                class_ratios=RATIOS,
                pool_regions=[region],
            )
            _stages(plan)
            started = time.perf_counter()
            plans.draw_plan(actor=actor, plan=plan, seed="bench")
            took = time.perf_counter() - started
            result: dict[str, Any] = plan.result or {}
            entities = len((plan.published_inputs or {}).get("entities", []))
            print(
                f"draw_plan end to end: {entities:,} entities, {len(result.get('tasks', [])):,} tasks written, "
                f"{len(result.get('exclusions', [])):,} excluded in {took:.2f} s (load {_load()})"
            )
            raise _Rollback
    except _Rollback:
        pass


def _stages(plan: InspectionPlan) -> None:
    """The parts of draw_plan one by one (the whole is timed after)."""
    entities = _timed("object database (classes, coverage)", lambda: plans.pool_entities(plan))
    staff = _timed("inspector pool (load, avoidance)", lambda: plans.inspector_pool(plan))
    plan_input = plans.draw_input(plan, "bench")
    _timed("pure draw", lambda: draw_inspections(plan_input, entities, staff, DEFAULT_DRAW_CONFIG))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="classify only the first N employers")
    parser.add_argument("--batch", type=int, default=BATCH_SIZE, help="employers per classification batch")
    parser.add_argument("--region", default=PROVINCE, help="pool region of the plan (default: the province)")
    parser.add_argument("--skip-classify", action="store_true")
    parser.add_argument("--skip-draw", action="store_true")
    args = parser.parse_args()
    if not args.skip_classify:
        classify(args.limit, args.batch)
    if not args.skip_draw:
        draw(args.region)


if __name__ == "__main__":
    main()
