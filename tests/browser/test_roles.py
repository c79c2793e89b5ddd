"""Each role logs in, walks its menu, filters a list, switches language — in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ohs.demo.builder import DEMO_LOGINS
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser
USERNAMES = [username for username, *_ in DEMO_LOGINS if username not in ("admin", "auditor")] + ["worker1"]


@pytest.mark.parametrize("username", USERNAMES)
def test_role_logs_in_and_visits_every_menu_page(page: Page, platform_url: str, username: str) -> None:
    log_in(page, platform_url, username)
    expect(page.get_by_test_id("whoami")).to_be_visible()
    screenshot(page, username, "00-dashboard")
    links = page.locator("a[data-nav]")
    targets = [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]
    for index, (label, href) in enumerate(targets, start=1):
        page.click(f"a[data-nav][href='{href}']")
        page.wait_for_load_state("networkidle")
        assert "/accounts/login/" not in page.url, f"{username}: {label}"  # some entries redirect (my file)
        expect(page.locator("h1")).to_be_visible()
        screenshot(page, username, f"{index:02d}-{href.strip('/').replace('/', '-') or 'root'}")
    assert page.console_errors == [], f"{username}: {page.console_errors}"  # type: ignore[attr-defined]


@pytest.mark.parametrize("username", ["admin", "auditor"])
def test_operations_roles_reach_their_pages(page: Page, platform_url: str, username: str) -> None:
    log_in(page, platform_url, username)
    page.click("a[data-nav='admin:index']")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    screenshot(page, username, "01-admin")
    if username == "auditor":
        page.goto(f"{platform_url}/home/audit/")
        expect(page.locator("tbody tr").first).to_be_visible()
        screenshot(page, username, "02-audit-log")


def test_inspector_filters_the_employer_list(page: Page, platform_url: str) -> None:
    log_in(page, platform_url, "zj_inspector")
    page.click("a[data-nav='registry:employer_list']")
    total = int(re.sub(r"\D", "", page.get_by_test_id("result-count").inner_text()))
    page.select_option("#filter-county", "330102")  # HTMX swaps the table in place
    expect(page.get_by_test_id("result-count")).not_to_have_text(re.compile(rf"\b{total}\b"))
    rows = page.locator("#list-table tbody tr")
    for i in range(rows.count()):
        expect(rows.nth(i)).to_contain_text("上城区")
    assert "county=330102" in page.url  # the filtered list has its own address
    page.fill("#list-q", "zzzzzz")
    expect(page.locator("#list-table tbody")).to_contain_text("没有符合条件的记录")
    screenshot(page, "zj_inspector", "filtered-list")


def test_language_switches_to_english_and_back(page: Page, platform_url: str) -> None:
    log_in(page, platform_url, "sc_inspector")
    expect(page.locator("h1")).to_have_text("工作台")
    page.select_option("#language-select", "en")
    expect(page.locator("h1")).to_have_text("Dashboard")
    screenshot(page, "sc_inspector", "english-dashboard")
    page.select_option("#language-select", "zh-hans")
    expect(page.locator("h1")).to_have_text("工作台")


def test_phone_layout_menu_opens(page: Page, platform_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, platform_url, "sc_inspector")
    page.click("button[data-ohs-toggle='main-nav']")
    expect(page.locator("#main-nav")).to_be_visible()
    page.click("a[data-nav='workers:worker_list']")
    expect(page.locator("table")).to_be_visible()
    screenshot(page, "sc_inspector", "phone-workers")


def test_worker_reveals_own_id_number_and_logs_out(page: Page, platform_url: str) -> None:
    log_in(page, platform_url, "worker1")
    page.goto(f"{platform_url}/workers/")
    page.locator("#list-table tbody a").first.click()
    masked = page.get_by_test_id("id-number").inner_text()
    assert "*" in masked
    page.get_by_test_id("reveal-id").click()
    expect(page.get_by_test_id("id-number")).not_to_contain_text("*")
    page.click("text=退出")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
