# The complaints queue and How we are doing at 1,000,000 cases (docs/benchmarks.md).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0007_links_and_appeals"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="complaint",
            name="complaint_received",
        ),
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
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=["received_at"],
                include=("organisation", "kind", "channel", "acknowledged_same_day", "id"),
                name="complaint_received_figures",
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=["first_response_due_at"],
                include=("organisation", "first_response_at"),
                name="complaint_response_figures",
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(("state", "closed")),
                fields=["decided_at"],
                include=("organisation", "due_at", "outcome"),
                name="complaint_closed_figures",
            ),
        ),
    ]
