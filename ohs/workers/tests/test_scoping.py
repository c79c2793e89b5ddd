"""Who sees worker A (employed by employer A in 上城区)."""

from __future__ import annotations

from ohs.testing.personas import World
from ohs.testing.scoping import FORBIDDEN, HIDDEN, LOGIN, OK, ApiMatrix, PageMatrix

EXPECTATIONS: dict[str | None, str] = {
    None: LOGIN,
    "prov_regulator": OK,
    "hz_regulator": OK,
    "sc_inspector": OK,
    "hs_inspector": HIDDEN,
    "mgr_a": OK,
    "mgr_b": HIDDEN,
    "worker_a": OK,  # themself
    "worker_b": HIDDEN,  # another worker
    "expert": FORBIDDEN,
    "auditor": FORBIDDEN,
}


def test_worker_pages_scoping_matrix(world: World) -> None:
    worker = world.workers["worker_a"]
    PageMatrix(
        detail_url=f"/workers/{worker.pk}/",
        list_url="/workers/",
        marker=worker.id_number_masked,
        search=worker.name,
        expectations=EXPECTATIONS,
    ).check(world)


def test_worker_api_scoping_matrix(world: World) -> None:
    worker = world.workers["worker_a"]
    ApiMatrix(
        detail_url=f"/api/v1/workers/workers/{worker.pk}",
        list_url="/api/v1/workers/workers",
        record_id=worker.pk,
        expectations=EXPECTATIONS,
    ).check(world)


def test_worker_sees_only_themself_in_list(world: World) -> None:
    items = world.client("worker_a").get("/api/v1/workers/workers").json()["items"]
    assert [item["id"] for item in items] == [world.workers["worker_a"].pk]
