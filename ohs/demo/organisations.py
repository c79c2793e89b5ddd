"""The demo's organisations (every kind, in every region where that kind sits) and its logins."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from ohs.geo.models import Region
from ohs.orgs.choices import OrgKind, Role
from ohs.orgs.models import Organisation, User
from ohs.registry.models import Employer
from ohs.workers.models import Worker

DEMO_PASSWORD = "Ohs@demo2026"  # noqa: S105 - published demo credential, printed by make_province

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
    ("signer1", Role.SERVICE_STAFF, "service_institution:330100", "技术服务机构授权签字人"),
    ("diagnosis1", Role.DIAGNOSIS_STAFF, "diagnosis_institution:330100", "诊断医师"),
    ("appraisal1", Role.APPRAISAL_STAFF, "appraisal_office:330100", "鉴定办工作人员"),
    ("rehab1", Role.REHAB_STAFF, "rehab_station:330102", "康复站工作人员"),
    ("expert1", Role.EXPERT, "expert_group:330000", "省级职业健康专家"),
]
WORKER_LOGIN = "worker1"  # a worker of employer1's enterprise

PROVINCE_KINDS = (OrgKind.REGULATOR, OrgKind.ENFORCEMENT, OrgKind.CDC, OrgKind.EXPERT_GROUP, OrgKind.APPRAISAL_OFFICE)
CITY_KINDS = (
    OrgKind.REGULATOR,
    OrgKind.ENFORCEMENT,
    OrgKind.CDC,
    OrgKind.EXAM_INSTITUTION,
    OrgKind.SERVICE_INSTITUTION,
    OrgKind.DIAGNOSIS_INSTITUTION,
    OrgKind.APPRAISAL_OFFICE,
)
COUNTY_KINDS = (OrgKind.REGULATOR, OrgKind.ENFORCEMENT, OrgKind.TOWNSHIP, OrgKind.REHAB_STATION)
KINDS_BY_LEVEL = {"province": PROVINCE_KINDS, "city": CITY_KINDS, "county": COUNTY_KINDS}


def org_name(region: Region, kind: str) -> str:
    """The name of the body of ``kind`` at ``region``, e.g. 上城区卫生健康局."""
    name = region.name
    level_word = "委员会" if region.level != "county" else "局"
    enforcement_suffix = "所" if region.level != "province" else "所（省卫生监督所）"
    names: dict[str, str] = {
        OrgKind.REGULATOR: f"{name}卫生健康{level_word}",
        OrgKind.ENFORCEMENT: f"{name}卫生健康监督{enforcement_suffix}",
        OrgKind.CDC: f"{name}疾病预防控制中心",
        OrgKind.TOWNSHIP: f"{name}职业健康协管站",
        OrgKind.EXAM_INSTITUTION: f"{name}职业病防治院",
        OrgKind.SERVICE_INSTITUTION: f"{name}职业卫生技术服务中心",
        OrgKind.DIAGNOSIS_INSTITUTION: f"{name}职业病诊断中心",
        OrgKind.APPRAISAL_OFFICE: f"{name}职业病鉴定办公室",
        OrgKind.REHAB_STATION: f"{name}尘肺病康复站",
        OrgKind.EXPERT_GROUP: f"{name}职业健康专家组",
    }
    return names[kind]


def create_organisations() -> dict[str, Organisation]:
    """The platform operator and, per region, the bodies of its level; keyed "kind:region"."""
    rows = [Organisation(name="浙江省职业健康在线运行维护中心", kind=OrgKind.PLATFORM, region_id="330000")]
    for region in Region.objects.order_by("code"):
        rows += [
            Organisation(name=org_name(region, kind), kind=kind, region=region) for kind in KINDS_BY_LEVEL[region.level]
        ]
    orgs = {}
    for org in Organisation.objects.bulk_create(rows):
        orgs["platform" if org.kind == OrgKind.PLATFORM else f"{org.kind}:{org.region_id}"] = org
    return orgs


def create_demo_logins(orgs: dict[str, Organisation]) -> dict[str, int]:
    """The printed logins; employer1 and employer2 get the first employer of their county.

    Returns the demo employers' ids by username.
    """
    password = make_password(DEMO_PASSWORD)  # one hash for all: argon2 is slow on purpose
    employers: dict[str, int] = {}
    for username, role, org_key, full_name in DEMO_LOGINS:
        if org_key.startswith("employer:"):
            employer = _give_account(org_key.split(":")[1])
            employers[username] = employer.pk
            org = employer.organisation
        else:
            org = orgs[org_key]
        # Saved one by one: saving puts the user in their role's group (ohs.orgs.signals).
        User(username=username, role=role, organisation=org, full_name=full_name, password=password).save()
    return employers


def create_worker_login(worker_id: int, full_name: str) -> User:
    """worker1: a login for one of employer1's workers."""
    user = User(username=WORKER_LOGIN, role=Role.WORKER, full_name=full_name, password=make_password(DEMO_PASSWORD))
    user.save()
    Worker.objects.filter(pk=worker_id).update(user=user)
    return user


def _give_account(county: str) -> Employer:
    """The county's first employer without an account gets one (a platform organisation)."""
    employer = Employer.objects.filter(county_id=county, organisation__isnull=True).order_by("pk").first()
    if employer is None:
        raise LookupError(f"no demo employer in {county}")
    org = Organisation.objects.create(name=employer.name, kind=OrgKind.EMPLOYER, region_id=county, uscc=employer.uscc)
    Employer.objects.filter(pk=employer.pk).update(organisation=org)
    employer.organisation = org
    return employer
