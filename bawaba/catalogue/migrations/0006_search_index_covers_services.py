"""The search index's term index also holds each row's service and weight
(PostgreSQL's INCLUDE; a plain index elsewhere), so a search reads the index
only. The new index is built before the old one is dropped."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0005_revision_contributors")]

    operations = [
        migrations.AddIndex(
            model_name="serviceterm",
            index=models.Index(
                fields=["term"], include=("service", "weight"), name="catalogue_serviceterm_term"
            ),
        ),
        migrations.AlterField(
            model_name="serviceterm", name="term", field=models.CharField(max_length=60)
        ),
    ]
