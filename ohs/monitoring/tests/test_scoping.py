"""Who sees employer A's monitor (上城区), its alert, its verification task; dead letters: the operator."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from ohs.monitoring.ingest.evaluator import Evaluator
from ohs.monitoring.ingest.pipeline import Envelope, Pipeline, RawReading, Refusal, record_refusals
from ohs.monitoring.models import Alert, DeadLetter, Device, VerificationTask
from ohs.monitoring.tests.factories import make_device
from ohs.testing.personas import World
from ohs.testing.queries import query_budget
from ohs.testing.scoping import FORBIDDEN, HIDDEN, LOGIN, OK, ApiMatrix, PageMatrix

SEES_DEVICE: dict[str | None, str] = {
    None: LOGIN,
    "prov_regulator": OK,
    "hz_regulator": OK,
    "sc_inspector": OK,
    "hs_inspector": HIDDEN,
    "prov_cdc": OK,
    "mgr_a": OK,
    "mgr_b": HIDDEN,
    "worker_a": FORBIDDEN,
    "expert": FORBIDDEN,
    "sysadmin": FORBIDDEN,
}
SEES_TASK = SEES_DEVICE | {"mgr_a": FORBIDDEN, "mgr_b": FORBIDDEN, "prov_cdc": FORBIDDEN}
SEES_LETTERS: dict[str | None, str] = {None: LOGIN, "sysadmin": OK, "sc_inspector": FORBIDDEN, "mgr_a": FORBIDDEN}


@pytest.fixture
def alerted(world: World) -> tuple[Device, Alert, VerificationTask]:
    device = make_device(world.employers["A"])
    make_device(world.employers["B"])
    reading = RawReading("a34001", 60, "mg/m3", timezone.now().isoformat())
    Pipeline(evaluator=Evaluator()).ingest([Envelope("http", "t", "", device.code, [reading])])
    alert = Alert.objects.get(device=device, rule_id="ceiling")
    return device, alert, alert.task


def test_device_pages_and_api(world: World, alerted: tuple[Device, Alert, VerificationTask]) -> None:
    device = alerted[0]
    PageMatrix(f"/monitoring/devices/{device.pk}/", "/monitoring/devices/", device.code, device.code,
               SEES_DEVICE).check(world)  # fmt: skip
    ApiMatrix(f"/api/v1/monitoring/devices/{device.pk}", "/api/v1/monitoring/devices", device.pk,
              SEES_DEVICE).check(world)  # fmt: skip


def test_device_chart_api(world: World, alerted: tuple[Device, Alert, VerificationTask]) -> None:
    device = alerted[0]
    assert world.client("mgr_b").get(f"/api/v1/monitoring/devices/{device.pk}/chart").status_code == 404
    chart = world.client("mgr_a").get(f"/api/v1/monitoring/devices/{device.pk}/chart").json()
    dust = next(s for s in chart["series"] if s["channel"] == "a34001")
    assert [p[1] for p in dust["points"]] == [60.0] and dust["limit"] == 8.0


def test_alert_pages_and_api(world: World, alerted: tuple[Device, Alert, VerificationTask]) -> None:
    device, alert, _task = alerted
    PageMatrix(f"/monitoring/alerts/{alert.pk}/", "/monitoring/alerts/", device.code, device.code,
               SEES_DEVICE).check(world)  # fmt: skip
    ApiMatrix(f"/api/v1/monitoring/alerts/{alert.pk}", "/api/v1/monitoring/alerts", alert.pk,
              SEES_DEVICE).check(world)  # fmt: skip


def test_alert_feed_brings_only_the_readers_own_newer_alerts(
    world: World, alerted: tuple[Device, Alert, VerificationTask]
) -> None:
    alert = alerted[1]

    def feed(persona: str | None, after: int | str = 0) -> Any:
        return world.client(persona).get("/monitoring/alerts/feed/", {"after": after})

    def ids(persona: str | None) -> list[int]:
        return [a["id"] for a in feed(persona).json()["alerts"]]

    anonymous = feed(None)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert feed("worker_a").status_code == 403
    for persona, expected in SEES_DEVICE.items():
        if expected in (OK, HIDDEN):
            assert (alert.pk in ids(persona)) == (expected == OK), persona
    mine = feed("mgr_a").json()
    assert mine["latest"] == alert.pk and mine["alerts"][-1]["url"] == f"/monitoring/alerts/{alert.pk}/"
    assert feed("mgr_a", alert.pk).json() == {"latest": alert.pk, "alerts": []}  # nothing newer yet
    refused = feed("mgr_a", "x")
    assert refused.status_code == 400 and refused.json()["field"] == "after"
    # The page starts the feed from the newest alert its reader may see, never another's.
    assert f'data-latest="{alert.pk}"' in world.client("mgr_a").get("/monitoring/alerts/").content.decode()
    assert 'data-latest="0"' in world.client("mgr_b").get("/monitoring/alerts/").content.decode()


def test_task_pages_and_api(world: World, alerted: tuple[Device, Alert, VerificationTask]) -> None:
    device, _alert, task = alerted
    PageMatrix(f"/monitoring/tasks/{task.pk}/", "/monitoring/tasks/", device.code, device.code,
               SEES_TASK).check(world)  # fmt: skip
    ApiMatrix(f"/api/v1/monitoring/tasks/{task.pk}", "/api/v1/monitoring/tasks", task.pk,
              SEES_TASK).check(world)  # fmt: skip


def test_dead_letter_pages(world: World) -> None:
    record_refusals(
        [Refusal("mqtt", "ohs/devices/X/readings", "{bad", "invalid_json", "payload is not JSON", "", "MARKER1")]
    )
    letter = DeadLetter.objects.get(device_code="MARKER1")
    PageMatrix(f"/monitoring/dead-letters/{letter.pk}/", "/monitoring/dead-letters/", "MARKER1", "MARKER1",
               SEES_LETTERS).check(world)  # fmt: skip
    assert world.client("sc_inspector").get("/api/v1/monitoring/dead-letters").status_code == 403
    assert world.client("sysadmin").get("/api/v1/monitoring/dead-letters").json()["count"] >= 1


def test_other_county_inspector_cannot_handle_the_task(
    world: World, alerted: tuple[Device, Alert, VerificationTask]
) -> None:
    task = alerted[2]
    url = f"/api/v1/monitoring/tasks/{task.pk}/outcome"
    body = {"outcome": "rectify", "note": "x"}
    assert world.client("hs_inspector").post(url, body, content_type="application/json").status_code == 404
    assert world.client("mgr_a").post(url, body, content_type="application/json").status_code == 403


def test_employer_answers_its_own_alert_only(world: World, alerted: tuple[Device, Alert, VerificationTask]) -> None:
    alert = alerted[1]
    url = f"/api/v1/monitoring/alerts/{alert.pk}/answer"
    assert world.client("mgr_b").post(url, {"text": "x"}, content_type="application/json").status_code == 404
    response = world.client("mgr_a").post(url, {"text": "除尘器故障，已更换滤袋"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["employer_response"] == "除尘器故障，已更换滤袋"
    page = world.client("sc_inspector").get(f"/monitoring/tasks/{alerted[2].pk}/")
    assert "除尘器故障" in page.content.decode()


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/monitoring/devices/", 14),
        ("/monitoring/alerts/", 14),
        ("/monitoring/tasks/", 14),
        ("/monitoring/summary/", 14),
    ],
)
def test_list_pages_keep_their_query_budget(world: World, url: str, budget: int) -> None:
    for _ in range(6):
        device = make_device(world.employers["A"])
        reading = RawReading("a34001", 60, "mg/m3", timezone.now().isoformat())
        Pipeline(evaluator=Evaluator()).ingest([Envelope("http", "t", "", device.code, [reading])])
    client = world.client("sc_inspector")
    client.get(url)  # sessions, caches
    with query_budget(budget):
        assert client.get(url).status_code == 200


def test_list_apis_keep_their_query_budget(world: World) -> None:
    for _ in range(6):
        device = make_device(world.employers["A"])
        reading = RawReading("a34001", 60, "mg/m3", timezone.now().isoformat())
        Pipeline(evaluator=Evaluator()).ingest([Envelope("http", "t", "", device.code, [reading])])
    client = world.client("sc_inspector")
    for url in ("/api/v1/monitoring/devices", "/api/v1/monitoring/alerts", "/api/v1/monitoring/tasks"):
        client.get(url)
        with query_budget(8):
            assert client.get(url).status_code == 200


def test_offline_rates_api_is_scoped(world: World, alerted: tuple[Device, Alert, VerificationTask]) -> None:
    device = alerted[0]
    mine = world.client("sc_inspector").get("/api/v1/monitoring/offline-rates").json()
    theirs = world.client("hs_inspector").get("/api/v1/monitoring/offline-rates").json()
    assert str(device.pk) in {r["key"] for r in mine if r["level"] == "device"}
    assert str(device.pk) not in {r["key"] for r in theirs if r["level"] == "device"}
    assert {"device", "entity", "region"} <= {r["level"] for r in mine}
