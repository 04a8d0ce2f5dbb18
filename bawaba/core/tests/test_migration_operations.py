"""The one migration operation that makes an event table append-only in the
database: the same SQL the first two history tables were given, run on
PostgreSQL only, for any table."""

from types import SimpleNamespace
from typing import Any, cast

import pytest
from django.db import connection, transaction
from django.db.migrations.state import ProjectState
from django.db.migrations.writer import OperationWriter
from django.db.utils import DatabaseError

from bawaba.core.migration_operations import AppendOnlyTrigger

# The SQL the audit log's migration wrote out before the operation existed.
AUDIT_CREATE = """
CREATE OR REPLACE FUNCTION core_auditevent_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse_change();
"""
AUDIT_DROP = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_refuse_change();
"""
# The same for an application's history (a quote in the message is doubled).
HISTORY_CREATE = """
CREATE OR REPLACE FUNCTION eservices_applicationevent_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'an application''s history is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER eservices_applicationevent_append_only
    BEFORE UPDATE OR DELETE ON eservices_applicationevent
    FOR EACH ROW EXECUTE FUNCTION eservices_applicationevent_refuse_change();
"""
HISTORY_DROP = """
DROP TRIGGER IF EXISTS eservices_applicationevent_append_only ON eservices_applicationevent;
DROP FUNCTION IF EXISTS eservices_applicationevent_refuse_change();
"""

AUDIT = AppendOnlyTrigger(table="core_auditevent", message="audit events are append-only")
HISTORY = AppendOnlyTrigger(
    table="eservices_applicationevent", message="an application's history is append-only"
)

# The operation changes no model, so the states it is handed do not matter.
STATE = ProjectState()


@pytest.mark.parametrize(
    ("operation", "create", "drop"),
    [(AUDIT, AUDIT_CREATE, AUDIT_DROP), (HISTORY, HISTORY_CREATE, HISTORY_DROP)],
)
def test_the_trigger_sql_is_the_sql_the_first_history_tables_were_given(operation, create, drop):
    assert operation.create_sql() == create
    assert operation.drop_sql() == drop


class _Editor:
    """Records what a migration would run on a database of ``vendor``."""

    def __init__(self, vendor: str) -> None:
        self.connection = SimpleNamespace(vendor=vendor)
        self.ran: list[str] = []

    def execute(self, sql: str) -> None:
        self.ran.append(sql)


@pytest.mark.parametrize(
    ("vendor", "forwards", "backwards"),
    [
        ("postgresql", [AUDIT_CREATE], [AUDIT_DROP]),
        ("sqlite", [], []),
        ("mysql", [], []),
    ],
)
def test_the_trigger_is_made_and_dropped_on_postgresql_only(vendor, forwards, backwards):
    editor = cast(Any, _Editor(vendor))
    AUDIT.database_forwards("core", editor, STATE, STATE)
    assert editor.ran == forwards
    editor.ran.clear()
    AUDIT.database_backwards("core", editor, STATE, STATE)
    assert editor.ran == backwards


def test_a_migration_can_write_the_operation_out_again():
    written, imports = OperationWriter(HISTORY, indentation=0).serialize()
    assert written.startswith("bawaba.core.migration_operations.AppendOnlyTrigger(")
    assert "table='eservices_applicationevent'" in written
    assert imports == {"import bawaba.core.migration_operations"}


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_refuses_to_update_or_delete_a_row_of_any_table_given_the_trigger():
    guarded = AppendOnlyTrigger(table="test_guarded_event", message="guarded events stay")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE test_guarded_event (id integer PRIMARY KEY, what text)")
        cursor.execute("INSERT INTO test_guarded_event VALUES (1, 'sent')")
    with connection.schema_editor() as editor:
        guarded.database_forwards("core", editor, STATE, STATE)
    for statement in (
        "UPDATE test_guarded_event SET what = 'changed' WHERE id = 1",
        "DELETE FROM test_guarded_event WHERE id = 1",
    ):
        with (
            pytest.raises(DatabaseError, match="guarded events stay"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO test_guarded_event VALUES (2, 'sent too')")  # adding is fine
        cursor.execute("SELECT count(*) FROM test_guarded_event")
        assert cursor.fetchone() == (2,)

    with connection.schema_editor() as editor:
        guarded.database_backwards("core", editor, STATE, STATE)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE test_guarded_event SET what = 'changed' WHERE id = 1")
        assert cursor.rowcount == 1
