"""manage.py monitoring_partitions: create reading partitions ahead and drop those past retention."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ohs.monitoring.tasks import maintain_partitions


class Command(BaseCommand):
    help = "Create the readings table's day partitions ahead and drop those older than the retention."

    def handle(self, *args: Any, **options: Any) -> None:
        result = maintain_partitions.call()
        self.stdout.write(
            f"created {len(result['created'])} partitions, dropped {len(result['dropped'])}, "
            f"{result['aggregates_dropped']} minute aggregates past their retention"
        )
