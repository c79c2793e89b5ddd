"""The scoping matrix every page and API route inherits.

For a record owned by one party, each persona gets one expectation:

* ``anonymous`` → login redirect (pages) or 401 (API);
* a wrong role → 403;
* another organisation or county → 404 on the record, and the record absent from the list,
  its Excel export and its search;
* the right role in the right place → 200, and the record present in list, export, search.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from openpyxl import load_workbook

from ohs.testing.personas import World

OK, FORBIDDEN, HIDDEN, LOGIN = "ok", "forbidden", "hidden", "login"


@dataclass(frozen=True)
class PageMatrix:
    """Pages of one kind of record: ``detail_url``, ``list_url``; ``marker`` is text that
    appears on the list, in the export and in search results only when the record is visible."""

    detail_url: str
    list_url: str
    marker: str
    search: str
    expectations: dict[str | None, str] = field(default_factory=dict)

    def check(self, world: World) -> None:
        for persona, expected in self.expectations.items():
            self._check_one(world, persona, expected)

    def _check_one(self, world: World, persona: str | None, expected: str) -> None:
        client = world.client(persona)
        detail = client.get(self.detail_url)
        where = f"{persona} on {self.detail_url}"
        if expected == LOGIN:
            assert detail.status_code == 302 and "/accounts/login/" in detail["Location"], where
            return
        if expected == FORBIDDEN:
            assert detail.status_code == 403, f"{where}: {detail.status_code}"
            assert client.get(self.list_url).status_code == 403, f"{persona} on {self.list_url}"
            return
        assert detail.status_code == (200 if expected == OK else 404), f"{where}: {detail.status_code}"
        self._check_list(client, persona, visible=expected == OK)

    def _check_list(self, client: object, persona: str | None, *, visible: bool) -> None:
        listing = client.get(self.list_url)  # type: ignore[attr-defined]
        # The table fragment only (as HTMX asks for it): the search box would echo the term.
        found = client.get(self.list_url, {"q": self.search}, HTTP_HX_REQUEST="true")  # type: ignore[attr-defined]
        export = client.get(self.list_url, {"export": "xlsx"})  # type: ignore[attr-defined]
        assert listing.status_code == found.status_code == export.status_code == 200, persona
        in_export = self.marker in _xlsx_text(export.content)
        checks = (("list", _rows(listing.content)), ("search", _rows(found.content)), ("export", ""))
        for name, text in checks:
            present = in_export if name == "export" else self.marker in text
            assert present == visible, f"{persona}: record {'missing from' if visible else 'leaked into'} {name}"


@dataclass(frozen=True)
class ApiMatrix:
    detail_url: str
    list_url: str
    record_id: int
    expectations: dict[str | None, str] = field(default_factory=dict)

    def check(self, world: World) -> None:
        for persona, expected in self.expectations.items():
            client = world.client(persona)
            detail = client.get(self.detail_url)
            status = {LOGIN: 401, FORBIDDEN: 403, HIDDEN: 404, OK: 200}[expected]
            assert detail.status_code == status, (
                f"{persona} on {self.detail_url}: {detail.status_code} {detail.content[:200]!r}"
            )
            if expected in (OK, HIDDEN):
                ids = [item["id"] for item in client.get(self.list_url, {"page_size": 1000}).json()["items"]]
                assert (self.record_id in ids) == (expected == OK), f"{persona}: list of {self.list_url}"


def _rows(content: bytes) -> str:
    """The table body only: links and the search box echo the query term."""
    html = content.decode()
    return html[html.find("<tbody>") : html.find("</tbody>")]


def _xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
