"""Anonymity needs at least 3 respondents per group.

Frameworks could once be loaded with a lower ``min_respondents`` (even 1: suppression
off). A stored version never changes — except here, where leaving it would keep
respondents identifiable: every stored framework below the floor is raised to it, and
its source hash cleared (it no longer matches the file it came from).
"""

from django.db import migrations

FLOOR = 3


def raise_to_the_floor(apps, schema_editor):
    Framework = apps.get_model("frameworks", "Framework")
    for framework in Framework.objects.all():
        thresholds = framework.data.get("thresholds", {})
        if int(thresholds.get("min_respondents", FLOOR)) < FLOOR:
            thresholds["min_respondents"] = FLOOR
            framework.source_sha256 = ""
            framework.save(update_fields=["data", "source_sha256"])


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0001_initial")]

    operations = [migrations.RunPython(raise_to_the_floor, migrations.RunPython.noop)]
