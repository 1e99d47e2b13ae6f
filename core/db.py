"""Statements PostgreSQL plans once per connection instead of on every call.

Django's psycopg backend binds parameters on the client: every statement reaches PostgreSQL
as new text, which it parses and plans again. For the few statements the tally tablets send
with every request (the session, the capability, the tap itself) planning costs as much as
running them. `prepared_cursor()` gives a cursor that binds on the server, so psycopg
prepares each of its statements (by its text) after `prepare_threshold` runs on a connection
(settings.DATABASES OPTIONS, set only on PostgreSQL) and then only executes it.

Everything else keeps Django's client-side binding: psycopg's client cursors never prepare.
A statement run here must be one whose parameter types PostgreSQL can infer, or whose
parameters psycopg sends typed (numbers, dates, UUIDs). Do not use it behind a pooler in
transaction mode (PgBouncer before 1.21): prepared statements belong to one server session.
"""

from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections


def column_name(field: Any) -> str:
    """A concrete model field's column (django-stubs allow None, for fields without one)."""
    column = getattr(field, "column", None)
    if not isinstance(column, str):
        raise TypeError(f"{field!r} has no column")
    return column


@contextmanager
def prepared_cursor(using: str = DEFAULT_DB_ALIAS):
    """A Django cursor (logged and counted like any other) whose statements are prepared;
    on other databases an ordinary cursor."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    import psycopg

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        raw = psycopg.Cursor(connection.connection)
    # django-stubs types these as taking Django's wrapper; Django passes them the raw cursor.
    wrapped = (
        connection.make_debug_cursor(raw)  # type: ignore[arg-type]
        if connection.queries_logged
        else connection.make_cursor(raw)  # type: ignore[arg-type]
    )
    with wrapped as cursor:
        yield cursor
