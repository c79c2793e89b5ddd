"""Changes made on admin pages land in the audit trail like any other change."""

from __future__ import annotations

import datetime as dt

from ohs.core.calendar import get_calendar
from ohs.core.models.audit import AuditEntry
from ohs.core.models.calendar import HolidayDay
from ohs.testing.personas import World


def test_admin_holiday_notice_with_days_is_audited(world: World) -> None:
    client = world.client("sysadmin")
    data = {
        "year": "2031",
        "notice": "国务院办公厅关于2031年部分节假日安排的通知",
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-day": "2031-01-01",
        "days-0-name": "元旦",
        "days-0-is_workday": "",
    }
    response = client.post("/admin/core/holidayyear/add/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    day = HolidayDay.objects.get(day="2031-01-01")
    types = set(
        AuditEntry.objects.filter(actor_label="sysadmin", action="create").values_list("object_type", flat=True)
    )
    assert {"core.holidayyear", "core.holidayday"} <= types
    assert AuditEntry.objects.filter(object_type="core.holidayday", object_id=str(day.pk)).exists()
    # The notice now extends the working-day calendar that every deadline uses.
    calendar = get_calendar()
    assert not calendar.is_workday(dt.date(2031, 1, 1))
    assert calendar.add_working_days(dt.date(2030, 12, 31), 1) == dt.date(2031, 1, 2)


def test_admin_is_closed_to_other_roles(world: World) -> None:
    assert world.client("sc_inspector").get("/admin/").status_code == 302
    assert world.client("mgr_a").get("/admin/orgs/user/").status_code == 302
