"""The security baseline (GB/T 22239-2019 level 3 as the yardstick)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import timezone

from ohs.core import crypto
from ohs.core.models.audit import AccessLogEntry, AuditEntry
from ohs.orgs.models import User
from ohs.testing.personas import PASSWORD, WORKER_A_ID, World

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2() -> None:
    assert settings.PASSWORD_HASHERS[1 if "MD5" in settings.PASSWORD_HASHERS[0] else 0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        encoded = make_password("Strong#Pass2026")
        assert encoded.startswith("argon2$") and check_password("Strong#Pass2026", encoded)


@pytest.mark.parametrize("weak", ["short1A!", "alllowercaseletters", "12345678901234", "onlylowercase12345"])
def test_weak_passwords_are_rejected(weak: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(weak)


def test_complex_password_is_accepted() -> None:
    validate_password("Zj-Health#2026")


def _login(client: Client, username: str, password: str) -> int:
    return client.post("/accounts/login/", {"username": username, "password": password}).status_code


def test_account_locks_after_repeated_failures_and_it_is_audited(world: World) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "sc_inspector", "wrong-password")
    assert _login(client, "sc_inspector", PASSWORD) == 429  # locked, even with the right password
    actions = list(AuditEntry.objects.filter(actor_label="sc_inspector").values_list("action", flat=True))
    assert actions.count("login_failed") >= settings.AXES_FAILURE_LIMIT
    assert "locked_out" in actions


def test_login_and_logout_are_audited_with_origin(world: World) -> None:
    client = Client(REMOTE_ADDR="10.1.2.3")
    response = client.post("/accounts/login/", {"username": "mgr_a", "password": PASSWORD})
    assert response.status_code == 302
    client.post("/accounts/logout/")
    rows = AuditEntry.objects.filter(actor_label="mgr_a", action__in=["login", "logout"]).order_by("id")
    assert [r.action for r in rows] == ["login", "logout"]
    assert rows[0].ip == "10.1.2.3"


def test_session_expires_after_idle_time(world: World) -> None:
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_COOKIE_AGE <= 30 * 60
    client = world.client("mgr_a")
    assert client.get("/home/").status_code == 200
    session = client.session
    session.set_expiry(-1)  # as if the idle time had passed
    session.save()
    response = client.get("/home/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_expired_staff_password_must_be_changed(world: World) -> None:
    user = world.user("sc_inspector")
    User.objects.filter(pk=user.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=settings.OHS_STAFF_PASSWORD_MAX_AGE_DAYS + 1)
    )
    response = world.client("sc_inspector").get("/employers/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/password/")


def test_csrf_is_enforced_on_forms_and_session_api(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("sc_inspector"))
    employer = world.employers["A"]
    assert client.post(f"/employers/{employer.pk}/transition/closed/").status_code == 403
    body = {"uscc": "x", "name": "y", "county_code": "330102"}
    assert client.post("/api/v1/registry/employers", body, content_type="application/json").status_code in (401, 403)


def test_security_headers_on_every_page(world: World) -> None:
    response = world.client("mgr_a").get("/home/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_inline_script_in_pages(world: World) -> None:
    html = world.client("sc_inspector").get("/employers/").content.decode()
    assert "<script>" not in html and "onclick=" not in html and "style=" not in html


def test_id_numbers_masked_on_screens_and_reveal_is_logged(world: World) -> None:
    worker = world.workers["worker_a"]
    full = crypto.decrypt(worker.id_number_encrypted)
    client = world.client("sc_inspector")
    assert full not in client.get("/workers/").content.decode()
    assert full not in client.get(f"/workers/{worker.pk}/").content.decode()
    revealed = client.post(f"/workers/{worker.pk}/id-number/")
    assert full in revealed.content.decode()
    assert AccessLogEntry.objects.filter(
        subject_id=str(worker.pk), what="id_number_full", actor_label="sc_inspector"
    ).exists()


def test_employer_may_not_reveal_full_id_numbers(world: World) -> None:
    worker = world.workers["worker_a"]
    assert world.client("mgr_a").post(f"/workers/{worker.pk}/id-number/").status_code == 403
    assert world.client("mgr_a").get(f"/api/v1/workers/workers/{worker.pk}/id-number").status_code == 403


def test_id_number_is_encrypted_at_rest(world: World) -> None:
    worker = world.workers["worker_a"]
    assert WORKER_A_ID not in worker.id_number_encrypted and WORKER_A_ID not in worker.id_number_digest
