# Fill the columns added in 0002 from what the rows already held.

from django.db import migrations
from django.db.models import OuterRef, Subquery


def _status_from_flag(apps, schema_editor):
    apps.get_model("inspection", "Inspector").objects.filter(is_active=False).update(status="removed")


def _fill_conflicts(apps, schema_editor):
    Inspector = apps.get_model("inspection", "Inspector")
    Conflict = apps.get_model("inspection", "InspectorConflict")
    county = Inspector.objects.filter(pk=OuterRef("inspector_id")).values("county_id")[:1]
    Conflict.objects.update(county_id=Subquery(county))
    for conflict in Conflict.objects.filter(since_on__isnull=True):
        conflict.since_on = conflict.declared_at.date()
        conflict.save(update_fields=["since_on"])


class Migration(migrations.Migration):

    dependencies = [
        ('inspection', '0002_pool_status_and_conflict_details'),
    ]

    operations = [
        migrations.RunPython(_status_from_flag, migrations.RunPython.noop),
        migrations.RunPython(_fill_conflicts, migrations.RunPython.noop),
    ]
