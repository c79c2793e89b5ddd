"""Build a synthetic Zhejiang: organisations of every kind, demo logins, employers, workers.

The same seed gives the same province. Rows are written in bulk (this is a data load, not a
sequence of user actions); one audit row records the load itself.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from ohs.core import audit, crypto
from ohs.core.actor import SYSTEM_ACTOR
from ohs.core.rules.identity import mask_id_number
from ohs.core.text import pinyin_initials
from ohs.demo.rules.identities import make_company_name, make_id_number, make_person_name, make_uscc
from ohs.geo.models import Region
from ohs.orgs.choices import OrgKind, Role
from ohs.orgs.models import Organisation, User
from ohs.registry.choices import EmployerStatus, SizeClass
from ohs.registry.models import Employer
from ohs.workers.models import Worker

DEMO_PASSWORD = "Ohs@demo2026"  # noqa: S105 - published demo credential, printed by make_province
INDUSTRIES_CSV = Path(__file__).resolve().parents[2] / "reference" / "industries_gbt4754.csv"
BATCH = 5000
WORKER_BIRTHS = (dt.date(1966, 1, 1), dt.date(2005, 12, 31))


@dataclass(frozen=True)
class Scale:
    employers_per_county: int
    workers_per_employer: int


SCALES = {
    "small": Scale(employers_per_county=4, workers_per_employer=8),
    "medium": Scale(employers_per_county=60, workers_per_employer=25),
    # About 100,000 employers and 3,000,000 workers over Zhejiang's 90 county-level units.
    "province": Scale(employers_per_county=1112, workers_per_employer=30),
}

# Demo logins: (username, role, how to find the organisation, full name).
DEMO_LOGINS: list[tuple[str, str, str, str]] = [
    ("admin", Role.SYSADMIN, "platform", "系统管理员"),
    ("auditor", Role.SECURITY_AUDITOR, "platform", "安全审计员"),
    ("zj_regulator", Role.REGULATOR, "regulator:330000", "省卫健委职业健康处"),
    ("zj_inspector", Role.INSPECTOR, "enforcement:330000", "省卫生监督所监督员"),
    ("zj_cdc", Role.CDC_STAFF, "cdc:330000", "省疾控中心职业卫生所"),
    ("hz_regulator", Role.REGULATOR, "regulator:330100", "杭州市卫健委"),
    ("sc_inspector", Role.INSPECTOR, "enforcement:330102", "上城区卫生监督员"),
    ("hs_inspector", Role.INSPECTOR, "enforcement:330203", "海曙区卫生监督员"),
    ("sc_coordinator", Role.COORDINATOR, "township:330102", "上城区职业健康协管员"),
    ("employer1", Role.EMPLOYER_MANAGER, "employer:330102", "企业职业卫生管理员"),
    ("employer2", Role.EMPLOYER_MANAGER, "employer:330203", "企业职业卫生管理员"),
    ("exam1", Role.EXAM_STAFF, "exam_institution:330100", "体检机构工作人员"),
    ("service1", Role.SERVICE_STAFF, "service_institution:330100", "技术服务机构工作人员"),
    ("diagnosis1", Role.DIAGNOSIS_STAFF, "diagnosis_institution:330100", "诊断医师"),
    ("appraisal1", Role.APPRAISAL_STAFF, "appraisal_office:330100", "鉴定办工作人员"),
    ("rehab1", Role.REHAB_STAFF, "rehab_station:330102", "康复站工作人员"),
    ("expert1", Role.EXPERT, "expert_group:330000", "省级职业健康专家"),
]

TRADES = [
    ("机械制造", "3"),
    ("化工", "26"),
    ("建材", "30"),
    ("纺织", "17"),
    ("电子", "39"),
    ("家具", "21"),
    ("印刷", "23"),
]


def _industry_codes() -> dict[str, list[str]]:
    """GB/T 4754-2017 group codes per division, for industries that fit each trade."""
    with INDUSTRIES_CSV.open(encoding="utf-8") as handle:
        groups = [row for row in csv.DictReader(handle) if row["level"] == "group"]
    by_prefix: dict[str, list[str]] = {}
    for _, prefix in TRADES:
        by_prefix[prefix] = [g["code"] for g in groups if g["code"].startswith(prefix)] or [prefix]
    return by_prefix


def _org_names(region: Region) -> dict[str, str]:
    name = region.name
    level_word = "委员会" if region.level != "county" else "局"
    return {
        OrgKind.REGULATOR: f"{name}卫生健康{level_word}",
        OrgKind.ENFORCEMENT: f"{name}卫生健康监督{'所' if region.level != 'province' else '所（省卫生监督所）'}",
        OrgKind.CDC: f"{name}疾病预防控制中心",
        OrgKind.TOWNSHIP: f"{name}职业健康协管站",
        OrgKind.EXAM_INSTITUTION: f"{name}职业病防治院",
        OrgKind.SERVICE_INSTITUTION: f"{name}职业卫生技术服务中心",
        OrgKind.DIAGNOSIS_INSTITUTION: f"{name}职业病诊断中心",
        OrgKind.APPRAISAL_OFFICE: f"{name}职业病鉴定办公室",
        OrgKind.REHAB_STATION: f"{name}尘肺病康复站",
        OrgKind.EXPERT_GROUP: f"{name}职业健康专家组",
    }


def _kinds_at(region: Region) -> list[str]:
    if region.level == "province":
        return [OrgKind.REGULATOR, OrgKind.ENFORCEMENT, OrgKind.CDC, OrgKind.EXPERT_GROUP, OrgKind.APPRAISAL_OFFICE]
    if region.level == "city":
        return [
            OrgKind.REGULATOR,
            OrgKind.ENFORCEMENT,
            OrgKind.CDC,
            OrgKind.EXAM_INSTITUTION,
            OrgKind.SERVICE_INSTITUTION,
            OrgKind.DIAGNOSIS_INSTITUTION,
            OrgKind.APPRAISAL_OFFICE,
        ]
    return [OrgKind.REGULATOR, OrgKind.ENFORCEMENT, OrgKind.TOWNSHIP, OrgKind.REHAB_STATION]


class ProvinceBuilder:
    def __init__(self, scale: Scale, seed: int, progress: Callable[[str], None]) -> None:
        self.scale, self.rng, self.progress = scale, random.Random(seed), progress
        self.orgs: dict[str, Organisation] = {}

    def build(self) -> dict[str, int]:
        with transaction.atomic():
            self._organisations()
            employers = self._employers()
            self._demo_logins()
        workers = self._workers(employers)
        with transaction.atomic():
            audit.record(
                SYSTEM_ACTOR,
                "create",
                object_type="demo.province",
                changes={"employers": len(employers), "workers": workers},
            )
        return {"organisations": len(self.orgs), "employers": len(employers), "workers": workers}

    def _organisations(self) -> None:
        rows: list[Organisation] = [
            Organisation(name="浙江省职业健康在线运行维护中心", kind=OrgKind.PLATFORM, region_id="330000")
        ]
        for region in Region.objects.order_by("code"):
            names = _org_names(region)
            rows += [Organisation(name=names[kind], kind=kind, region=region) for kind in _kinds_at(region)]
        for org in Organisation.objects.bulk_create(rows):
            key = "platform" if org.kind == OrgKind.PLATFORM else f"{org.kind}:{org.region_id}"
            self.orgs[key] = org
        self.progress(f"organisations: {len(rows)}")

    def _employer_rows(self) -> Iterator[Employer]:
        industries = _industry_codes()
        for county in Region.objects.counties().order_by("code"):
            for _ in range(self.scale.employers_per_county):
                trade, prefix = self.rng.choice(TRADES)
                name = make_company_name(self.rng, county.name.rstrip("区县市"), trade)
                yield Employer(
                    uscc=make_uscc(self.rng, county.code),
                    name=name,
                    name_initials=pinyin_initials(name),
                    legal_representative=make_person_name(self.rng),
                    industry_code=self.rng.choice(industries[prefix]),
                    economic_type="有限责任公司",
                    size_class=self.rng.choice(SizeClass.values),
                    county=county,
                    address=f"{county.name}工业园区{self.rng.randrange(1, 300)}号",
                    contact_name=make_person_name(self.rng),
                    contact_phone=f"1{self.rng.randrange(3, 10)}{self.rng.randrange(10**8, 10**9)}",
                    status=EmployerStatus.CONFIRMED,
                )

    def _employers(self) -> list[Employer]:
        created: list[Employer] = []
        seen: set[str] = set()
        batch: list[Employer] = []
        for employer in self._employer_rows():
            if employer.uscc in seen:
                continue
            seen.add(employer.uscc)
            batch.append(employer)
            if len(batch) >= BATCH:
                created += Employer.objects.bulk_create(batch)
                batch = []
        created += Employer.objects.bulk_create(batch)
        self.progress(f"employers: {len(created)}")
        return created

    def _worker_batches(self, employers: list[Employer]) -> Iterator[list[Worker]]:
        seen: set[str] = set()
        batch: list[Worker] = []
        for employer in employers:
            for _ in range(self.scale.workers_per_employer):
                sex = self.rng.choice("MF")
                number = make_id_number(self.rng, employer.county_id, WORKER_BIRTHS, sex)
                if number in seen:
                    continue
                seen.add(number)
                batch.append(self._worker(employer, number))
                if len(batch) >= BATCH:
                    yield batch
                    batch = []
        yield batch

    def _worker(self, employer: Employer, number: str) -> Worker:
        from ohs.core.rules.identity import parse_id_number

        parsed = parse_id_number(number)
        return Worker(
            name=make_person_name(self.rng),
            id_number_encrypted=crypto.encrypt(number),
            id_number_digest=crypto.digest(number),
            id_number_masked=mask_id_number(number),
            sex=parsed.sex,
            birth_date=parsed.birth_date,
            current_employer=employer,
            county_id=employer.county_id,
        )

    def _workers(self, employers: list[Employer]) -> int:
        total, started = 0, time.monotonic()
        for batch in self._worker_batches(employers):
            with transaction.atomic():
                Worker.objects.bulk_create(batch)
            total += len(batch)
            rate = total / max(time.monotonic() - started, 1e-9)
            self.progress(f"workers: {total} ({rate:,.0f} rows/s)")
        return total

    def _demo_logins(self) -> None:
        for username, role, org_key, full_name in DEMO_LOGINS:
            org = self._employer_org(org_key) if org_key.startswith("employer:") else self.orgs[org_key]
            user = User(username=username, role=role, organisation=org, full_name=full_name)
            user.set_password(DEMO_PASSWORD)
            user.save()
        self._worker_login()

    def _employer_org(self, key: str) -> Organisation:
        """The first demo employer of a county gets a platform account for its manager."""
        county = key.split(":")[1]
        employer = Employer.objects.filter(county_id=county, organisation__isnull=True).order_by("pk").first()
        assert employer is not None, f"no demo employer in {county}"
        org = Organisation.objects.create(
            name=employer.name, kind=OrgKind.EMPLOYER, region_id=county, uscc=employer.uscc
        )
        Employer.objects.filter(pk=employer.pk).update(organisation=org)
        return org

    def _worker_login(self) -> None:
        """worker1 is a worker of employer1's enterprise, created now so it exists in any scale."""
        employer = Employer.objects.get(organisation__users__username="employer1")
        number = make_id_number(self.rng, employer.county_id, WORKER_BIRTHS, "F")
        user = User(username="worker1", role=Role.WORKER, full_name="")
        user.set_password(DEMO_PASSWORD)
        worker = self._worker(employer, number)
        user.full_name = worker.name
        user.save()
        worker.user = user
        worker.save()
