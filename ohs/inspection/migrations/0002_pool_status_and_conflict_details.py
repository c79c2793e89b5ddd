# Pool entries get a status (named transitions instead of a flag); declared conflicts get their
# relation, start date, status and the declaring inspector's region (for the regulator's scope).

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models
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
        ('geo', '0002_load_zhejiang'),
        ('inspection', '0001_initial'),
        ('registry', '0003_declaration_declarationitem_and_more'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='inspectorconflict',
            options={'ordering': ['-declared_at', '-id'], 'verbose_name': 'declared conflict', 'verbose_name_plural': 'declared conflicts'},
        ),
        migrations.RemoveConstraint(
            model_name='inspectorconflict',
            name='one_conflict_per_pair',
        ),
        migrations.AddField(
            model_name='inspector',
            name='added_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='added at'),
        ),
        migrations.AddField(
            model_name='inspector',
            name='status',
            field=models.CharField(choices=[('active', 'in the pool'), ('removed', 'removed from the pool')], db_index=True, default='active', max_length=16, verbose_name='status'),
        ),
        migrations.RunPython(_status_from_flag, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='inspector',
            name='is_active',
        ),
        migrations.AddField(
            model_name='inspectorconflict',
            name='county',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='geo.region', verbose_name='region'),
        ),
        migrations.AddField(
            model_name='inspectorconflict',
            name='relation',
            field=models.CharField(choices=[('relative', 'a close relative works there or holds a stake'), ('former_post', 'I worked there'), ('financial', 'a financial interest'), ('dispute', 'a dispute or other personal tie'), ('other', 'another interest that may affect impartiality')], default='other', max_length=16, verbose_name='relation'),
        ),
        migrations.AddField(
            model_name='inspectorconflict',
            name='since_on',
            field=models.DateField(null=True, verbose_name='since'),
        ),
        migrations.AddField(
            model_name='inspectorconflict',
            name='status',
            field=models.CharField(choices=[('declared', 'declared'), ('withdrawn', 'withdrawn')], db_index=True, default='declared', max_length=16, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='inspectorconflict',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='withdrawn at'),
        ),
        migrations.RunPython(_fill_conflicts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='inspectorconflict',
            name='county',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='geo.region', verbose_name='region'),
        ),
        migrations.AlterField(
            model_name='inspectorconflict',
            name='since_on',
            field=models.DateField(verbose_name='since'),
        ),
        migrations.AlterField(
            model_name='inspectorconflict',
            name='employer',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='registry.employer', verbose_name='employer'),
        ),
        migrations.AlterField(
            model_name='inspectorconflict',
            name='reason',
            field=models.CharField(max_length=200, verbose_name='details'),
        ),
        migrations.AddConstraint(
            model_name='inspectorconflict',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'declared')), fields=('inspector', 'employer'), name='one_declared_conflict_per_pair'),
        ),
    ]
