"""Django's database sessions, read with one plain SQL query (SESSION_ENGINE).

Every logged-in request reads its session, and the tally tablets send many a minute; building
the ORM query costs several times the query itself. Same table, data and expiry rule as
`django.contrib.sessions.backends.db`, which does everything else (saving, deleting).
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import connections, router
from django.utils import timezone

from core.db import column_name, prepared_cursor
from core.unavailable import is_database_unavailable


class SessionStore(db.SessionStore):
    def load(self):
        model = self.model
        using = router.db_for_read(model)
        connection = connections[using]
        quote = connection.ops.quote_name
        expire_date = model._meta.get_field("expire_date")
        sql = (
            f"SELECT {quote('session_data')} FROM {quote(model._meta.db_table)} "  # noqa: S608 - names from model meta
            f"WHERE {quote('session_key')} = %s AND {quote(column_name(expire_date))} > %s"
        )
        now = expire_date.get_db_prep_value(timezone.now(), connection)
        with prepared_cursor(using) as cursor:
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            # Unknown or expired: like the database backend, forget the key.
            self._session_key = None
            return {}
        return self.decode(row[0])

    def save(self, must_create=False):
        """Django turns any database error while updating a session into "the session was
        deleted" (400); the database being down or too slow is a 503 (core.unavailable)."""
        try:
            super().save(must_create=must_create)
        except UpdateError as error:
            cause = error.__context__
            if cause is not None and is_database_unavailable(cause):
                raise cause from None
            raise
