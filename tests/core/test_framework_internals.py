"""What core/backends.py and core/db.py take from Django's and psycopg's internals.

Both lean on behaviour that is not public API: ModelBackend's per-request permission cache
(`user._perm_cache`, "app_label.codename" strings) and the psycopg connection under Django's
(`connection.connection`, a server-binding `psycopg.Cursor` that prepares after
`prepare_threshold` runs). When an upgrade changes either, these tests fail with the reason;
then follow the upgrade checklist in docs/operations.md ("Upgrading Django or psycopg").
"""

import pytest
from django.contrib.auth import backends
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.db import prepared_cursor
from core.roles import Role
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db

CHECKLIST = "docs/operations.md, 'Upgrading Django or psycopg'"


def test_modelbackend_answers_permission_checks_from_perm_cache_alone():
    user = UserFactory()
    user._perm_cache = {"sites.change_site"}
    backend = backends.ModelBackend()
    with CaptureQueriesContext(connection) as queries:
        allowed = backend.has_perm(user, "sites.change_site")
        refused = backend.has_perm(user, "sites.delete_site")
    assert (allowed, refused) == (True, False), (
        f"ModelBackend no longer reads user._perm_cache: core.backends must change ({CHECKLIST})"
    )
    assert len(queries) == 0, f"ModelBackend queried despite _perm_cache ({CHECKLIST})"


def test_modelbackend_caches_app_label_dot_codename_strings_in_perm_cache():
    user = UserFactory(role=Role.COORDINATOR)
    found = backends.ModelBackend().get_all_permissions(user)
    assert getattr(user, "_perm_cache", None) == found, (
        f"ModelBackend's permission cache is no longer user._perm_cache ({CHECKLIST})"
    )
    assert found and all(p.count(".") == 1 for p in found), found


@pytest.mark.postgres_only
def test_djangos_connection_wraps_a_psycopg_connection_that_prepares_server_bound_statements():
    import psycopg

    threshold = connection.settings_dict["OPTIONS"]["prepare_threshold"]
    assert threshold, "DATABASE_PREPARE_THRESHOLD is off in the test settings"
    with connection.cursor():
        pass
    assert isinstance(connection.connection, psycopg.Connection), (
        f"connection.connection is no longer a psycopg.Connection ({CHECKLIST})"
    )
    sql = "SELECT %s::int + 41 /* core.db internals test */"
    with CaptureQueriesContext(connection) as queries:
        for _ in range(threshold + 1):
            with prepared_cursor() as cursor:
                cursor.execute(sql, [1])
                assert cursor.fetchone() == (42,)
    # Django still logs and counts these statements like any other.
    assert len(queries) == threshold + 1
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%core.db internals test%"],
        )
        assert cursor.fetchone() == (1,), (
            f"psycopg no longer prepares prepared_cursor's statements ({CHECKLIST})"
        )
