"""Issue 7 as users would do it on the demo province: employer1 is 丙 for, among others, a measured
exceedance and overdue exams; the county inspector pushes the profile's shortfalls, the employer submits evidence,
the inspector sends one back and approves, the class drops; and the public page of the provincial
plan's draw."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser
RISK_ORDER = "甲乙丙"  # 2022 scheme: 甲 lowest risk


def _as(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    log_in(page, base, username)
    return page


def _class(page: Page) -> str:
    return page.get_by_test_id("risk-class").inner_text().strip().removesuffix("类")


def test_rectification_loop_lowers_the_class(browser: Browser, platform_url: str, tmp_path: Path) -> None:
    evidence = tmp_path / "整改证明.pdf"
    evidence.write_bytes(b"%PDF-1.4 demo evidence")
    employer = _as(browser, platform_url, "employer1")
    employer.click("a[data-nav='risk:profile_list']")
    employer.locator("#list-table tbody tr a").first.click()
    profile_url = employer.url

    # The inspector recomputes first: the browser tests share one demo and its served platform runs
    # no task worker, so employer1's profile may predate the exam and measurement flows run before.
    inspector = _as(browser, platform_url, "sc_inspector")
    inspector.goto(profile_url)
    with inspector.expect_navigation():
        inspector.locator("form[action$='/recompute/'] button").click()
    employer.goto(profile_url)
    before = _class(employer)
    # The demo's employer1 has an issued measurement report with an exceedance (detection) and
    # overdue exams (exams): class 丙 with those two among its reasons.
    codes = {s.get_attribute("data-code") for s in employer.get_by_test_id("shortfall").all()}
    assert before == "丙" and {"exceedance", "exams_overdue"} <= codes, (before, codes)
    screenshot(employer, "employer1", "risk-profile-before")

    inspector.goto(profile_url)
    while inspector.get_by_test_id("push").count():
        inspector.get_by_test_id("push").first.click()
        expect(inspector.get_by_test_id("deadline")).to_be_visible()
        inspector.goto(profile_url)

    def submit_all() -> int:
        employer.goto(f"{platform_url}/risk/rectifications/?status=pushed")
        done = 0
        for status in ("pushed", "returned"):
            employer.goto(f"{platform_url}/risk/rectifications/?status={status}")
            while employer.locator("#list-table tbody tr a").count():
                employer.locator("#list-table tbody tr a").first.click()
                employer.fill("#id_actions_taken", "已完成检测并上传报告")
                employer.set_input_files("input[type=file]", str(evidence))
                employer.get_by_test_id("submit").click()
                expect(employer.get_by_test_id("status")).to_have_text("已提交审核")
                done += 1
                employer.goto(f"{platform_url}/risk/rectifications/?status={status}")
        return done

    assert submit_all() >= 1
    inspector.goto(f"{platform_url}/risk/rectifications/?status=submitted")
    inspector.locator("#list-table tbody tr a").first.click()
    inspector.fill("textarea[name=reason]", "检测报告缺少盖章页")
    inspector.get_by_test_id("send-back").click()
    expect(inspector.get_by_test_id("status")).to_have_text("已退回")
    assert submit_all() == 1
    inspector.goto(f"{platform_url}/risk/rectifications/?status=submitted")
    while inspector.locator("#list-table tbody tr a").count():
        inspector.locator("#list-table tbody tr a").first.click()
        inspector.get_by_test_id("approve").click()
        expect(inspector.get_by_test_id("status")).to_have_text("已审核解除")
        inspector.goto(f"{platform_url}/risk/rectifications/?status=submitted")

    employer.goto(profile_url)
    after = _class(employer)
    after_codes = {s.get_attribute("data-code") for s in employer.get_by_test_id("shortfall").all()}
    assert not after_codes & {"exceedance", "exams_overdue"}, after_codes
    assert RISK_ORDER.index(after) < RISK_ORDER.index(before), (before, after)
    expect(employer.get_by_test_id("released").first).to_be_visible()
    screenshot(employer, "employer1", "risk-profile-after")


def test_public_draw_page_shows_the_same_list_without_login(page: Page, browser: Browser, platform_url: str) -> None:
    log_in(page, platform_url, "zj_regulator")
    page.click("a[data-nav='inspection:plan_list']")
    page.locator("#list-table tbody tr a").first.click()
    tasks = page.get_by_test_id("task").count()
    seed = page.get_by_test_id("seed").inner_text()
    public_url = page.get_by_test_id("public-link").get_attribute("href")
    assert tasks > 0 and public_url
    anonymous = browser.new_context(locale="zh-CN").new_page()
    anonymous.goto(f"{platform_url}{public_url}")
    expect(anonymous.get_by_test_id("seed")).to_have_text(seed)
    expect(anonymous.get_by_test_id("list-ok")).to_be_visible()
    expect(anonymous.get_by_test_id("digest-ok")).to_be_visible()
    expect(anonymous.get_by_test_id("drawn")).to_have_count(tasks)
    screenshot(anonymous, "public", "draw")
