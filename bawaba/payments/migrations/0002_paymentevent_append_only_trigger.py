from django.db import migrations

from bawaba.core.migration_operations import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]

    operations = [
        AppendOnlyTrigger(
            table="payments_paymentevent", message="a payment's history is append-only"
        )
    ]
