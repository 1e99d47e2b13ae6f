"""Back up, restore into a new empty database, and find the same data (PostgreSQL only)."""

import importlib
import uuid

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from core.audit import record
from sites.models import Site
from tests.core.factories import UserFactory
from tests.sites.factories import SiteFactory

POSTGRES = connection.vendor == "postgresql"


def _server_params(dbname: str) -> dict:
    s = connection.settings_dict
    params = {"dbname": dbname, "user": s["USER"], "password": s["PASSWORD"]}
    params.update(host=s["HOST"], port=s["PORT"])
    return {k: v for k, v in params.items() if v}


def _url(dbname: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{dbname}"


@pytest.fixture(autouse=True)
def _roles(request):
    """A transactional test starts after another's flush: put the role groups back."""
    if POSTGRES:
        request.getfixturevalue("transactional_db")
        from django.apps import apps

        importlib.import_module("core.migrations.0002_roles").create_roles(apps, None)


@pytest.fixture
def empty_database():
    name = f"vs_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**_server_params("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(**_server_params("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres_only  # pg_dump/pg_restore back up PostgreSQL only
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_with_the_same_data(tmp_path, empty_database):
    site = SiteFactory(name="Pavillonen på Korsør Torv", slug="pavillonen-backup")
    user = UserFactory(username="backup-coordinator")
    record(actor=user, instance=site, action="update", changes={"name": ["Pavillon", site.name]})
    dump_file = tmp_path / "varmestue.dump"

    call_command("backup_db", output=dump_file, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert dump_file.stat().st_size > 0
    assert dump_file.stat().st_mode & 0o077 == 0  # personal data: owner only
    call_command(
        "restore_db",
        str(dump_file),
        database_url=_url(empty_database),
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )

    with psycopg.connect(**_server_params(empty_database)) as restored:
        sites = restored.execute("SELECT name, slug FROM sites_site ORDER BY slug").fetchall()
        audit = restored.execute(
            "SELECT u.username, a.object_repr, a.changes->'name'->>1 FROM core_auditentry a "
            "JOIN auth_user u ON u.id = a.actor_id"
        ).fetchall()
        groups = restored.execute("SELECT count(*) FROM auth_group").fetchone()[0]
    assert sites == list(Site.objects.order_by("slug").values_list("name", "slug"))
    assert ("Pavillonen på Korsør Torv", "pavillonen-backup") in sites
    assert audit == [("backup-coordinator", site.name, site.name)]
    assert groups == 4  # the roles came along


@pytest.mark.postgres_only  # pg_dump/pg_restore back up PostgreSQL only
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    dump_file = tmp_path / "varmestue.dump"
    call_command("backup_db", output=dump_file, stdout=open("/dev/null", "w"))  # noqa: SIM115
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_db", str(dump_file))


def test_backup_explains_that_sqlite_is_not_backed_up_this_way(tmp_path):
    with pytest.raises(CommandError, match="need PostgreSQL"):
        call_command("restore_db", str(tmp_path / "x.dump"), database_url="sqlite:///x.db")


@pytest.mark.skipif(POSTGRES, reason="checks the SQLite message; the PostgreSQL path is above")
def test_backup_on_sqlite_says_to_copy_the_file(tmp_path):
    with pytest.raises(CommandError, match=r"copy db\.sqlite3"):
        call_command("backup_db", output=tmp_path / "x.dump")
