"""Benchmark: the 双随机 draw, pure and end to end.

Pure: draws over a generated pool (default 100 000 entities in 90 counties, 600 inspectors,
classes 甲/乙/丙 at 3/10/30 %, one in ten under full or partial non-site coverage) and prints
entities per second. With ``--database URL`` it also times ``draw_plan`` (pool query, coverage
hook, draw, tasks written) for a province-wide plan on that database, as a superuser of it, and
rolls the plan back so the database is left as it was.

    uv run python bench/draw.py [--entities 100000] [--repeat 3] [--database postgres://...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ohs.inspection.rules.draw import (  # noqa: E402 - after the path is set
    Coverage,
    InspectionPlan,
    Inspector,
    PoolEntity,
    draw_inspections,
)
from ohs.risk.rules.schemes import SCHEME_2022, RiskClass  # noqa: E402

RATIOS = {"甲": Decimal("0.03"), "乙": Decimal("0.1"), "丙": Decimal("0.3")}


def generated_pool(size: int, seed: int = 1) -> tuple[list[PoolEntity], list[Inspector]]:
    rng = random.Random(seed)
    regions = [f"3301{i:02d}" for i in range(1, 91)]
    coverages = [Coverage.NONE] * 8 + [Coverage.FULL, Coverage.PARTIAL]
    entities = [
        PoolEntity(
            f"E{i:06d}",
            rng.choice(regions),
            "C30",
            RiskClass(SCHEME_2022.scheme_id, rng.choice("甲乙丙")),
            rng.choice(coverages),
            Decimal("0.5"),
        )
        for i in range(size)
    ]
    staff = [Inspector(f"I{i:04d}", regions[i % 90], rng.randint(0, 4)) for i in range(600)]
    return entities, staff


def pure(size: int, repeat: int) -> None:
    entities, staff = generated_pool(size)
    plan = InspectionPlan("BENCH", ("OH05",), RATIOS, seed="bench", is_stratified_by_region=True)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        result = draw_inspections(plan, entities, staff)
        best = min(best, time.perf_counter() - started)
    print(f"pure draw: {size} entities, {len(result.tasks)} tasks, best of {repeat}: {best:.2f} s")
    print(f"pure draw: {size / best:,.0f} entities/s")


def end_to_end(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import transaction

    from ohs.core.actor import actor_for_user
    from ohs.inspection.models import InspectionTask
    from ohs.inspection.services.plans import create_plan, draw_plan
    from ohs.orgs.models import User
    from ohs.risk.reference import inspection_items

    user = User.objects.filter(is_superuser=True).first()
    if user is None:
        raise SystemExit("the database has no superuser to draw as (build it with manage.py make_province)")
    actor = actor_for_user(user)
    today = dt.date.today()

    class _Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            plan = create_plan(
                actor=actor,
                title="bench",
                level="provincial",
                items=list(inspection_items())[:2],
                period_start=today,
                period_end=today + dt.timedelta(days=90),
                class_ratios={k: str(v) for k, v in RATIOS.items()},
            )
            started = time.perf_counter()
            draw_plan(actor=actor, plan=plan, seed="bench")
            took = time.perf_counter() - started
            tasks = InspectionTask.objects.filter(plan=plan).count()
            drawn = len((plan.result or {}).get("tasks", []))
            print(f"draw_plan: {drawn} drawn, {tasks} tasks written in {took:.2f} s")
            raise _Rollback
    except _Rollback:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database", help="DATABASE_URL of a built province to time draw_plan on")
    args = parser.parse_args()
    pure(args.entities, args.repeat)
    if args.database:
        end_to_end(args.database)


if __name__ == "__main__":
    main()
