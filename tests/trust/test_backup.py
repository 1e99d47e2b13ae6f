"""Back up, restore into a new empty database, and find the same data (PostgreSQL only)."""

import importlib
import uuid

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

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


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """The uploaded files of the test, not the working copy's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


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


@pytest.fixture
def app_user_database():
    """A new database owned by a new login role that is no superuser (the app's own user)."""
    suffix = uuid.uuid4().hex[:12]
    role, name = f"vs_app_{suffix}", f"vs_restore_{suffix}"
    with psycopg.connect(**_server_params("postgres"), autocommit=True) as admin:
        admin.execute(
            f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'restore-test' "
            "NOSUPERUSER NOCREATEDB NOCREATEROLE"
        )
        admin.execute(f'CREATE DATABASE "{name}" OWNER "{role}"')
        admin.execute(f'CREATE DATABASE "{name}_other"')  # owned by the superuser
    yield role, name
    with psycopg.connect(**_server_params("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'DROP DATABASE IF EXISTS "{name}_other" WITH (FORCE)')
        admin.execute(f'DROP ROLE IF EXISTS "{role}"')


def _as(role: str, dbname: str) -> str:
    s = connection.settings_dict
    return f"postgres://{role}:restore-test@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{dbname}"


def _tables(dbname: str) -> dict[str, tuple[int, str]]:
    """{table: (rows, md5 of every row as text, in order)} of the public schema."""
    found = {}
    with psycopg.connect(**_server_params(dbname)) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        for name in names:
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                " FROM {} t"
            ).format(sql.Identifier(name))
            count, digest = conn.execute(query).fetchone()
            found[name] = (count, digest)
    return found


@pytest.mark.postgres_only  # pg_dump/pg_restore back up PostgreSQL only
@pytest.mark.django_db(transaction=True)
def test_the_app_user_restores_every_table_and_the_uploaded_files(
    tmp_path, settings, app_user_database
):
    """As docs/operations.md says: createdb -O <app user>, restore_db as that user (no
    superuser): every table the same, row for row, the app user owns them, and the media."""
    from tests.partners.factories import AgreementFactory

    role, name = app_user_database
    document = settings.MEDIA_ROOT / "agreements" / "2026" / "samarbejdsaftale.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(b"%PDF-1.4 aftale\n")
    AgreementFactory(document="agreements/2026/samarbejdsaftale.pdf")
    record(actor=UserFactory(), instance=SiteFactory(), action="update", changes={})
    dump_file = tmp_path / "backups" / "varmestue.dump"

    call_command("backup_db", output=dump_file, stdout=open("/dev/null", "w"))  # noqa: SIM115
    media = dump_file.with_name("varmestue.media.tar")
    assert media.stat().st_mode & 0o077 == 0  # personal data: owner only
    restored_media = tmp_path / "restored-media"
    call_command(
        "restore_db",
        str(dump_file),
        database_url=_as(role, name),
        media_root=restored_media,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )

    source = _tables(connection.settings_dict["NAME"])
    assert len(source) > 40
    # The backup's own heartbeat is written after the dump.
    del source["core_jobheartbeat"]
    restored_tables = _tables(name)
    del restored_tables["core_jobheartbeat"]
    assert restored_tables == source
    with psycopg.connect(**_server_params(name)) as conn:
        owners = conn.execute(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    assert owners == [(role,)]
    restored = restored_media / "agreements" / "2026" / "samarbejdsaftale.pdf"
    assert restored.read_bytes() == document.read_bytes()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_restore_into_a_database_the_app_user_does_not_own_says_what_to_do(
    tmp_path, settings, app_user_database
):
    role, name = app_user_database
    dump_file = tmp_path / "varmestue.dump"
    call_command("backup_db", output=dump_file, stdout=open("/dev/null", "w"))  # noqa: SIM115
    with pytest.raises(CommandError, match=r"createdb -O"):
        call_command(
            "restore_db",
            str(dump_file),
            database_url=_as(role, f"{name}_other"),
            media_root=tmp_path / "restored",
        )


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_media_directory_with_files(tmp_path, empty_database):
    dump_file = tmp_path / "varmestue.dump"
    call_command("backup_db", output=dump_file, stdout=open("/dev/null", "w"))  # noqa: SIM115
    live = tmp_path / "live"
    live.mkdir()
    (live / "kept.pdf").write_bytes(b"live")
    with pytest.raises(CommandError, match="already has files"):
        call_command(
            "restore_db", str(dump_file), database_url=_url(empty_database), media_root=live
        )
    assert (live / "kept.pdf").read_bytes() == b"live"
    with psycopg.connect(**_server_params(empty_database)) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()[0]
    assert tables == 0  # refused before the database was touched
