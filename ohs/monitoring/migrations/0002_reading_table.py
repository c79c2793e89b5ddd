"""The readings table is not a Django-managed table: partitioned by day on PostgreSQL."""

from typing import Any

from django.db import migrations
from django.utils import timezone


def create(apps: Any, schema_editor: Any) -> None:
    from ohs.monitoring.storage import create_table

    create_table(schema_editor.connection, timezone.now().date())


def drop(apps: Any, schema_editor: Any) -> None:
    from ohs.monitoring.storage import drop_table

    drop_table(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
