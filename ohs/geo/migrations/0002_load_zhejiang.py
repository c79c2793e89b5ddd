"""Data migration: the Zhejiang region tree from reference/regions_zhejiang.csv (GB/T 2260)."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from ohs.geo.loading import load_regions

    load_regions(apps.get_model("geo", "Region"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
