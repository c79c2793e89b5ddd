"""Two hundred employers book the last places of one exam day at the same moment, over HTTP, on
PostgreSQL: exactly the free places are taken, every other request is refused as full, and the
day is never overbooked."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import pytest

from ohs.exams.tests.booking_load import run_load

REQUESTS, CAPACITY, TAKEN = 200, 130, 100


def _postgres_up() -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", 5432)) == 0


def _ensure_postgres() -> None:
    """Start the local server the way bin/services.sh does when it is installed but down."""
    if _postgres_up():
        return
    clusters = sorted(p.name for p in Path("/etc/postgresql").glob("*"))
    assert clusters, "PostgreSQL is not installed"
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", clusters[0], "main", "start"], check=False, capture_output=True
    )
    for _ in range(10):
        if _postgres_up():
            return
        time.sleep(1)
    raise AssertionError("PostgreSQL does not answer on 127.0.0.1:5432")


@pytest.mark.postgres_only
def test_200_simultaneous_bookings_never_overbook_the_day() -> None:
    _ensure_postgres()
    report = run_load(employers=REQUESTS, capacity=CAPACITY, taken=TAKEN)
    free = CAPACITY - TAKEN
    assert report.overbooked == 0
    assert report.booked == CAPACITY
    assert report.succeeded == free == report.bookings == report.appointments
    # Everyone else was told the day is full; no request failed for another reason.
    assert report.statuses == {201: free, 400: REQUESTS - free}
    assert report.codes == {"no_room": REQUESTS - free}
