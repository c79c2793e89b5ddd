"""The hearing notice (听证通知书), the payment reminder (催告书) and the court-enforcement
application (强制执行申请书) are PDFs in Chinese carrying the action code and its QR."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from ohs.core.errors import DomainError
from ohs.enforcement.documents import COURT_APPLICATION, HEARING_NOTICE, PAYMENT_REMINDER
from ohs.enforcement.services import benchmarks, cases, execution, procedure
from ohs.enforcement.tests.conftest import days_ago
from ohs.enforcement.tests.test_lifecycle import _doc, _filed_case, _pdf_text, _qr_urls, _served_case
from ohs.testing.personas import World


def test_hearing_notice_is_served_seven_days_ahead_as_a_pdf(officers: World, tmp_path: Path) -> None:
    world = officers
    code, case = _filed_case(world)
    officer = world.actor("sc_inspector")
    cases.order_correction(actor=officer, case=case, deadline=days_ago(5))
    benchmarks.propose_for_case(actor=officer, case=case, circumstances=[])
    procedure.serve_notice(actor=officer, case=case, fine_yuan=Decimal(125000), served_on=days_ago(1))
    with pytest.raises(DomainError) as not_yet:
        procedure.notify_hearing(actor=officer, case=case, hearing_on=timezone.localdate(), place="第一会议室")
    assert "status" in not_yet.value.fields  # no hearing was requested
    procedure.request_hearing(actor=officer, case=case)
    with pytest.raises(DomainError) as too_soon:
        procedure.notify_hearing(
            actor=officer, case=case, hearing_on=timezone.localdate() + dt.timedelta(days=3), place="第一会议室"
        )
    assert "hearing_on" in too_soon.value.fields and "第六十四条" in too_soon.value.message
    with pytest.raises(DomainError) as unnotified:
        procedure.hold_hearing(actor=officer, case=case, record="听证")
    assert "hearing_on" in unnotified.value.fields
    hearing_on = timezone.localdate() + dt.timedelta(days=20)
    procedure.notify_hearing(actor=officer, case=case, hearing_on=hearing_on, place="上城区卫生健康局第一会议室")
    assert case.hearing_on == hearing_on and case.hearing_notice_served_on == timezone.localdate()
    notice = _doc(case, HEARING_NOTICE)
    text = _pdf_text(notice, tmp_path)
    assert "听证通知书" in text and code in text.replace("\n", "") and "第一会议室" in text
    assert any(url.endswith(f"/enforcement/c/{code}/") for url in _qr_urls(notice, tmp_path))
    with pytest.raises(DomainError) as early:
        procedure.hold_hearing(actor=officer, case=case, record="听证")
    assert "held_on" in early.value.fields


def test_reminder_and_court_application_are_pdfs_with_the_code(officers: World, tmp_path: Path) -> None:
    world = officers
    officer = world.actor("sc_inspector")
    case = _served_case(world, served_days_ago=60)
    execution.start_enforcement(actor=officer, case=case, reminder_served_on=days_ago(25))
    code = case.action_code.code
    reminder = _pdf_text(_doc(case, PAYMENT_REMINDER), tmp_path)
    assert "催告书" in reminder and code in reminder.replace("\n", "") and "十日内" in reminder
    execution.apply_to_court(actor=officer, case=case, court="杭州市上城区人民法院")
    application = _doc(case, COURT_APPLICATION)
    text = _pdf_text(application, tmp_path)
    assert "强制执行申请书" in text and code in text.replace("\n", "") and "上城区人民法院" in text
    assert any(url.endswith(f"/enforcement/c/{code}/") for url in _qr_urls(application, tmp_path))
