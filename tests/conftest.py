"""Strict test guards and a fixture per role.

- Templates fail on unknown variables (mark a test `lenient_templates` to render Django's
  own admin templates, which rely on silent failures).
- A naive datetime given to a model is an error (pyproject's filterwarnings).
- A test that logs an ERROR fails, unless marked `allow_error_log`.
- A test marked `postgres_only` is skipped, with the reason, on SQLite (CI runs it on
  PostgreSQL); one hook here, no skip fixture in the test modules.
"""

import logging
import os

import pytest
from django.template import TemplateSyntaxError
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from core.roles import Role
from tests.core.factories import UserFactory

# The Playwright fixtures for every test directory (documented in tests/browser/conftest.py).
pytest_plugins = ["tests.browser.fixtures"]


# In CI the fuzzers run with a fixed seed, so a landing is never decided by chance; on a
# developer's machine they explore new examples on every run.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


class _InvalidTemplateVariable(str):
    def __mod__(self, name):
        raise TemplateSyntaxError(f"Unknown template variable: {name!r}")

    def __contains__(self, item):
        return item == "%s"


def pytest_configure(config):
    config.addinivalue_line("markers", "lenient_templates: allow unknown template variables")
    config.addinivalue_line("markers", "allow_error_log: the test expects an ERROR log record")


POSTGRES_ONLY_REASON = (
    "needs PostgreSQL (real concurrent connections, pg_dump, a server gunicorn's workers reach); "
    "SQLite serialises every writer. Set DATABASE_URL to PostgreSQL, as CI does"
)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Skip `postgres_only` tests on SQLite before any of their fixtures run."""
    if item.get_closest_marker("postgres_only") is None:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(POSTGRES_ONLY_REASON)


@pytest.fixture(autouse=True)
def _strict_templates(request, settings):
    if request.node.get_closest_marker("lenient_templates") is None:
        settings.TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = _InvalidTemplateVariable("%s")
        # Trigger the setting_changed signal so the template engines are rebuilt.
        settings.TEMPLATES = [dict(settings.TEMPLATES[0])]


@pytest.fixture(autouse=True)
def _fail_on_error_log(request, caplog):
    caplog.set_level(logging.WARNING)
    yield
    if request.node.get_closest_marker("allow_error_log"):
        return
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    if errors:
        pytest.fail("The test logged an error: " + "; ".join(r.getMessage() for r in errors))


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in English must not leak on."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def staff_user(db):
    return UserFactory(username="alice", role=Role.STAFF)


@pytest.fixture
def coordinator_user(db):
    return UserFactory(username="bob", role=Role.COORDINATOR)


@pytest.fixture
def volunteer_user(db):
    return UserFactory(username="charlie", role=Role.VOLUNTEER)


@pytest.fixture
def manager_user(db):
    return UserFactory(username="dora", role=Role.MANAGER)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def _client_for(client_class, user):
    client = client_class()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(staff_user, client_class):
    return _client_for(client_class, staff_user)


@pytest.fixture
def coordinator_client(coordinator_user, client_class):
    return _client_for(client_class, coordinator_user)


@pytest.fixture
def volunteer_client(volunteer_user, client_class):
    return _client_for(client_class, volunteer_user)


@pytest.fixture
def manager_client(manager_user, client_class):
    return _client_for(client_class, manager_user)


@pytest.fixture
def superuser_client(superuser, client_class):
    return _client_for(client_class, superuser)


@pytest.fixture
def client_class():
    from django.test import Client

    return Client
