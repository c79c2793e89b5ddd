"""Monitoring as a county inspector uses it: the device list with status, a device's live chart,
the warning in the queue, its outcome recorded, and the rates that follow; and as the employer
sees it: a new alert on its alert list as it happens."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in, manage, screenshot

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


# A WBGT exceedance at employer1's first monitor, ingested as a gateway's HTTP batch would be.
RAISE_HEAT_ALERT = """
from django.utils import timezone
from ohs.monitoring.ingest.evaluator import Evaluator
from ohs.monitoring.ingest.pipeline import Envelope, Pipeline, RawReading
from ohs.monitoring.models import Device
from ohs.orgs.models import User
device = Device.objects.filter(owner=User.objects.get(username="employer1").organisation).order_by("pk").first()
reading = RawReading("wbgt", 45.0, "degC", timezone.now().isoformat())
Pipeline(evaluator=Evaluator(durable=True)).ingest([Envelope("http", "browser-test", "", device.code, [reading])])
print(device.code)
"""


def test_employer_sees_its_new_alert_arrive_without_reloading(
    page: Page, platform_url: str, platform_env: dict[str, str]
) -> None:
    log_in(page, platform_url, "employer1")
    page.goto(f"{platform_url}/monitoring/alerts/")
    rows = page.locator("#list-table tbody tr")
    expect(rows.first).to_be_visible()
    before = rows.count()
    notice = page.get_by_test_id("alert-feed-notice")
    expect(notice).to_be_hidden()
    page.evaluate("window.stillTheSamePage = true")  # gone if the page were reloaded

    code = manage(platform_env, "shell", "-c", RAISE_HEAT_ALERT).strip().splitlines()[-1]
    expect(notice).to_be_visible(timeout=15_000)
    expect(notice).to_contain_text("新报警")
    expect(notice).to_contain_text(code)
    expect(rows).to_have_count(before + 1)
    expect(rows.first).to_contain_text("WBGT 指数对照限值")
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot(page, "monitoring", "employer-live-alert")
    assert page.console_errors == []  # type: ignore[attr-defined]
