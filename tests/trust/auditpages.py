"""Helpers for audit tests through the real pages: submit a page's form, read the history."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.models import AuditEntry
from core.templatetags.audit import audit_history_url
from tests.trust.htmlforms import post_forms

AUDIT = reverse("core:audit")


def submit(client, url: str, values: dict, *, action: str = ""):
    """Open `url`, take its POST form holding every field in `values` (and whose action
    contains `action`), change those fields the way a user would and submit it."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    forms = [
        f
        for f in post_forms(page.content.decode(), url)
        if action in f.action and set(values) <= set(f.named())
    ]
    assert forms, f"no form on {url} with {sorted(values)} posting to {action!r}"
    form = forms[0]
    return client.post(form.action, form.data() | values)


def history(client, **query) -> str:
    """The audit history page (optionally filtered) as the client sees it."""
    response = client.get(AUDIT, query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def object_history(client, instance) -> str:
    """The audit history of one object, through the page's own filter link."""
    response = client.get(audit_history_url(instance).replace("&amp;", "&"))
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def shown_time(entry: AuditEntry) -> str:
    """When the entry was made, as the Danish history page shows it."""
    with translation.override("da"):
        return date_format(timezone.localtime(entry.at), "SHORT_DATETIME_FORMAT")


def assert_recent(entry: AuditEntry) -> None:
    assert timezone.now() - entry.at < datetime.timedelta(minutes=5)


def assert_hidden_from(clients, *texts: str, instance=None) -> None:
    """Staff, volunteers and anonymous visitors get no history, whole or of one object."""
    urls = [AUDIT] + ([audit_history_url(instance).replace("&amp;", "&")] if instance else [])
    for client in clients:
        for url in urls:
            response = client.get(url)
            assert response.status_code in (302, 403), (url, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("login"))
            body = response.content.decode()
            for text in texts:
                assert text not in body
