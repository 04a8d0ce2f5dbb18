"""On PostgreSQL: drop the vocabulary's prefix index that migration 0002 made.

Django already gives the unique ``term`` column the same index
(``varchar_pattern_ops``, the ``_like`` one), so every word of a search's
prefix lookup had two identical indexes to choose from, and every new term
was written to both."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalogue_searchterm_prefix")


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS catalogue_searchterm_prefix "
            "ON catalogue_searchterm (term varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0007_search_reads_services_from_an_index")]
    operations = [migrations.RunPython(forwards, backwards)]
