"""manage.py run_platform: the web server (gunicorn), the task worker, the scheduler and the
processes apps register in ``ohs.core.platform`` (monitoring: MQTT ingest, HJ 212, a small
device simulator) together.

One command for the embedded default; at provincial scale each runs as its own service.
Stops them all when any of them stops or on Ctrl-C.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from ohs.core.platform import platform_processes


def _stop(*_: object) -> None:
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Serve the platform: gunicorn web server, background worker, scheduler and the apps' own processes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("OHS_BIND", "127.0.0.1:8000"))
        parser.add_argument("--web-workers", type=int, default=int(os.environ.get("OHS_WEB_WORKERS", "3")))

    def handle(self, *args: Any, **options: Any) -> None:
        python = sys.executable
        manage = str(settings.BASE_DIR / "manage.py")
        commands = {
            "web": [
                python,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--config",
                str(settings.BASE_DIR / "config" / "gunicorn_conf.py"),
                "--bind",
                options["bind"],
                "--workers",
                str(options["web_workers"]),
            ],
            "worker": [python, manage, "db_worker", "--queue-name", "*"],
            "scheduler": [python, manage, "run_scheduler"],
        }
        commands.update(platform_processes(python, manage, options["bind"], self.stderr.write))
        # Fixed argument lists built above, no shell: nothing user-supplied reaches them.
        processes = {name: subprocess.Popen(cmd, cwd=settings.BASE_DIR) for name, cmd in commands.items()}  # noqa: S603
        self.stdout.write(self.style.SUCCESS(f"OHS Online is serving at http://{options['bind']}/ (Ctrl-C stops it)"))
        signal.signal(signal.SIGTERM, _stop)
        try:
            while all(p.poll() is None for p in processes.values()):
                time.sleep(1)
            stopped = [name for name, p in processes.items() if p.poll() is not None]
            self.stderr.write(f"{', '.join(stopped)} stopped; shutting the platform down")
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
            for process in processes.values():
                process.wait(timeout=20)
