from django.db import migrations

from bawaba.core.migration_operations import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [
        AppendOnlyTrigger(
            table="complaints_complaintevent", message="a complaint's history is append-only"
        )
    ]
