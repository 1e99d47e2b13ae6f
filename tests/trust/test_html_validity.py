"""Every page is valid HTML for the W3C Nu HTML Checker, as each role sees it.

The pages are those of the access matrix (tests/<app>/access.py): every GET that a role may
open and that answers an HTML document, requested as that role, plus the Django admin's
pages for the superuser (its index, every model's list and add page, and one change page per
model that has a row). The reference and demo data are loaded first, so lists, rosters and
forms hold what real users see. One run of the checker (one JVM) reads them all; any error
fails the test except htmx's `hx-*` attributes (tests/trust/nuchecker.py).
"""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.trust import nuchecker
from tests.trust.matrixpages import load_data, matrix_pages
from tests.trust.test_access_matrix import ADMIN_PAGES, SUPERUSER_PAGES

pytestmark = [pytest.mark.django_db, pytest.mark.lenient_templates]


def _is_document(response) -> bool:
    return (
        response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and response.content.lstrip()[:15].lower() == b"<!doctype html>"
    )


def _matrix_pages(users) -> dict[str, str]:
    pages: dict[str, str] = {}
    clients: dict[str, Client] = {}
    for page in matrix_pages(users):
        if page.role not in clients:
            clients[page.role] = Client()
            if users[page.role] is not None:
                clients[page.role].force_login(users[page.role])
        client = clients[page.role]
        for name, value in page.cookies.items():
            client.cookies[name] = value
        response = client.get(page.url)
        for name in page.cookies:
            del client.cookies[name]
        if _is_document(response):
            pages[page.label] = response.content.decode()
    return pages


def _admin_pages(users) -> dict[str, str]:
    client = Client()
    client.force_login(users["superuser"])
    urls = [reverse(name) for name in SUPERUSER_PAGES]
    urls += [reverse(name) for name in ADMIN_PAGES if name.endswith("_add")]
    for model in admin.site._registry:
        instance = model._default_manager.order_by("pk").first()
        if instance is None:
            continue
        try:
            urls.append(
                reverse(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                    args=[instance.pk],
                )
            )
        except NoReverseMatch:
            continue
    pages = {}
    for url in urls:
        response = client.get(url)
        if _is_document(response):
            pages[f"{url} as superuser (admin)"] = response.content.decode()
    return pages


def test_every_page_as_every_role_is_valid_html():
    users = load_data()
    pages = _matrix_pages(users)
    admin_pages = _admin_pages(users)
    # The walk really reached the pages: every role, the editing pages and the admin.
    roles = {label.rsplit(" as ", 1)[1].split(" ")[0] for label in pages}
    assert roles == {"anonymous", "volunteer", "staff", "coordinator", "manager", "superuser"}
    assert len(pages) > 150 and len(admin_pages) > 30
    problems = nuchecker.check({**pages, **admin_pages})
    assert not problems, f"{len(problems)} HTML errors:\n" + nuchecker.summary(problems)


def test_the_checker_finds_errors_and_leaves_out_only_htmx_attributes():
    page = (
        '<!DOCTYPE html><html lang="da"><head><title>x</title></head><body>'
        '<p hx-get="/x" class="a" class="b">x</p><span><ul><li>a</li></ul></span>'
        '<form action=""></form></body></html>'
    )
    problems = nuchecker.check({"sample": page})
    messages = " ".join(p.message for p in problems)
    assert "Duplicate attribute “class”" in messages
    assert "Element “ul” not allowed as child of element “span”" in messages
    assert "Bad value “” for attribute “action”" in messages
    assert "hx-get" not in messages
    assert {p.page for p in problems} == {"sample"}
