"""Enforcement in the demo province: cases of 上城区 at different stages (one from an inspection
still waiting for its correction deadline, one decided, one decided after 90 days without an
extension, one first minor violation not punished, one awaiting filing approval), a county
refinement of the benchmark inside the provincial tier, a Hangzhou review campaign and an
audit. Everything goes through the enforcement services, so codes, audit rows, events and
PDFs exist as in production."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.utils import timezone

from ohs.core.actor import Actor, actor_for_user
from ohs.core.supervision import ActStart, issue_action_code, open_case_from_act
from ohs.enforcement.models import Case
from ohs.enforcement.services import benchmarks, cases, minor, procedure, reviews
from ohs.geo.models import Region
from ohs.orgs.models import User
from ohs.registry.models import Employer

COUNTY = "330102"  # 上城区: where the demo inspector and employer1 are
CERTIFICATES = {"sc_inspector": "ZJ33010200017", "hs_inspector": "ZJ33020300021", "zj_inspector": "ZJ33000000003"}


def _actor(username: str) -> Actor:
    return actor_for_user(User.objects.get(username=username))


def _inspection(officer: Actor, employer: Employer, article: str, findings: str) -> Case:
    """A stand-in inspection (the inspection app passes its own record as the subject)."""
    start = ActStart(
        kind="inspection",
        employer_id=employer.pk,
        county_id=employer.county_id,
        subject=employer,
        title=f"{employer.name} 职业卫生监督检查",
        officers=(officer.user_id,) if officer.user_id else (),
        legal_basis="《职业病防治法》第六十二条",
        extra={"article": article},
    )
    code = issue_action_code(officer, start)
    case = open_case_from_act(officer, action_code=code, start=start, findings=findings)
    assert isinstance(case, Case)
    return case


def _decided(officer: Actor, head: Actor, employer: Employer, filed_ago: int, decided_ago: int) -> Case:
    today = timezone.localdate()
    case = _inspection(officer, employer, "ODPL-72(1)", "冲压车间噪声 L_EX,8h 92 dB(A)，超过职业接触限值")
    cases.approve_filing(actor=head, case=case, filed_on=today - dt.timedelta(days=filed_ago))
    cases.add_evidence(
        actor=officer, case=case, kind="inspection_record", title="现场检查笔录", content="噪声检测 92 dB(A)",
        collected_on=today - dt.timedelta(days=filed_ago),
    )  # fmt: skip
    cases.order_correction(actor=officer, case=case, deadline=today - dt.timedelta(days=filed_ago - 10))
    benchmarks.propose_for_case(actor=officer, case=case, circumstances=[])
    notice_on = today - dt.timedelta(days=decided_ago + 10)
    procedure.serve_notice(actor=officer, case=case, fine_yuan=case.proposed_fine_yuan, served_on=notice_on)
    procedure.record_defence(actor=officer, case=case, defence="当事人表示无异议", heard_on=notice_on)
    procedure.record_collective_discussion(
        actor=head, case=case, record="负责人集体讨论：同意警告并处罚款", held_on=notice_on
    )
    procedure.decide(
        actor=head, case=case, decision_text="警告，并处罚款", decided_on=today - dt.timedelta(days=decided_ago)
    )
    return case


def build_enforcement(demo_employers: Mapping[str, int]) -> int:
    """The demo's enforcement records; returns the number of cases."""
    for username, number in CERTIFICATES.items():
        User.objects.filter(username=username).update(certificate_number=number)
    officer, head = _actor("sc_inspector"), _actor("hz_regulator")
    employer1 = Employer.objects.get(pk=demo_employers["employer1"])
    others = list(Employer.objects.filter(county_id=COUNTY).exclude(pk=employer1.pk).order_by("pk")[:3])
    today = timezone.localdate()
    county = Region.objects.get(pk=COUNTY)
    benchmarks.add_refinement(
        actor=officer, benchmark=benchmarks.benchmark_in_force(today), region=county, article="ODPL-72(1)",
        level="一般", fine_min_yuan=Decimal(100000), fine_max_yuan=Decimal(120000), version="上城区-2026-1",
        condition="涉及劳动者 10 人以下",
    )  # fmt: skip
    # employer1: an inspection found a noise exceedance; the correction deadline has not passed.
    waiting = _inspection(officer, employer1, "ODPL-72(1)", "冲压车间噪声 L_EX,8h 90 dB(A)，超过职业接触限值")
    cases.approve_filing(actor=head, case=waiting)
    cases.add_evidence(actor=officer, case=waiting, kind="inspection_record", title="现场检查笔录")
    cases.order_correction(actor=officer, case=waiting, deadline=today + dt.timedelta(days=30))
    made = [waiting]
    if others:
        made.append(_decided(officer, head, others[0], filed_ago=40, decided_ago=10))
    if len(others) > 1:
        made.append(_decided(officer, head, others[1], filed_ago=130, decided_ago=20))  # after 90 days
    minor_case = _inspection(officer, employer1, "ODPL-71(5)", "一名离职劳动者未获职业健康监护档案复印件")
    cases.approve_filing(actor=head, case=minor_case)
    minor.offer_commitment(
        actor=officer, case=minor_case, item_id="ZJ-OH-01", harm="危害后果轻微", corrected_in_time=True
    )
    minor.sign_commitment(actor=_actor("employer1"), case=minor_case, signed_by="企业职业卫生管理员")
    minor.decide_no_penalty(
        actor=officer, case=minor_case, education_record="现场讲解职业病防治法第三十三条、第七十一条"
    )
    made.append(minor_case)
    if len(others) > 2:
        made.append(_inspection(officer, others[2], "ODPL-71(4)", "未组织接触粉尘劳动者在岗期间职业健康检查"))
    reviews.start_campaign(
        actor=head, name=f"{today.year} 年杭州市职业卫生行政处罚案卷评查",
        decided_from=today - dt.timedelta(days=180), decided_to=today,
    )  # fmt: skip
    reviews.start_audit(
        actor=head, county=county, findings="抽查案卷 2 件：1 件超过办案期限未办理延期审批",
        follow_up_due_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    return len(made)
