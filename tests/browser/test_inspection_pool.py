"""Avoidance (回避) as users would do it on the demo province: 上城区's inspector finds an employer
the provincial draw sent them to, declares an interest in it on their own page; the city regulator
sees the declaration, draws a new plan over 上城区 that takes every employer, and the drawn task of
that employer goes to other inspectors while the inspector still gets other tasks."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser
INSPECTOR = "sc_inspector"
REASON = "配偶在该单位任职"
ITEMS = ("OH01", "OH02", "OH05", "OH08", "OH10")  # those of the demo's provincial plan


def _as(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    log_in(page, base, username)
    return page


def _drawn_with(page: Page, username: str) -> list[str]:
    """Credit codes of the plan page's tasks whose inspectors include ``username``."""
    rows = page.get_by_test_id("task").all()
    return [
        r.get_attribute("data-uscc") or ""
        for r in rows
        if username in (r.get_attribute("data-inspectors") or "").split()
    ]


def _new_plan(page: Page, base: str, title: str) -> None:
    page.click("a[data-nav='inspection:plan_list']")
    page.get_by_role("link", name="新建计划").click()
    page.fill("#id_title", title)
    page.select_option("#id_level", "city")
    for code in ITEMS:
        page.check(f"input[name=items][value={code}]")
    year = dt.date.today().year
    page.fill("#id_period_start", f"{year}-01-01")
    page.fill("#id_period_end", f"{year}-12-31")
    for field in ("#id_ratio_jia", "#id_ratio_yi", "#id_ratio_bing"):
        page.fill(field, "1")  # every employer is drawn, so the declared one surely is
    page.fill("#id_pool_regions", "330102")
    page.click("main form button[type=submit]")
    expect(page.get_by_test_id("draw")).to_be_visible()


def test_a_declared_conflict_keeps_the_inspector_off_that_employer(browser: Browser, platform_url: str) -> None:
    inspector = _as(browser, platform_url, INSPECTOR)
    inspector.click("a[data-nav='inspection:plan_list']")
    inspector.locator("#list-table tbody tr a").first.click()
    sent_to = _drawn_with(inspector, INSPECTOR)
    assert sent_to, "the demo's provincial draw gave the inspector no task in 上城区"
    uscc = sent_to[0]

    inspector.click("a[data-nav='inspection:my_conflicts']")
    inspector.fill("#id_employer", uscc)
    inspector.select_option("#id_relation", "relative")
    inspector.fill("#id_reason", REASON)
    inspector.fill("#id_since_on", "2024-05-01")
    inspector.get_by_test_id("declare").click()
    declared = inspector.locator(f"[data-testid='my-conflict'][data-uscc='{uscc}'][data-status='declared']")
    expect(declared).to_have_count(1)
    screenshot(inspector, INSPECTOR, "conflict-declared")

    regulator = _as(browser, platform_url, "hz_regulator")
    regulator.click("a[data-nav='inspection:conflict_list']")
    regulator.fill("#list-q", uscc)
    expect(regulator.locator("#list-table tbody tr", has_text=REASON)).to_have_count(1)
    title = f"上城区回避核验抽查 {uscc[-6:]}"
    _new_plan(regulator, platform_url, title)
    regulator.get_by_test_id("draw").click()
    expect(regulator.get_by_test_id("seed")).to_be_visible()
    task = regulator.locator(f"[data-testid='task'][data-uscc='{uscc}']")
    expect(task).to_have_count(1)
    assigned = (task.get_attribute("data-inspectors") or "").split()
    assert INSPECTOR not in assigned and len(assigned) >= 2, assigned
    expect(task.get_by_test_id("task-reasons")).to_contain_text("回避：声明存在利害关系")
    others = _drawn_with(regulator, INSPECTOR)
    assert others and uscc not in others, "the inspector is still drawn, for the other employers only"
    screenshot(regulator, "hz_regulator", "draw-with-avoidance")

    regulator.click("a[data-nav='inspection:inspector_list']")
    regulator.fill("#list-q", INSPECTOR)
    regulator.locator("#list-table tbody tr a", has_text="上城区卫生监督员").click()
    expect(regulator.get_by_test_id("conflict").filter(has_text=REASON)).to_have_count(1)
    assert int(regulator.get_by_test_id("load").inner_text()) >= len(others)
    expect(regulator.get_by_test_id("open-task").filter(has_text=title)).to_have_count(len(others))
