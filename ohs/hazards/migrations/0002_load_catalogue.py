"""Data migration: catalogue version 1 from reference/ (GBZ 2.1-2019, GBZ 2.2-2007, disease catalogues)."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from ohs.hazards.loading import CatalogueModels, load_catalogue

    load_catalogue(CatalogueModels.from_apps(apps))


class Migration(migrations.Migration):
    dependencies = [("hazards", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
