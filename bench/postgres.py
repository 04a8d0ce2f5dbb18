"""The PostgreSQL database a benchmark keeps to itself (never the one in use)."""

from __future__ import annotations

import psycopg
from psycopg import sql


def database_ensure(url: str) -> None:
    """Create the database named at the end of ``url`` unless it exists."""
    server, name = url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if found is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
