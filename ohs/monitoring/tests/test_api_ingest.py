"""Gateway ingest over HTTP with a device token; dead letters replayed by the platform operator."""

from __future__ import annotations

import json

from django.test import Client
from django.utils import timezone

from ohs.core.actor import SYSTEM_ACTOR
from ohs.monitoring.choices import DeadLetterStatus
from ohs.monitoring.models import DeadLetter, Reading
from ohs.monitoring.services.devices import issue_credential
from ohs.monitoring.tests.factories import make_device
from ohs.testing.personas import World


def _post(token: str, body: object) -> object:
    return Client().post(
        "/api/v1/monitoring/ingest",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_gateway_batch_is_stored_and_refusals_are_listed(world: World) -> None:
    device = make_device(world.employers["A"])
    token = issue_credential(actor=SYSTEM_ACTOR, owner_id=device.owner_id, device=None)
    at = timezone.now().isoformat()
    body = {"batches": [
        {"device": device.code, "readings": [{"channel": "a34001", "value": 1.2, "unit": "mg/m3", "at": at},
                                             {"channel": "a34001", "value": -3, "unit": "mg/m3", "at": at}]},
        {"readings": []},
    ]}  # fmt: skip
    response = _post(token, body)
    assert response.status_code == 200, response.content  # type: ignore[attr-defined]
    data = response.json()  # type: ignore[attr-defined]
    assert (data["received"], data["stored"], data["duplicates"]) == (2, 1, 0)
    assert sorted(r["reason"] for r in data["rejected"]) == ["below_physical_minimum", "missing_field"]
    assert _post(token, body).json()["duplicates"] == 1  # type: ignore[attr-defined]


def test_token_is_checked_and_bound_to_its_devices(world: World) -> None:
    mine = make_device(world.employers["A"])
    other = make_device(world.employers["B"])
    token = issue_credential(actor=SYSTEM_ACTOR, owner_id=None, device=mine)
    batch = {"device": other.code, "readings": []}
    assert _post("ohsdev_wrong", batch).status_code == 401  # type: ignore[attr-defined]
    assert _post(token, batch).status_code == 403  # type: ignore[attr-defined]
    assert _post(token, {"device": mine.code, "readings": []}).status_code == 200  # type: ignore[attr-defined]


def test_operator_replays_a_dead_letter_once_the_channel_exists(world: World) -> None:
    device = make_device(world.employers["A"])
    token = issue_credential(actor=SYSTEM_ACTOR, owner_id=None, device=device)
    reading = {"channel": "a21005", "value": 3.0, "unit": "mg/m3", "at": timezone.now().isoformat()}
    _post(token, {"device": device.code, "readings": [reading]})
    letter = DeadLetter.objects.get(device_code=device.code, reason="unknown_channel")
    from ohs.hazards.models import Agent
    from ohs.monitoring.choices import Quantity
    from ohs.monitoring.rules.hj212_codes import Parameter
    from ohs.monitoring.services.devices import add_channel

    add_channel(actor=SYSTEM_ACTOR, device=device, quantity=Quantity.GAS, code="a21005", parameter=Parameter.CO,
                agent=Agent.objects.get(name_zh="一氧化碳(非高原)"))  # fmt: skip
    client = world.client("sysadmin")
    response = client.post(f"/api/v1/monitoring/dead-letters/{letter.pk}/replay")
    assert response.status_code == 200 and response.json()["status"] == DeadLetterStatus.REPLAYED
    assert Reading.objects.filter(device_id=device.pk, channel__code="a21005").count() == 1
    page = client.post(f"/monitoring/dead-letters/{letter.pk}/replay/")
    assert page.status_code == 302  # replayed already: the page says so instead of storing twice
