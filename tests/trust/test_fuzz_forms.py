"""Bad input never gives a 500: every POST form the project shows, filled in at random.

For every page in the access matrix that some role may open, the test opens it as that role,
reads its POST forms and submits each with hypothesis-made values (text, NUL bytes, huge
numbers, impossible dates, unknown choices, missing fields). Each answer must be a page or a
redirect below 500; a crash raises in the test client and fails with the falsifying example.
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.trust.fuzz import form_data
from tests.trust.htmlforms import post_forms
from tests.trust.test_access_matrix import ACCESS, LazyUsers

ROLE_ORDER = ("coordinator", "volunteer", "staff", "manager", "superuser", "anonymous")
PAGES = [
    entry
    for entry in ACCESS
    if entry.method == "get" and any(entry.expect[r] == "ok" for r in ROLE_ORDER)
]
EXAMPLES = 12


def _role(entry) -> str:
    return next(r for r in ROLE_ORDER if entry.expect[r] == "ok")


@pytest.mark.django_db
@pytest.mark.parametrize("entry", PAGES, ids=[e.url_name for e in PAGES])
def test_no_form_on_the_page_gives_a_500(entry):
    users = LazyUsers()
    role = _role(entry)
    url = reverse(entry.url_name, kwargs=entry.kwargs(users) if entry.kwargs else {})
    if entry.query:
        url = f"{url}?{entry.query}"
    client = Client()
    if users[role] is not None:
        client.force_login(users[role])
    page = client.get(url)
    if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
        return  # a file, a feed or a redirect: nothing to fill in
    forms = post_forms(page.content.decode(), url)
    for form in forms:
        _fuzz(client, form)


def _fuzz(client, form):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def submit_anything(data):
        response = client.post(form.action, form_data(data, form))
        assert response.status_code < 500, f"{form.action}: HTTP {response.status_code}"

    submit_anything()


def test_the_form_pages_include_the_known_forms():
    names = {e.url_name for e in PAGES}
    assert {"login", "password_change", "core:two_factor_setup", "core:audit"} <= names
