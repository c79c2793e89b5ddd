"""The province's default discretion benchmark and no-penalty list, from the pure rules'
configuration (both marked unconfirmed there: reference/discretion.md §2,
reference/minor_violation_no_penalty.md)."""

from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    from ohs.enforcement.rules.discretion import DEFAULT_BENCHMARK
    from ohs.enforcement.rules.no_penalty import DEFAULT_PROVINCIAL_LIST

    Benchmark = apps.get_model("enforcement", "Benchmark")
    NoPenaltyItem = apps.get_model("enforcement", "NoPenaltyItem")
    Benchmark.objects.get_or_create(
        version=DEFAULT_BENCHMARK.version,
        defaults={
            "effective_on": DEFAULT_BENCHMARK.effective_on,
            "proposal_fraction": DEFAULT_BENCHMARK.proposal_fraction,
            "source": DEFAULT_BENCHMARK.source,
            "tiers": [
                {
                    "level": t.level.value,
                    "lower": str(t.lower_fraction),
                    "upper": str(t.upper_fraction),
                    "selecting": sorted(c.value for c in t.selecting),
                    "confirmed": t.is_confirmed,
                }
                for t in DEFAULT_BENCHMARK.tiers
            ],
        },
    )
    for item in DEFAULT_PROVINCIAL_LIST.items:
        NoPenaltyItem.objects.get_or_create(
            item_id=item.item_id,
            defaults={
                "region_id": item.region_code,
                "list_version": item.list_version,
                "article": item.article,
                "description": item.description_zh,
                "minor_circumstance": item.minor_circumstance_zh,
                "max_harm": item.max_harm.value,
                "is_confirmed": item.is_confirmed,
                "source": item.source,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0001_initial"), ("geo", "0002_load_zhejiang")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
