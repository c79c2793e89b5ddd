"""Load catalogue version 1 from reference/ when the data migration has not (idempotent)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from ohs.hazards.loading import CatalogueModels, load_catalogue


class Command(BaseCommand):
    help = "Create hazard catalogue version 1 from reference/; does nothing when it exists."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            created = load_catalogue(CatalogueModels.from_apps(apps))
        models = CatalogueModels.from_apps(apps)
        counts = f"{models.agent.objects.count()} agents, {models.limit.objects.count()} limit values"
        verb = "Loaded" if created else "Already loaded"
        self.stdout.write(f"{verb}: {counts}, {models.parameter.objects.count()} parameters.")
