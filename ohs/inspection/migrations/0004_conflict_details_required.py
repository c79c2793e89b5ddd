# The pool's old flag goes, and the declared conflicts' new columns become required once filled.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('geo', '0002_load_zhejiang'),
        ('inspection', '0003_fill_pool_status_and_conflicts'),
        ('registry', '0003_declaration_declarationitem_and_more'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='inspector',
            name='is_active',
        ),
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
