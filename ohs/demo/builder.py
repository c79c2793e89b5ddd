"""Build a synthetic Zhejiang: organisations of every kind, demo logins, employers with their
workplaces, posts and responsible people, workers employed on those posts, and declarations.

The same seed and ``as_of`` day give the same province (the digest in the report says so).
Rows are written in bulk (this is a data load, not a sequence of user actions) inside one
transaction; one audit row records the load itself. Only the demo logins' two declarations go
through the registry service, which issues their receipts.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from ohs.core import audit
from ohs.core.actor import SYSTEM_ACTOR
from ohs.demo.bulk import Meter, TableStats
from ohs.demo.declarations import (
    DeclarationContext,
    DeclarationTables,
    FirstDeclarationDue,
    accept_for_demo,
    agent_ids,
    write_declarations,
)
from ohs.demo.detection import write_detection
from ohs.demo.employers import EmployerTables, WrittenEmployer, write_employers
from ohs.demo.enforcement import build_enforcement
from ohs.demo.exams import create_exam_demo
from ohs.demo.monitoring import write_monitoring
from ohs.demo.organisations import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    create_demo_logins,
    create_organisations,
    create_worker_login,
)
from ohs.demo.risk_inspection import build_risk_and_inspections
from ohs.demo.rules.employers import County, EmployerPlan
from ohs.demo.rules.province import ProvinceDigest, Scale, employer_plans
from ohs.demo.rules.workforce import EARLIEST_AS_OF
from ohs.demo.trades import TRADES, hazard_names, industry_groups
from ohs.demo.workforce import Workforce, WorkforceTables, count_workers, write_workforce
from ohs.geo.models import Region
from ohs.orgs.models import Organisation

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "SCALES", "BuildReport", "ProvinceBuilder"]

SCALES = {
    "small": Scale(employers_per_county=4, workers_per_employer=8),
    "medium": Scale(employers_per_county=60, workers_per_employer=25),
    # About 100,000 employers and 3,000,000 workers over Zhejiang's 90 county-level units.
    "province": Scale(employers_per_county=1112, workers_per_employer=30),
}
POOL_FROM_WORKERS = 100_000


@dataclass
class BuildReport:
    counts: dict[str, int]
    tables: list[TableStats]
    seconds: float
    digest: str
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def counties() -> list[County]:
    return [County(r.code, r.name) for r in Region.objects.counties().order_by("code")]


class ProvinceBuilder:
    def __init__(
        self, scale: Scale, seed: int, progress: Callable[[str], None], as_of: dt.date, processes: int = 0
    ) -> None:
        if as_of < EARLIEST_AS_OF:
            raise ValueError(f"as_of must be {EARLIEST_AS_OF} or later: every demo worker is an adult")
        self.scale, self.seed, self.progress, self.as_of = scale, seed, progress, as_of
        self.processes = processes
        self.digest = ProvinceDigest()
        self.stages: dict[str, float] = {}
        self.employer_tables = EmployerTables()
        self.workforce_tables = WorkforceTables()
        self.declaration_tables = DeclarationTables()

    def build(self) -> BuildReport:
        started = time.perf_counter()
        with transaction.atomic():
            orgs = create_organisations()
            self.progress(f"organisations: {len(orgs)}")
            employers = self._employers()
            demo = create_demo_logins(orgs)
            workforce = self._workforce(employers)
            worker_id, name = workforce.first_worker[demo["employer1"]]
            create_worker_login(worker_id, name)
            receipts = self._declarations(employers, workforce, orgs, frozenset(demo.values()))
            build_enforcement(demo)
            self.progress(f"measurement projects: {write_detection(self.as_of, demo.get('employer1'))}")
            build_risk_and_inspections(self.progress, demo, self.as_of)
            create_exam_demo(orgs, self.as_of, self.progress)
            self.progress(f"monitoring devices: {write_monitoring(self.seed, list(demo.values()), self.as_of)}")
            report = self._report(len(orgs) + len(demo), receipts)
            audit.record(SYSTEM_ACTOR, "create", object_type="demo.province", changes=self._audit_changes(report))
            committing = time.perf_counter()
        # PostgreSQL checks the deferred foreign keys of every loaded row at commit.
        report.stages["commit"] = time.perf_counter() - committing
        report.seconds = time.perf_counter() - started
        return report

    def _employers(self) -> list[WrittenEmployer]:
        planning = time.perf_counter()
        plans: list[EmployerPlan] = list(
            employer_plans(self.seed, self.scale, counties(), TRADES, industry_groups(), self.as_of)
        )
        self.stages["plan employers"] = time.perf_counter() - planning
        self.progress(f"employers: {len(plans):,} planned in {self.stages['plan employers']:.1f} s")
        meter = Meter("employers", len(plans), self.progress)
        written = write_employers(plans, self.employer_tables, meter, self.digest)
        self.stages["employers"] = meter.finish()
        return written

    def _workforce(self, employers: list[WrittenEmployer]) -> Workforce:
        total = count_workers(employers)
        # Spawning processes costs a second or two: worth it only for a large load.
        processes = self.processes if total >= POOL_FROM_WORKERS else 0
        self.progress(f"workers: planned in {processes} spawned processes" if processes else "workers: planned here")
        meter = Meter("workers", total, self.progress)
        workforce = write_workforce(
            self.seed, employers, self.as_of, self.workforce_tables, meter, self.digest, processes
        )
        self.stages["workers"] = meter.finish()
        return workforce

    def _declarations(
        self,
        employers: list[WrittenEmployer],
        workforce: Workforce,
        orgs: dict[str, Organisation],
        demo: frozenset[int],
    ) -> int:
        regulators = {o.region_id: o for key, o in orgs.items() if key.startswith("regulator:")}
        context = DeclarationContext(
            seed=self.seed,
            as_of=self.as_of,
            agents=agent_ids(hazard_names(), self.progress),
            on_post=workforce.on_post,
            regulators=regulators,
            demo_employers=demo,
            due=FirstDeclarationDue(),
        )
        meter = Meter("declarations (employers done)", len(employers), self.progress)
        for_service = write_declarations(employers, context, self.declaration_tables, meter)
        receipts = accept_for_demo(for_service, regulators)
        self.stages["declarations"] = meter.finish()
        return receipts

    def _report(self, organisations: int, receipts: int) -> BuildReport:
        tables = [
            *self.employer_tables.all(),
            *self.workforce_tables.all(),
            *self.declaration_tables.all(),
        ]
        counts = {"organisations": organisations, "users": len(DEMO_LOGINS) + 1, "receipts": receipts}
        counts |= {t.stats.label: t.stats.rows for t in tables}
        return BuildReport(counts, [t.stats for t in tables], 0.0, self.digest.hexdigest(), dict(self.stages))

    def _audit_changes(self, report: BuildReport) -> dict[str, object]:
        return {
            "seed": self.seed,
            "as_of": self.as_of.isoformat(),
            "employers_per_county": self.scale.employers_per_county,
            "workers_per_employer": self.scale.workers_per_employer,
            "counts": report.counts,
            "digest": report.digest,
        }
