"""The authentication backend: Django's ModelBackend, with a cheaper read of the logged-in user.

Every logged-in request reads its user and nearly every one checks a capability; the tally
tablets send many a minute. On PostgreSQL one prepared statement (`core.db.prepared_cursor`)
reads the user together with their permissions, which fills ModelBackend's per-request
permission cache, so the checks that follow cost no query. The rules are Django's: the same
row, an inactive user is nobody, a superuser holds every permission, the others hold their own
and their groups' (roles'). Passwords and everything else are ModelBackend's.
"""

from functools import cache

from django.contrib.auth import backends, get_user_model
from django.db import connections, router

from core.db import column_name, prepared_cursor


@cache
def _user_query(using: str) -> tuple[str, list[str]]:
    """The user's row and, in the same statement, every permission ModelBackend would give
    them, as "app_label.codename" (all of them for a superuser)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    model = get_user_model()
    quote = connections[using].ops.quote_name
    fields = model._meta.concrete_fields
    columns = ", ".join(f"u.{quote(column_name(field))}" for field in fields)
    pk = f"u.{quote(column_name(model._meta.pk))}"
    superuser = f"u.{quote(column_name(model._meta.get_field('is_superuser')))}"
    by_user = model.user_permissions.through._meta.db_table
    by_group = model.groups.through._meta.db_table
    group_permissions = Permission.group_set.through._meta.db_table
    sql = (
        f"SELECT {columns}, ARRAY("  # noqa: S608 - names from model meta
        f"SELECT ct.app_label || '.' || p.codename FROM {Permission._meta.db_table} p "
        f"JOIN {ContentType._meta.db_table} ct ON ct.id = p.content_type_id "
        f"WHERE {superuser} "
        f"OR p.id IN (SELECT permission_id FROM {by_user} WHERE user_id = {pk}) "
        f"OR p.id IN (SELECT gp.permission_id FROM {group_permissions} gp "
        f"JOIN {by_group} ug ON ug.group_id = gp.group_id WHERE ug.user_id = {pk})"
        f") FROM {quote(model._meta.db_table)} u WHERE {pk} = %s"
    )
    return sql, [field.attname for field in fields]


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        using = router.db_for_read(model)
        if connections[using].vendor != "postgresql":
            # SQLite hands dates back as text: let the ORM convert them.
            return super().get_user(user_id)
        sql, attnames = _user_query(using)
        with prepared_cursor(using) as cursor:
            cursor.execute(sql, [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        user = model.from_db(using, attnames, row[:-1])
        if not self.user_can_authenticate(user):
            return None
        # ModelBackend's own per-request cache, filled now instead of by one or two more
        # queries at the first permission check.
        user._perm_cache = set(row[-1])  # type: ignore[attr-defined]
        return user
