"""Applications on the case kit's fields: a priority, which the queue sorts
by before the due day; and history rows with the state before the step and
who may read them (``visibility`` replaces the ``internal`` flag)."""

from django.conf import settings
from django.db import migrations, models

from bawaba.core.migration_operations import HistoryBackfill

BATCH = 2000


def history_filled(apps, schema_editor):
    """Internal notes become staff only; each row gets the state its
    application was in before it (the state after the row before)."""
    ApplicationEvent = apps.get_model("eservices", "ApplicationEvent")
    ApplicationEvent.objects.filter(internal=True).update(visibility="staff")
    changed = []
    previous_application, previous_state = None, ""
    rows = ApplicationEvent.objects.order_by("application_id", "created_at", "id").only(
        "id", "application_id", "state"
    )
    for row in rows.iterator(chunk_size=BATCH):
        if row.application_id != previous_application:
            previous_application, previous_state = row.application_id, ""
        if previous_state:
            row.from_state = previous_state
            changed.append(row)
        previous_state = row.state
        if len(changed) >= BATCH:
            ApplicationEvent.objects.bulk_update(changed, ["from_state"])
            changed = []
    if changed:
        ApplicationEvent.objects.bulk_update(changed, ["from_state"])


def internal_flag_back(apps, schema_editor):
    ApplicationEvent = apps.get_model("eservices", "ApplicationEvent")
    ApplicationEvent.objects.filter(visibility="staff").update(internal=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_profile_address"),
        ("eservices", "0008_definition_contributors"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(model_name="application", name="application_queue_order"),
        migrations.AddField(
            model_name="application",
            name="priority",
            field=models.PositiveSmallIntegerField(
                choices=[(1, "Urgent"), (2, "High"), (3, "Normal"), (4, "Low")],
                default=3,
                verbose_name="priority",
            ),
        ),
        migrations.AddField(
            model_name="applicationevent",
            name="from_state",
            field=models.CharField(blank=True, max_length=20, verbose_name="state before"),
        ),
        migrations.AddField(
            model_name="applicationevent",
            name="visibility",
            field=models.CharField(
                choices=[("person", "The person and staff"), ("staff", "Staff only")],
                default="person",
                max_length=10,
                verbose_name="visible to",
            ),
        ),
        HistoryBackfill(
            "eservices_applicationevent", history_filled, reverse_code=internal_flag_back
        ),
        migrations.RemoveField(model_name="applicationevent", name="internal"),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["organisation", "priority", "due_on", "submitted_at"],
                name="application_queue_order",
            ),
        ),
    ]
