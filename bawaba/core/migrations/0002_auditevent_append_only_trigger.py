"""On PostgreSQL, the database itself refuses to change or delete audit events."""

from django.db import migrations

from bawaba.core.migration_operations import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [
        AppendOnlyTrigger(table="core_auditevent", message="audit events are append-only")
    ]
