"""Many employers booking the last places of one exam day at once, over real HTTP, on PostgreSQL.

A fresh database gets the platform's migrations and, per employer, one worker on a noise post
with an accepted declaration and an API token for the employer's system. One institution has a
day with ``taken`` of its ``capacity`` places already gone. Gunicorn serves the platform (threads,
each with its own database connection) and every request, in its own thread and connection, asks
to book one worker at the same moment. Used by the postgres_only test and bench/exam_booking.py.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ohs_booking_load"
SERVER_START_SECONDS = 180  # four workers importing the platform on a busy two-core machine

SETUP = """
import datetime as dt, json, random
from django.utils import timezone
from ohs.core.actor import SYSTEM_ACTOR
from ohs.core.models.tokens import ApiToken
from ohs.demo.rules.identities import make_id_number, make_uscc
from ohs.exams import services
from ohs.exams.models import CapacityDay
from ohs.hazards.models import Agent
from ohs.orgs.models import Organisation
from ohs.registry.models import Declaration, Employer, Post, Workplace
from ohs.registry.services import EmployerData, register_employer
from ohs.workers.models import Employment
from ohs.workers.services import register_worker

N, CAPACITY, TAKEN = {employers}, {capacity}, {taken}
rng = random.Random(5)
today = timezone.localdate()
exam_on = today + dt.timedelta(days=3)
org = Organisation.objects.create(name="压测职业病防治院", kind="exam_institution", region_id="330100")
institution = services.register_institution(
    actor=SYSTEM_ACTOR, organisation=org, hazard_categories=["dust", "chemical", "physical"]
)
site = services.add_site(actor=SYSTEM_ACTOR, institution=institution, name="总院", address="", county_code="330102")
entry = services.CapacityEntry(site.pk, exam_on, "pre", "physical", CAPACITY)
services.publish_capacity(actor=SYSTEM_ACTOR, institution=institution, entries=[entry])
CapacityDay.objects.filter(site=site).update(booked=TAKEN)
noise = Agent.objects.get(name_zh="噪声")
requests = []
for i in range(N):
    uscc = make_uscc(rng, "330102")
    data = EmployerData(uscc=uscc, name=f"压测企业{{i}}", county_code="330102")
    employer = register_employer(actor=SYSTEM_ACTOR, data=data)
    account = Organisation.objects.create(name=employer.name, kind="employer", region_id="330102", uscc=uscc)
    Employer.objects.filter(pk=employer.pk).update(organisation=account)
    workplace = Workplace.objects.create(employer=employer, name="冲压车间")
    post = Post.objects.create(employer=employer, workplace=workplace, name="冲压工")
    number = make_id_number(rng, "330102", (dt.date(1970, 1, 1), dt.date(2000, 1, 1)), "M")
    worker = register_worker(
        actor=SYSTEM_ACTOR, name=f"工人{{i}}", id_number=number, employer=employer, started_on=today
    )
    Employment.objects.filter(worker=worker).update(post=post)
    declaration = Declaration.objects.create(
        employer=employer, kind="first", event="registration", event_on=today, due_on=today,
        status="accepted", decided_at=timezone.now(),
    )
    declaration.items.create(post=post, agent=noise, exposed_workers=1)
    raw, prefix, key_hash = ApiToken.generate()
    ApiToken.objects.create(organisation=account, name="HR", prefix=prefix, key_hash=key_hash)
    requests.append({{"token": raw, "body": {{
        "employer_id": employer.pk, "institution_id": institution.pk, "site_id": site.pk,
        "exam_on": exam_on.isoformat(), "exam_category": "pre", "worker_ids": [worker.pk],
    }}}})
