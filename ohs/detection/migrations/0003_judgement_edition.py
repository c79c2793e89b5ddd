"""The GBZ 2.1 edition chosen at contract, and stored with every finding judged under it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("detection", "0002_reviewer_kept_for_the_signatory_check"),
    ]

    operations = [
        migrations.AlterField(
            model_name="project",
            name="edition",
            field=models.CharField(
                choices=[
                    ("GBZ 2.1-2019", "GBZ 2.1-2019 (peak exposure rule)"),
                    ("GBZ 2.1-2007", "GBZ 2.1-2007 (excursion multiples, to re-issue an old report)"),
                ],
                default="GBZ 2.1-2019",
                max_length=16,
                verbose_name="edition of GBZ 2.1",
            ),
        ),
        # Findings stored before this field were all judged under GBZ 2.1-2019, the only edition then.
        migrations.AddField(
            model_name="finding",
            name="judgement_edition",
            field=models.CharField(
                choices=[
                    ("GBZ 2.1-2019", "GBZ 2.1-2019 (peak exposure rule)"),
                    ("GBZ 2.1-2007", "GBZ 2.1-2007 (excursion multiples, to re-issue an old report)"),
                ],
                default="GBZ 2.1-2019",
                max_length=16,
                verbose_name="edition used for judgement",
            ),
            preserve_default=False,
        ),
    ]
