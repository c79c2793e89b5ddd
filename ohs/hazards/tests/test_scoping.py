"""The catalogue is public reference data: anonymous callers are sent to log in, every
logged-in persona reads the same agents in pages, exports, search and API."""

from __future__ import annotations

from ohs.hazards.models import Agent
from ohs.testing.personas import STAFF, WORKERS, World
from ohs.testing.scoping import LOGIN, OK, ApiMatrix, PageMatrix

EXPECTATIONS: dict[str | None, str] = {None: LOGIN, **dict.fromkeys([*STAFF, *WORKERS], OK)}


def _first_listed() -> Agent:
    """The agent on the first page of the list's default order, so the plain list shows it."""
    return Agent.objects.filter(is_active=True).order_by("name_initials", "pk").first()  # type: ignore[return-value]


def test_hazard_pages_scoping_matrix(world: World) -> None:
    agent = _first_listed()
    PageMatrix(
        detail_url=f"/hazards/{agent.pk}/",
        list_url="/hazards/",
        marker=agent.name_en,
        search=agent.name_zh,
        expectations=EXPECTATIONS,
    ).check(world)


def test_hazard_api_scoping_matrix(world: World) -> None:
    agent = _first_listed()
    ApiMatrix(
        detail_url=f"/api/v1/hazards/agents/{agent.pk}",
        list_url="/api/v1/hazards/agents",
        record_id=agent.pk,
        expectations=EXPECTATIONS,
    ).check(world)


def test_reference_pages_need_login_and_nothing_more(world: World) -> None:
    urls = ["/hazards/versions/", "/hazards/versions/1/", "/hazards/parameters/", "/hazards/diseases/"]
    for url in urls:
        anonymous = world.client(None).get(url)
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"], url
        for persona in ("worker_a", "expert", "auditor", "hs_inspector"):
            assert world.client(persona).get(url).status_code == 200, (persona, url)
    for url in ["/api/v1/hazards/versions", "/api/v1/hazards/parameters", "/api/v1/hazards/diseases"]:
        assert world.client(None).get(url).status_code == 401, url
        assert world.client("worker_b").get(url).status_code == 200, url


def test_editor_pages_and_routes_refuse_anonymous(world: World) -> None:
    limit_id = Agent.objects.get(cas="71-43-2").limits.first().pk  # type: ignore[union-attr]
    for url in ["/hazards/new/", f"/hazards/limits/{limit_id}/correct/"]:
        response = world.client(None).get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    api = world.client(None).post(f"/api/v1/hazards/limits/{limit_id}/corrections", {}, content_type="application/json")
    assert api.status_code == 401
