"""Benchmark: requests per second for a simple scoped lookup, served as in production.

Builds the small demo province in a fresh database (SQLite by default; DATABASE_URL switches to
PostgreSQL), starts gunicorn with the platform's settings (persistent database connections),
issues an API token for one employer, and drives GET /api/v1/registry/employers/<id> with wrk
(Debian's package) over loopback for a fixed time. Prints requests/s and latency.

    uv run python bench/http_lookup.py [--seconds 10] [--connections 16]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETUP_SCRIPT = """
from ohs.core.models.tokens import ApiToken
from ohs.registry.models import Employer
employer = Employer.objects.get(organisation__users__username="employer1")
raw, prefix, key_hash = ApiToken.generate()
ApiToken.objects.create(organisation=employer.organisation, name="bench", prefix=prefix, key_hash=key_hash)
print(raw, employer.pk)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _manage(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    return subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout


def _wait(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own loopback server
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    var_dir = tempfile.mkdtemp(prefix="ohs-bench-")
    env = {**os.environ, "OHS_VAR_DIR": var_dir, "DJANGO_SETTINGS_MODULE": "config.settings"}
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "make_province", "--scale", "small", "--seed", "1")
    token, employer_id = _manage(env, "shell", "-c", SETUP_SCRIPT).split()[-2:]
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--config",
            str(ROOT / "config" / "gunicorn_conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--access-logfile",
            "/dev/null",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(f"{base}/healthz")
        url = f"{base}/api/v1/registry/employers/{employer_id}"
        wrk = [
            "wrk",
            "-t2",
            f"-c{args.connections}",
            f"-d{args.seconds}s",
            "--latency",
            "-H",
            f"Authorization: Bearer {token}",
            url,
        ]
        output = subprocess.run(wrk, check=True, capture_output=True, text=True).stdout
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(var_dir, ignore_errors=True)
    database = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"99%\s+([\d.]+\w+)", output)
    print(f"scoped API lookup on {database}, gunicorn {args.workers} workers, {args.connections} connections:")
    print(f"  requests/s {rate[1] if rate else '?'}   p99 latency {p99[1] if p99 else '?'}")
    print(output)


if __name__ == "__main__":
    main()
