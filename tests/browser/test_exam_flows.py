"""Issue 5 as a new user would do it on the demo province: the employer finds its overdue workers
and books them at a covering institution with free places; the institution checks them in and
records a suspected case and a contraindication; the follow-ups appear for the worker, the
employer (who confirms the move off the post) and the county regulator."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def _switch(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, base, username)


def _worker_name(page: Page, base: str) -> str:
    log_in(page, base, "worker1")
    page.click("a[data-nav='workers:my_file']")
    return page.locator("h1").inner_text().split("·")[-1].strip()


def _book_overdue(page: Page, base: str) -> str:
    _switch(page, base, "employer1")
    page.click("a[data-nav='exams:due_list']")
    expect(page.get_by_test_id("due-row").first).to_contain_text("逾期")
    for box in page.get_by_test_id("pick").all():
        box.check()
    page.get_by_test_id("category").select_option("pre")
    page.get_by_test_id("book-selected").click()
    page.get_by_test_id("institution").filter(has_text="杭州市").click()
    expect(page.get_by_test_id("capacity-row").first).to_contain_text("可预约")
    page.select_option("#id_site", index=1)
    page.fill("#id_exam_on", dt.date.today().isoformat())
    screenshot(page, "employer1", "exam-booking")
    page.get_by_test_id("confirm-booking").click()
    page.wait_for_url(re.compile(r"/exams/bookings/\d+/$"))
    expect(page.get_by_test_id("status")).to_have_text("已预约")
    return page.url


def _record(page: Page, pick: Callable[[], Locator], conclusion: str, advice: str, disease: str = "") -> None:
    pick().get_by_test_id("check-in").click()
    expect(pick()).to_contain_text("已签到")
    pick().get_by_test_id("record-result").click()
    page.wait_for_url(re.compile(r"/result/$"))
    page.select_option("#id_conclusion", conclusion)
    if disease:
        page.fill("#id_suspected_disease", disease)
    page.fill("#id_items", "纯音听阈：双耳高频听阈 45 dB !")
    page.fill("#id_advice", advice)
    page.get_by_test_id("save-result").click()
    try:
        page.wait_for_url(re.compile(r"/exams/bookings/\d+/$"))
    except Exception:
        screenshot(page, "exam1", f"result-form-{conclusion}")
        raise


def test_overdue_workers_booked_examined_and_followed_up(page: Page, platform_url: str) -> None:
    name = _worker_name(page, platform_url)
    booking_url = _book_overdue(page, platform_url)
    expect(page.get_by_test_id("appointment").filter(has_text=name)).to_have_count(1)

    _switch(page, platform_url, "exam1")
    page.goto(booking_url)
    rows = page.get_by_test_id("appointment")
    _record(page, lambda: rows.filter(has_text=name), "suspected_disease", "建议到职业病诊断机构诊断", "职业性噪声聋")
    _record(page, lambda: rows.filter(has_not_text=name).first, "contraindication", "调离噪声作业岗位")
    page.get_by_test_id("issue-report").click()
    expect(page.get_by_test_id("report")).to_be_visible()
    expect(page.get_by_test_id("conclusion").filter(has_text="疑似职业病")).to_have_count(1)
    screenshot(page, "exam1", "exam-results")

    _switch(page, platform_url, "worker1")
    page.click("a[data-nav='workers:my_file']")
    expect(page.locator("[data-section='exams']")).to_contain_text("疑似职业病")
    expect(page.locator("[data-section='exam_follow_ups']")).to_contain_text("职业性噪声聋")
    screenshot(page, "worker1", "exam-follow-ups")

    _switch(page, platform_url, "employer1")
    page.click("a[data-nav='exams:follow_up_list']")
    page.locator("#list-table tbody tr", has_text="确认已调离").locator("a").first.click()
    page.fill("#id_note", "已调至仓库管理岗")
    page.get_by_test_id("confirm-move").click()
    expect(page.get_by_test_id("status")).to_have_text("已完成")
    screenshot(page, "employer1", "contraindication-confirmed")

    _switch(page, platform_url, "sc_inspector")
    page.goto(f"{platform_url}/exams/coverage/")
    expect(page.get_by_test_id("suspected").filter(has_text=name)).to_contain_text("职业性噪声聋")
    expect(page.get_by_test_id("contraindication").first).to_contain_text("已确认")
    screenshot(page, "sc_inspector", "exam-coverage")
