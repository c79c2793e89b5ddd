"""The monitoring processes ``run_platform`` starts next to the web server: MQTT ingest, the HJ 212
listener and a small simulator so the demo shows live data. Without a reachable broker, the
simulator reports over HTTP instead, and the log says so."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable

from ohs.monitoring.config import get_config

DEMO_DEVICES = "12"  # enough for a lively demo on a laptop
DEMO_INTERVAL_SECONDS = "10"


def broker_reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def monitoring_processes(python: str, manage: str, bind: str, log: Callable[[str], object]) -> dict[str, list[str]]:
    """Process name -> command line."""
    config = get_config()
    commands = {"hj212": [python, manage, "run_hj212"]}
    transport = "mqtt"
    if broker_reachable(config.mqtt_host, config.mqtt_port):
        commands["ingest"] = [python, manage, "run_ingest"]
    else:
        transport = "http"
        log(
            f"monitoring: no MQTT broker reachable at {config.mqtt_host}:{config.mqtt_port}; "
            "MQTT ingest not started, devices report over HTTP (POST /api/v1/monitoring/ingest) and HJ 212"
        )
    if os.environ.get("OHS_SIMULATOR", "1") != "0":
        commands["simulator"] = [
            python, manage, "simulate_devices", "--transport", transport, "--devices", DEMO_DEVICES,
            "--interval", DEMO_INTERVAL_SECONDS, "--http-url", f"http://{bind}/api/v1/monitoring/ingest",
        ]  # fmt: skip
    return commands
