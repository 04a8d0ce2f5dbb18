"""On PostgreSQL, the database itself refuses to change or delete an
application's history."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
CREATE OR REPLACE FUNCTION eservices_applicationevent_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'an application''s history is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER eservices_applicationevent_append_only
    BEFORE UPDATE OR DELETE ON eservices_applicationevent
    FOR EACH ROW EXECUTE FUNCTION eservices_applicationevent_refuse_change();
"""

DROP = """
DROP TRIGGER IF EXISTS eservices_applicationevent_append_only ON eservices_applicationevent;
DROP FUNCTION IF EXISTS eservices_applicationevent_refuse_change();
"""


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("eservices", "0003_draft_expiry_warning")]
    operations = [migrations.RunPython(forwards, backwards)]
