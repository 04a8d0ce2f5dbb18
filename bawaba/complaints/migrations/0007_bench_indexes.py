from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0004_deadline_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=["priority", "due_at", "received_at"], name="complaint_all_order"
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(("state", "closed"), _negated=True),
                fields=["organisation", "state", "due_at"],
                name="complaint_open",
            ),
        ),
    ]
