"""How views declare who may use them.

Every view is one of: `public` (no login), `login_required` by default (the
LoginRequiredMiddleware), or guarded by a capability from `core.roles`.
"""

from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin

public = login_not_required


def capability_required(*codenames: str):
    """Function-view decorator: the user must have every named capability, else 403."""
    return permission_required([f"core.{c}" for c in codenames], raise_exception=True)


class CapabilityRequiredMixin(PermissionRequiredMixin):
    """Class-based views: set `capability = "manage_sites"` (or a tuple); 403 otherwise."""

    capability: str | tuple[str, ...] = ()
    raise_exception = True

    def get_permission_required(self):
        codes = (self.capability,) if isinstance(self.capability, str) else self.capability
        if not codes:
            raise NotImplementedError(f"{type(self).__name__} must declare a capability.")
        return [f"core.{c}" for c in codes]


def has_capability(user, codename: str) -> bool:
    return user.has_perm(f"core.{codename}")


def has_capability_now(user, codename: str) -> bool:
    """`has_capability` in one small query, for a view called many times a minute that checks
    one capability once (the tally sync API).

    The same rules as Django's ModelBackend (the only backend that grants permissions here):
    an inactive user holds nothing, a superuser everything; otherwise the capability must be
    granted to the user or to one of the user's groups (roles).
    """
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    user_model = get_user_model()
    by_group = user_model.groups.through._meta.db_table
    by_user = user_model.user_permissions.through._meta.db_table
    group_permissions = Permission.group_set.through._meta.db_table
    # Shaped so PostgreSQL plans it quickly: no joins at the top level.
    sql = (
        f"SELECT 1 FROM {Permission._meta.db_table} WHERE codename = %s "  # noqa: S608 - names from model meta
        f"AND content_type_id IN (SELECT id FROM {ContentType._meta.db_table} "
        "WHERE app_label = 'core') "
        f"AND (id IN (SELECT gp.permission_id FROM {group_permissions} gp "
        f"JOIN {by_group} ug ON ug.group_id = gp.group_id WHERE ug.user_id = %s) "
        f"OR id IN (SELECT permission_id FROM {by_user} WHERE user_id = %s))"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [codename, user.pk, user.pk])
        return cursor.fetchone() is not None
