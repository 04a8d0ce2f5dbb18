"""Migration operations shared by every app.

``AppendOnlyTrigger`` makes PostgreSQL itself refuse to change or delete the
rows of a history table (the audit log, an application's history, and every
event table after them): the model refuses in Python, the trigger refuses
even raw SQL. On other databases (SQLite in development and tests) it does
nothing, so the model's guard is the only one there."""

from __future__ import annotations

from typing import Any

from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.operations.special import RunPython
from django.db.migrations.state import ProjectState


class AppendOnlyTrigger(Operation):
    """A trigger on ``table`` that raises ``message`` before any UPDATE or DELETE."""

    reversible = True

    def __init__(self, table: str, message: str) -> None:
        self.table = table
        self.message = message

    def create_sql(self) -> str:
        message = self.message.replace("'", "''")
        return f"""
CREATE OR REPLACE FUNCTION {self.table}_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{message}';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {self.table}_append_only
    BEFORE UPDATE OR DELETE ON {self.table}
    FOR EACH ROW EXECUTE FUNCTION {self.table}_refuse_change();
"""

    def drop_sql(self) -> str:
        return f"""
DROP TRIGGER IF EXISTS {self.table}_append_only ON {self.table};
DROP FUNCTION IF EXISTS {self.table}_refuse_change();
"""

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        pass  # the trigger is not part of any model's state

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(self.create_sql())

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(self.drop_sql())

    def describe(self) -> str:
        return f"Refuse UPDATE and DELETE on {self.table} (PostgreSQL)"


class HistoryBackfill(RunPython):
    """Fill a column added to an append-only table for the rows already there
    (``code(apps, schema_editor)``, as ``RunPython`` takes it). The one change
    history rows may receive, and only in a migration: on PostgreSQL the
    table's ``AppendOnlyTrigger`` is switched off for the backfill, inside
    the migration's transaction, and on again after it."""

    def __init__(self, table: str, code: Any, reverse_code: Any = RunPython.noop) -> None:
        self.table = table
        super().__init__(self._trigger_off(code), self._trigger_off(reverse_code))

    def _trigger_off(self, code: Any) -> Any:
        def run(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
            postgresql = schema_editor.connection.vendor == "postgresql"
            if postgresql:
                self._switch(schema_editor, "DISABLE")
            code(apps, schema_editor)
            if postgresql:
                self._switch(schema_editor, "ENABLE")

        return run

    def _switch(self, schema_editor: BaseDatabaseSchemaEditor, switch: str) -> None:
        # Checks of foreign keys the backfill deferred must run before the
        # table can be altered again.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE {self.table} {switch} TRIGGER {self.table}_append_only")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")

    def describe(self) -> str:
        return f"Fill new columns of the existing rows of {self.table}"
