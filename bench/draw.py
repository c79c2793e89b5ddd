"""Benchmark: the 双随机 draw, pure.

Pure: draws over a generated pool (default 100 000 entities in 90 counties, 600 inspectors,
classes 甲/乙/丙 at 3/10/30 %, one in ten under full or partial non-site coverage) and prints
entities per second. The end-to-end draw on a built province (pool from the tables, draw, tasks
written) is timed by bench/province_scale.py.

    uv run python bench/draw.py [--entities 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pure(args.entities, args.repeat)


if __name__ == "__main__":
    main()
