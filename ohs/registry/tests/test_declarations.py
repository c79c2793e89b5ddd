"""Hazard declarations: due dates from the reference windows, items per post and hazard, late
submissions, acceptance with a verifiable receipt, the regulator's list of gaps."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from ohs.core.errors import DomainError
from ohs.core.models.outbox import OutboxEvent
from ohs.hazards.models import Agent
from ohs.registry import services
from ohs.registry.choices import DeclarationStatus
from ohs.registry.models import Declaration, Employer
from ohs.registry.services import PostData
from ohs.testing.personas import World
from ohs.workers.models import Employment
from ohs.workers.queries import exposures_for


@pytest.fixture
def welding(world: World) -> int:
    actor = world.actor("mgr_a")
    workplace = services.add_workplace(actor=actor, employer=world.employers["A"], name="焊接车间")
    post = services.add_post(actor=actor, employer=world.employers["A"], data=PostData(workplace.pk, "电焊工"))
    Employment.objects.filter(worker=world.workers["worker_a"]).update(post=post)
    return post.pk


def _agent(name: str) -> Agent:
    return Agent.objects.get(name_zh=name)


def _declare(world: World, post: int, event_on: dt.date, event: str = "process_change") -> Declaration:
    actor = world.actor("mgr_a")
    declaration = services.start_declaration(actor=actor, employer=world.employers["A"], event=event, event_on=event_on)
    services.add_item(actor=actor, declaration=declaration, post_id=post, agent_id=_agent("苯").pk, exposed_workers=12)
    return declaration


def _add(world: World, declaration: Declaration, post: int, agent: str, workers: int = 1) -> None:
    actor = world.actor("mgr_a")
    services.add_item(
        actor=actor, declaration=declaration, post_id=post, agent_id=_agent(agent).pk, exposed_workers=workers
    )


def test_change_declaration_due_in_15_days_and_on_time(world: World, welding: int) -> None:
    today = timezone.localdate()
    declaration = _declare(world, welding, today - dt.timedelta(days=3))
    assert declaration.due_on >= today - dt.timedelta(days=3) + dt.timedelta(days=15)
    assert "第八条" in declaration.due_basis
    services.submit_declaration(actor=world.actor("mgr_a"), declaration=declaration)
    assert declaration.status == DeclarationStatus.SUBMITTED and not declaration.is_late


def test_submission_after_the_window_is_late(world: World, welding: int) -> None:
    declaration = _declare(world, welding, timezone.localdate() - dt.timedelta(days=60))
    services.submit_declaration(actor=world.actor("mgr_a"), declaration=declaration)
    assert declaration.is_late
    assert OutboxEvent.objects.filter(name="registry.declaration.submitted", payload__late=True).exists()


def test_accept_issues_receipt_that_verifies_and_reads_in_chinese(world: World, welding: int, tmp_path: Path) -> None:
    declaration = _declare(world, welding, timezone.localdate())
    services.submit_declaration(actor=world.actor("mgr_a"), declaration=declaration)
    client = world.client("sc_inspector")
    client.post(f"/employers/declarations/{declaration.pk}/transition/accepted/")
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.ACCEPTED
    receipt = world.client("mgr_a").get(f"/employers/declarations/{declaration.pk}/receipt.pdf")
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(b"".join(receipt.streaming_content))  # type: ignore[attr-defined]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "职业病危害项目申报回执" in text and "电焊工" in text and "苯" in text
    api = world.client("mgr_a").get(f"/api/v1/registry/declarations/{declaration.pk}").json()
    page = Client().get(f"/verify/{api['receipt_code']}/").content.decode()
    assert "职业病危害项目申报回执" in page
    assert [e.agent.name_zh for e in exposures_for(world.workers["worker_a"])] == ["苯"]
    enterprise_file = world.client("sc_inspector").get(f"/employers/{world.employers['A'].pk}/file/").content.decode()
    assert api["receipt_code"] in enterprise_file


def test_accepted_declaration_is_locked(world: World, welding: int) -> None:
    declaration = _declare(world, welding, timezone.localdate())
    services.submit_declaration(actor=world.actor("mgr_a"), declaration=declaration)
    services.accept_declaration(actor=world.actor("sc_inspector"), declaration=declaration)
    with pytest.raises(DomainError):
        _add(world, declaration, welding, "甲苯")


def test_return_needs_a_reason_and_allows_resubmission(world: World, welding: int) -> None:
    declaration = _declare(world, welding, timezone.localdate())
    services.submit_declaration(actor=world.actor("mgr_a"), declaration=declaration)
    with pytest.raises(DomainError):
        services.return_declaration(actor=world.actor("sc_inspector"), declaration=declaration, reason=" ")
    services.return_declaration(
        actor=world.actor("sc_inspector"), declaration=declaration, reason="接触人数与花名册不符"
    )
    _add(world, declaration, welding, "甲苯", 3)
    services.submit_declaration(actor=world.actor("mgr_a"), declaration=declaration)
    assert declaration.status == DeclarationStatus.SUBMITTED


def test_employer_cannot_accept_and_other_county_cannot_see(world: World, welding: int) -> None:
    declaration = _declare(world, welding, timezone.localdate())
    services.submit_declaration(actor=world.actor("mgr_a"), declaration=declaration)
    world.client("mgr_a").post(f"/employers/declarations/{declaration.pk}/transition/accepted/")
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.SUBMITTED
    assert world.client("hs_inspector").get(f"/employers/declarations/{declaration.pk}/").status_code == 404
    assert world.client("mgr_b").get(f"/api/v1/registry/declarations/{declaration.pk}").status_code == 404


def test_item_for_another_employers_post_is_refused(world: World, welding: int) -> None:
    other = services.add_workplace(actor=world.actor("mgr_b"), employer=world.employers["B"], name="B车间")
    post_b = services.add_post(
        actor=world.actor("mgr_b"), employer=world.employers["B"], data=PostData(other.pk, "打磨")
    )
    declaration = services.start_declaration(
        actor=world.actor("mgr_a"), employer=world.employers["A"], event="process_change", event_on=timezone.localdate()
    )
    with pytest.raises(DomainError) as caught:
        _add(world, declaration, post_b.pk, "苯")
    assert "post_id" in caught.value.fields


def test_regulator_sees_missing_first_declaration(world: World) -> None:
    Employer.objects.filter(pk=world.employers["A"].pk).update(created_at=timezone.now() - dt.timedelta(days=90))
    html = world.client("sc_inspector").get("/employers/declarations/overdue/").content.decode()
    section = html[html.index('data-testid="missing-first"') :]
    assert "企业A" in section[: section.index("</section>")]
    other = world.client("hs_inspector").get("/employers/declarations/overdue/").content.decode()
    assert "企业A" not in other


def test_declaration_api_round_trip(world: World, welding: int) -> None:
    client = world.client("mgr_a")
    body = {"employer_id": world.employers["A"].pk, "event": "process_change", "event_on": str(timezone.localdate())}
    created = client.post("/api/v1/registry/declarations", body, content_type="application/json").json()
    item = {"post_id": welding, "agent_id": _agent("苯").pk, "exposed_workers": 5}
    url = f"/api/v1/registry/declarations/{created['id']}/items"
    with_item = client.post(url, item, content_type="application/json").json()
    assert with_item["items"][0]["agent_name"] == "苯"
    bad = client.post(url, {**item, "exposed_workers": -1}, content_type="application/json")
    assert bad.status_code == 422 and "exposed_workers" in bad.json()["fields"]
    submitted = client.post(f"/api/v1/registry/declarations/{created['id']}/submit").json()
    assert submitted["status"] == "submitted"
