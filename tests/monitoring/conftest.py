"""A platform database of its own (SQLite file) with the personas and one monitor, for ingest
processes started as real subprocesses: run_ingest (MQTT) and run_hj212 (TCP)."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MOSQUITTO = "/usr/sbin/mosquitto"
MQTT_HOST, MQTT_PORT = "127.0.0.1", 1883

_SETUP = """
from ohs.testing.personas import build_world
from ohs.monitoring.tests.factories import make_device
world = build_world()
device = make_device(world.employers["A"], code="{code}")
print(device.pk)
"""


def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Platform:
    env: dict[str, str]
    db_path: Path
    device_code: str
    device_id: int

    def manage(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def query(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.db_path, timeout=30) as connection:
            return connection.execute(sql, params).fetchall()

    def count_readings(self) -> int:
        return int(self.query("SELECT count(*) FROM monitoring_reading WHERE device_id = ?", self.device_id)[0][0])

    def wait_for(self, predicate: object, seconds: float = 20) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate():  # type: ignore[operator]
                return True
            time.sleep(0.1)
        return False


def wait_for_line(process: subprocess.Popen[str], text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if text in line:
            return line
        if not line and process.poll() is not None:
            raise RuntimeError(f"process stopped before printing {text!r}")
    raise RuntimeError(f"no {text!r} within {seconds} s")


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Platform:
    var_dir = tmp_path_factory.mktemp("monitoring")
    env = {**os.environ, "OHS_VAR_DIR": str(var_dir), "OHS_TESTING": "0", "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DATABASE_URL", None)
    code = uuid.uuid4().hex[:24].upper()  # HJ 212-2017 MN: 24 hex characters
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True, capture_output=True)
    setup = subprocess.run(
        [*manage, "shell", "-c", _SETUP.format(code=code)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    device_id = int(setup.stdout.strip().splitlines()[-1])
    return Platform(env, var_dir / "ohs.sqlite3", code, device_id)


@pytest.fixture(scope="session")
def mosquitto() -> Iterator[tuple[str, int]]:
    """The broker on 127.0.0.1:1883, started the way the machine image does when it is down."""
    if not port_open(MQTT_HOST, MQTT_PORT):
        subprocess.run([MOSQUITTO, "-d", "-c", "/etc/mosquitto/mosquitto.conf"], check=False)
        deadline = time.monotonic() + 10
        while not port_open(MQTT_HOST, MQTT_PORT) and time.monotonic() < deadline:
            time.sleep(0.2)
    if not port_open(MQTT_HOST, MQTT_PORT):
        pytest.fail("no MQTT broker on 127.0.0.1:1883 and it could not be started")
    yield MQTT_HOST, MQTT_PORT
