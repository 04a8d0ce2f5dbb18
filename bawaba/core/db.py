"""Database helpers the ORM does not give."""

from __future__ import annotations

import functools
from typing import Any

from django.db import connection


def prepared_cursor() -> Any:
    """A cursor on the default PostgreSQL connection whose statements are
    bound on the server and prepared: parsed once per connection, for a
    statement whose text is long and run often with other values (the
    search's ranking). Django's own cursors bind values in the text and
    prepare nothing; ``prepare_threshold`` (``DATABASE_PREPARED_STATEMENTS``)
    must be set for psycopg to prepare at all. Wrapped as Django wraps its
    cursors (errors, the queries' log)."""
    connection.ensure_connection()
    cursor_class, debug_class = _prepared_cursor_classes()
    cursor = cursor_class(connection.connection)
    if connection.queries_logged:
        return debug_class(cursor, connection)
    return connection.make_cursor(cursor)


@functools.cache
def _prepared_cursor_classes() -> tuple[type, type]:
    import psycopg
    from django.db.backends.postgresql.base import CursorDebugWrapper

    class PreparedCursor(psycopg.Cursor[Any]):
        def execute(
            self, query: Any, params: Any = None, *, prepare: bool | None = None, binary: Any = None
        ) -> Any:
            return super().execute(query, params, prepare=True, binary=binary)

    class PreparedDebugCursor(CursorDebugWrapper):
        def debug_sql(
            self,
            sql: Any = None,
            params: Any = None,
            use_last_executed_query: bool = False,
            many: bool = False,
        ) -> Any:
            # psycopg keeps no text of what it ran as a prepared statement:
            # the log shows the statement, its values apart.
            return super().debug_sql(sql, params, False, many)

    return PreparedCursor, PreparedDebugCursor
