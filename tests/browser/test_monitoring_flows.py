"""Monitoring as a county inspector uses it: the device list with status, a device's live chart,
the warning in the queue, its outcome recorded, and the rates that follow."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_inspector_sees_devices_chart_and_handles_the_warning(page: Page, platform_url: str) -> None:
    log_in(page, platform_url, "sc_inspector")
    page.goto(f"{platform_url}/monitoring/devices/")
    expect(page.locator("tbody tr").first).to_be_visible()
    expect(page.locator("tbody")).to_contain_text("在线")
    page.locator("tbody tr a").first.click()
    chart = page.get_by_test_id("device-chart")
    expect(chart.locator("canvas").first).to_be_visible()
    expect(chart).to_have_attribute("data-points", re.compile(r"^[1-9]\d*$"))  # the API's readings were drawn
    screenshot(page, "monitoring", "device-chart")

    page.goto(f"{platform_url}/monitoring/tasks/")
    page.locator("tbody tr a").first.click()
    expect(page.get_by_test_id("task-status")).to_have_text("待核查")
    page.get_by_test_id("start-verification").click()
    expect(page.get_by_test_id("task-status")).to_have_text("现场核查中")
    page.select_option("#id_outcome", "rectify")
    page.fill("#id_note", "除尘设施未开启，责令立即整改并复测")
    page.get_by_test_id("record-outcome").click()
    expect(page.get_by_test_id("task-outcome")).to_contain_text("责令整改")
    screenshot(page, "monitoring", "task-handled")

    page.goto(f"{platform_url}/monitoring/summary/")
    row = page.get_by_test_id("warning-rates").locator("tr[data-region='330102']")
    expect(row).to_contain_text("100.0 %")
    assert page.console_errors == []  # type: ignore[attr-defined]
