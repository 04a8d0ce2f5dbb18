"""On PostgreSQL: pg_trgm and a trigram index on the search vocabulary, for typo matching."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS catalogue_searchterm_trgm "
            "ON catalogue_searchterm USING gin (term gin_trgm_ops)"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS catalogue_searchterm_prefix "
            "ON catalogue_searchterm (term varchar_pattern_ops)"
        )


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalogue_searchterm_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS catalogue_searchterm_prefix")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
