"""run_platform's monitoring processes: MQTT ingest when a broker answers, HTTP otherwise (said in the log)."""

from __future__ import annotations

import socket
from typing import Any

from ohs.monitoring.platform import monitoring_processes


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_without_a_broker_the_simulator_reports_over_http(settings: Any) -> None:
    port = _closed_port()
    settings.OHS_MONITORING = {"mqtt_host": "127.0.0.1", "mqtt_port": port}
    lines: list[str] = []
    commands = monitoring_processes("python", "manage.py", "127.0.0.1:8000", lines.append)
    assert "ingest" not in commands and commands["hj212"] == ["python", "manage.py", "run_hj212"]
    assert commands["simulator"][commands["simulator"].index("--transport") + 1] == "http"
    assert lines == [
        f"monitoring: no MQTT broker reachable at 127.0.0.1:{port}; MQTT ingest not started, "
        "devices report over HTTP (POST /api/v1/monitoring/ingest) and HJ 212"
    ]


def test_with_a_broker_the_ingest_worker_starts(settings: Any) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        settings.OHS_MONITORING = {"mqtt_host": "127.0.0.1", "mqtt_port": listener.getsockname()[1]}
        commands = monitoring_processes("python", "manage.py", "127.0.0.1:8000", print)
    assert commands["ingest"] == ["python", "manage.py", "run_ingest"]
    assert commands["simulator"][commands["simulator"].index("--transport") + 1] == "mqtt"


def test_run_platform_starts_the_monitoring_processes_through_the_core_hook() -> None:
    from ohs.core.platform import platform_processes

    commands = platform_processes("python", "manage.py", "127.0.0.1:8000", print)
    assert commands == monitoring_processes("python", "manage.py", "127.0.0.1:8000", print)
