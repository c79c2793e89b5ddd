"""The scoping matrix over real HTTP, against the served demo province (pages and API)."""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.browser.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser


class Session:
    """A person's browser session, reduced to cookies and CSRF, over plain HTTP."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        form = self.get("/accounts/login/")[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        assert token is not None
        body = urllib.parse.urlencode(
            {"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token[1]}
        )
        request = urllib.request.Request(
            f"{base}/accounts/login/", data=body.encode(), headers={"Referer": f"{base}/accounts/login/"}
        )
        assert self.opener.open(request).geturl().endswith("/home/")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(f"{self.base}{path}") as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def api(self, path: str) -> tuple[int, dict[str, object]]:
        status, text = self.get(f"/api/v1{path}")
        return status, json.loads(text)


def _own_employer_id(session: Session) -> int:
    status, body = session.api("/registry/employers")
    assert status == 200
    items = body["items"]
    assert isinstance(items, list) and len(items) == 1
    return int(items[0]["id"])


def test_employers_cannot_see_each_other(platform_url: str) -> None:
    first, second = Session(platform_url, "employer1"), Session(platform_url, "employer2")
    first_id, second_id = _own_employer_id(first), _own_employer_id(second)
    assert first.api(f"/registry/employers/{second_id}")[0] == 404
    assert first.get(f"/employers/{second_id}/")[0] == 404
    assert first.get(f"/employers/{first_id}/")[0] == 200


def test_county_inspector_sees_only_own_county(platform_url: str) -> None:
    inspector = Session(platform_url, "sc_inspector")
    status, body = inspector.api("/registry/employers?page_size=500")
    counties = {item["county_code"] for item in body["items"]}  # type: ignore[union-attr]
    assert status == 200 and counties == {"330102"}
    other = _own_employer_id(Session(platform_url, "employer2"))  # in 海曙区
    assert inspector.api(f"/registry/employers/{other}")[0] == 404
    assert inspector.get(f"/employers/{other}/")[0] == 404


def test_worker_sees_only_themself(platform_url: str) -> None:
    worker = Session(platform_url, "worker1")
    status, body = worker.api("/workers/workers")
    assert status == 200 and body["count"] == 1
    assert worker.api("/registry/employers")[0] == 403


def test_anonymous_gets_401_and_login_redirect(platform_url: str) -> None:
    opener = urllib.request.build_opener()
    with pytest.raises(urllib.error.HTTPError) as caught:
        opener.open(f"{platform_url}/api/v1/registry/employers")
    assert caught.value.code == 401
    with opener.open(f"{platform_url}/employers/") as response:
        assert "/accounts/login/" in response.geturl()