print("LOAD-JSON" + json.dumps({{"site": site.pk, "requests": requests}}))
"""

VERIFY = """
import json
from ohs.exams.models import Appointment, Booking, CapacityDay
row = CapacityDay.objects.get(site_id={site})
print("LOAD-JSON" + json.dumps({{
    "capacity": row.capacity, "booked": row.booked,
    "bookings": Booking.objects.count(), "appointments": Appointment.objects.count(),
}}))
"""


@dataclass(frozen=True)
class LoadReport:
    requests: int
    statuses: dict[int, int]
    codes: dict[str, int]
    capacity: int
    booked: int
    taken_before: int
    bookings: int
    appointments: int
    seconds: float

    @property
    def succeeded(self) -> int:
        return self.statuses.get(201, 0)

    @property
    def overbooked(self) -> int:
        """Places booked beyond the published capacity (by the counter or by the rows)."""
        return max(self.booked - self.capacity, self.taken_before + self.appointments - self.capacity, 0)

    @property
    def bookings_per_second(self) -> float:
        return self.succeeded / self.seconds if self.seconds else 0.0


def _recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _manage(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    done = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return done.stdout


def _json_from(output: str) -> dict[str, object]:
    line = next(line for line in output.splitlines() if line.startswith("LOAD-JSON"))
    return json.loads(line.removeprefix("LOAD-JSON"))  # type: ignore[no-any-return]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(env: dict[str, str], workers: int, threads: int) -> tuple[subprocess.Popen[bytes], str]:
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
        str(workers),
        "--threads",
        str(threads),
        "--access-logfile",
        "/dev/null",
    ]
    log = Path(env["OHS_VAR_DIR"]) / "gunicorn.log"
    command += ["--error-logfile", str(log)]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # noqa: S310 - our loopback server
                return server, base
        except OSError:
            time.sleep(0.3)
    server.terminate()
    server.wait(timeout=30)
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    raise RuntimeError(f"the platform did not start: {tail}")


def _post(base: str, token: str, body: dict[str, object], start: threading.Barrier) -> tuple[int, str]:
    request = urllib.request.Request(  # noqa: S310 - our loopback server
        f"{base}/api/v1/exams/bookings",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    start.wait()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            return response.status, ""
    except urllib.error.HTTPError as error:
        try:
            code = json.loads(error.read()).get("code", "")
        except ValueError:
            code = ""
        return error.code, str(code)


def _warm_up(base: str, jobs: list[dict[str, object]], connections: int) -> None:
    """Open every server thread's database connection before the rush (as in production)."""

    def read(job: dict[str, object]) -> None:
        body: dict[str, object] = job["body"]  # type: ignore[assignment]
        request = urllib.request.Request(  # noqa: S310 - our loopback server
            f"{base}/api/v1/exams/institutions/{body['institution_id']}",
            headers={"Authorization": f"Bearer {job['token']}"},
        )
        with urllib.request.urlopen(request, timeout=60):  # noqa: S310
            pass

    with ThreadPoolExecutor(max_workers=connections) as pool:
        list(pool.map(read, jobs[: connections * 2]))


def run_load(
    database_url: str | None = None,
    *,
    employers: int = 200,
    capacity: int = 130,
    taken: int = 100,
    workers: int = 4,
    threads: int = 8,
) -> LoadReport:
    """Set up, fire ``employers`` simultaneous bookings at the last ``capacity - taken`` places, verify."""
    url = database_url or os.environ.get("OHS_BOOKING_LOAD_DATABASE_URL", DEFAULT_DATABASE_URL)
    _recreate_database(url)
    var_dir = tempfile.mkdtemp(prefix="ohs-booking-load-")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "OHS_VAR_DIR": var_dir,
        "OHS_TESTING": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    _manage(env, "migrate", "--noinput", "-v0")
    setup = _json_from(_manage(env, "shell", "-c", SETUP.format(employers=employers, capacity=capacity, taken=taken)))
    jobs: list[dict[str, object]] = setup["requests"]  # type: ignore[assignment]
    server, base = _start_server(env, workers, threads)
    try:
        _warm_up(base, jobs, workers * threads)
        start = threading.Barrier(len(jobs))
        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            answers = list(pool.map(lambda j: _post(base, str(j["token"]), j["body"], start), jobs))
        seconds = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=30)
    counts = _json_from(_manage(env, "shell", "-c", VERIFY.format(site=setup["site"])))
    return LoadReport(
        requests=len(jobs),
        statuses=dict(Counter(status for status, _code in answers)),
        codes=dict(Counter(code for _status, code in answers if code)),
        capacity=int(counts["capacity"]),  # type: ignore[call-overload]
        booked=int(counts["booked"]),  # type: ignore[call-overload]
        taken_before=taken,
        bookings=int(counts["bookings"]),  # type: ignore[call-overload]
        appointments=int(counts["appointments"]),  # type: ignore[call-overload]
        seconds=seconds,
    )
