"""A real platform for the browser: its own database with the demo province, served by
gunicorn on a free port, driven by Playwright in Debian's Chromium (no browser download)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "test-artefacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
# As root Chromium needs --no-sandbox; the rest keep it off the closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]
DEMO_PASSWORD = "Ohs@demo2026"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the platform stopped while starting")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the platform did not answer at {url}")


@pytest.fixture(scope="session")
def platform_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of the served platform (its own database with the demo province)."""
    var_dir = tmp_path_factory.mktemp("platform")
    env = {**os.environ, "OHS_VAR_DIR": str(var_dir), "OHS_TESTING": "0", "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DATABASE_URL", None)
    for args in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["make_province", "--scale", "small", "--seed", "11"],
    ):
        manage(env, *args)
    return env


def manage(env: dict[str, str], *args: str) -> str:
    """Run a manage.py command against the served platform's database; its output."""
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    return subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def platform_url(platform_env: dict[str, str]) -> Iterator[str]:
    env = platform_env
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--config",
        str(ROOT / "config" / "gunicorn_conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--access-logfile",
        "/dev/null",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/healthz", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def screenshot(page: Page, folder: str, name: str) -> Path:
    """Save the whole page under test-artefacts/browser/<folder>/<name>.png."""
    path = ARTEFACTS / folder / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/home/")
