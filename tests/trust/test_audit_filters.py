"""The audit history can be narrowed by action, kind of object, one object, user and dates."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from core.audit import record
from core.models import AuditEntry
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(coordinator_user, manager_user):
    site_a = SiteFactory(name="Pavillon Alfa")
    site_b = SiteFactory(name="Pavillon Beta")
    record(actor=coordinator_user, instance=site_a, action="update", note="note-a")
    record(actor=manager_user, instance=site_b, action="update", note="note-b")
    record(actor=coordinator_user, instance=manager_user, action="view", note="note-user")
    old = record(actor=coordinator_user, instance=site_b, action="create", note="note-old")
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=40))
    return {"site_a": site_a, "site_b": site_b}


def _notes(client, **query) -> set[str]:
    response = client.get(reverse("core:audit"), query)
    assert response.status_code == 200
    return {
        n for n in ("note-a", "note-b", "note-user", "note-old") if n in response.content.decode()
    }


def test_unfiltered_shows_everything(manager_client, entries):
    assert _notes(manager_client) == {"note-a", "note-b", "note-user", "note-old"}


def test_it_filters_by_kind_of_object(manager_client, entries):
    site_type = ContentType.objects.get(app_label="sites", model="site")
    assert _notes(manager_client, object_type=site_type.pk) == {"note-a", "note-b", "note-old"}


def test_it_filters_to_one_object(manager_client, entries):
    site_type = ContentType.objects.get(app_label="sites", model="site")
    notes = _notes(manager_client, object_type=site_type.pk, object_id=entries["site_b"].pk)
    assert notes == {"note-b", "note-old"}


def test_it_filters_by_user(manager_client, entries):
    assert _notes(manager_client, user="DORA") == {"note-b"}


def test_it_filters_by_dates(manager_client, entries):
    today = timezone.localdate()
    recent = _notes(manager_client, date_from=(today - datetime.timedelta(days=7)).isoformat())
    assert recent == {"note-a", "note-b", "note-user"}
    older = _notes(manager_client, date_to=(today - datetime.timedelta(days=30)).isoformat())
    assert older == {"note-old"}


def test_it_filters_by_action(manager_client, entries):
    assert _notes(manager_client, action="view") == {"note-user"}


@pytest.mark.parametrize(
    "query",
    [
        {"object_type": "abc"},
        {"date_from": "2026-02-30"},
        {"user": "x" * 500},
        {"action": "explode"},
        {"page": "-1"},
        {"object_type": "999999", "object_id": "'; DROP"},
    ],
)
def test_bad_filter_values_never_break_the_page(coordinator_client, entries, query):
    response = coordinator_client.get(reverse("core:audit"), query)
    assert response.status_code == 200


def test_the_history_link_of_one_object(manager_client, entries):
    url = Template("{% load audit %}{% audit_history_url site %}").render(
        Context({"site": entries["site_a"]})
    )
    assert url.startswith("/audit/?object_type=")
    response = manager_client.get(url.replace("&amp;", "&"))
    assert "note-a" in response.content.decode()
    assert "note-b" not in response.content.decode()
