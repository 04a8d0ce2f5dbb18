from django.db import migrations

from bawaba.core.migration_operations import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]

    operations = [
        AppendOnlyTrigger(
            table="participation_moderationevent",
            message="A moderation history row cannot be changed or deleted.",
        ),
    ]
