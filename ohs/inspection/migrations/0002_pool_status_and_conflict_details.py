# Pool entries get a status (named transitions instead of a flag); declared conflicts get their
# relation, start date, status and the declaring inspector's region (for the regulator's scope).
# Filled in 0003 and made required in 0004: on PostgreSQL a table cannot be altered or indexed in
# the transaction that updated its rows while their deferred checks are pending.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


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
    ]
