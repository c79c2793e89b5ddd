"""Workplaces, posts, responsible people, and an employer's self-registration."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from ohs.core.errors import DomainError
from ohs.core.models.outbox import OutboxEvent
from ohs.orgs.models import User
from ohs.registry.choices import EmployerStatus
from ohs.registry.models import Employer, Post, Workplace
from ohs.registry.services import PostData, add_post, add_workplace
from ohs.testing.personas import World

NEW_USCC = "91330102MA2HXG2W8N"


def test_manager_adds_workplace_and_post_through_pages(world: World) -> None:
    employer = world.employers["A"]
    client = world.client("mgr_a")
    client.post(f"/employers/{employer.pk}/workplaces/new/", {"name": "一车间", "address": "厂区东侧"})
    workplace = Workplace.objects.get(employer=employer, name="一车间")
    response = client.post(
        f"/employers/{employer.pk}/posts/new/",
        {"workplace_id": workplace.pk, "name": "电焊工", "shift_hours_per_day": "10", "days_per_week": "6"},
    )
    assert response.status_code == 302
    post = Post.objects.get(workplace=workplace, name="电焊工")
    assert post.shift_hours_per_day == Decimal(10)
    assert "电焊工" in client.get(f"/employers/{employer.pk}/").content.decode()
    assert OutboxEvent.objects.filter(name="registry.post.added", payload__id=post.pk).exists()


def test_post_with_impossible_hours_names_the_field(world: World) -> None:
    employer = world.employers["A"]
    workplace = add_workplace(actor=world.actor("mgr_a"), employer=employer, name="二车间")
    with pytest.raises(DomainError) as caught:
        add_post(actor=world.actor("mgr_a"), employer=employer, data=PostData(workplace.pk, "打磨", Decimal(25)))
    assert "shift_hours_per_day" in caught.value.fields


def test_post_at_another_employers_workplace_is_refused(world: World) -> None:
    other = add_workplace(actor=world.actor("mgr_b"), employer=world.employers["B"], name="B车间")
    with pytest.raises(DomainError) as caught:
        add_post(actor=world.actor("mgr_a"), employer=world.employers["A"], data=PostData(other.pk, "打磨"))
    assert "workplace_id" in caught.value.fields


def test_other_employer_cannot_add_to_my_structure(world: World) -> None:
    employer = world.employers["A"]
    assert world.client("mgr_b").post(f"/employers/{employer.pk}/workplaces/new/", {"name": "x"}).status_code == 404
    assert world.client("prov_cdc").get(f"/employers/{employer.pk}/contacts/new/").status_code == 403


def _registration(**overrides: str) -> dict[str, str]:
    data = {
        "uscc": NEW_USCC,
        "name": "上城新材料有限公司",
        "county_code": "330102",
        "full_name": "王五",
        "phone": "13900000000",
        "username": "xincailiao",
        "password": "Hz-Safety#2026",
        "password_again": "Hz-Safety#2026",
    }
    return {**data, **overrides}


def test_self_registration_awaits_county_confirmation(world: World) -> None:
    response = Client().post("/employers/register/", _registration())
    assert 'data-testid="registered"' in response.content.decode()
    employer = Employer.objects.get(uscc=NEW_USCC)
    assert employer.status == EmployerStatus.PENDING
    assert User.objects.get(username="xincailiao").organisation == employer.organisation
    inspector = world.client("sc_inspector")
    assert "上城新材料有限公司" in inspector.get("/employers/", {"status": "pending"}).content.decode()
    inspector.post(f"/employers/{employer.pk}/transition/confirmed/")
    employer.refresh_from_db()
    assert employer.status == EmployerStatus.CONFIRMED
    assert world.client("hs_inspector").post(f"/employers/{employer.pk}/transition/confirmed/").status_code == 404


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"uscc": "91330102MA2HXG2W8X"}, "uscc"),
        ({"password": "weak", "password_again": "weak"}, "password"),
        ({"username": "mgr_a"}, "username"),
        ({"password_again": "Other#pass2026"}, "password_again"),
    ],
)
def test_bad_self_registration_names_the_field_and_writes_nothing(
    world: World, override: dict[str, str], field: str
) -> None:
    employers, users = Employer.objects.count(), User.objects.count()
    response = Client().post("/employers/register/", _registration(**override))
    assert f'data-field-error="{field}"' in response.content.decode()
    assert (Employer.objects.count(), User.objects.count()) == (employers, users)


def test_structure_api_lists_and_adds(world: World) -> None:
    employer = world.employers["A"]
    client = world.client("mgr_a")
    workplace = client.post(
        f"/api/v1/registry/employers/{employer.pk}/workplaces", {"name": "三车间"}, content_type="application/json"
    )
    assert workplace.status_code == 201
    post = client.post(
        f"/api/v1/registry/employers/{employer.pk}/posts",
        {"workplace_id": workplace.json()["id"], "name": "喷漆工", "shift_hours_per_day": 10},
        content_type="application/json",
    )
    assert post.status_code == 201
    posts = client.get(f"/api/v1/registry/employers/{employer.pk}/posts").json()
    assert [(p["workplace_name"], p["name"], p["shift_hours_per_day"]) for p in posts] == [("三车间", "喷漆工", 10.0)]
    contact = client.post(
        f"/api/v1/registry/employers/{employer.pk}/contacts",
        {"role": "principal", "name": "孙总"},
        content_type="application/json",
    )
    assert contact.status_code == 201
    bad = client.post(
        f"/api/v1/registry/employers/{employer.pk}/contacts",
        {"role": "boss", "name": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "role" in bad.json()["fields"]
    assert world.client("mgr_b").get(f"/api/v1/registry/employers/{employer.pk}/posts").status_code == 404
