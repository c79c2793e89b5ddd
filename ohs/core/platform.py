"""Processes that ``manage.py run_platform`` starts beside the web server, worker and scheduler.

An app that needs a long-running process of its own (the monitoring app's MQTT ingest, HJ 212
listener and demo simulator) registers a builder at ``ready()``, so core never imports it.
A builder receives the interpreter, manage.py, the web bind address and a log function and
answers named argument lists.
"""

from __future__ import annotations

from collections.abc import Callable

Log = Callable[[str], object]
ProcessBuilder = Callable[[str, str, str, Log], dict[str, list[str]]]

_builders: dict[str, ProcessBuilder] = {}


def register_platform_processes(key: str, builder: ProcessBuilder) -> None:
    _builders[key] = builder


def platform_processes(python: str, manage: str, bind: str, log: Log) -> dict[str, list[str]]:
    commands: dict[str, list[str]] = {}
    for key in sorted(_builders):
        commands.update(_builders[key](python, manage, bind, log))
    return commands
