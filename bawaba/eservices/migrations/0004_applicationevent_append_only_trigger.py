"""On PostgreSQL, the database itself refuses to change or delete an
application's history."""

from django.db import migrations

from bawaba.core.migration_operations import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("eservices", "0003_draft_expiry_warning")]
    operations = [
        AppendOnlyTrigger(
            table="eservices_applicationevent",
            message="an application's history is append-only",
        )
    ]
