"""Issue 19 item 17: a favicon, HEAD on GET pages, and the admin in the app's name."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.dom import parse

pytestmark = pytest.mark.django_db


def test_every_page_names_its_icon_and_the_icon_exists(client):
    icon = parse(client.get(reverse("sites:schedule")).content).one("link[rel=icon]")
    assert icon["href"].endswith("/favicon.svg")
    assert finders.find("favicon.svg") is not None


@pytest.mark.parametrize("name", ["sites:schedule", "sites:flyer"])
def test_a_monitor_may_ask_a_public_page_with_head(client, name):
    response = client.head(reverse(name))
    assert response.status_code == 200
    assert response.content == b""


def test_head_works_on_a_logged_in_page_too(staff_client):
    assert staff_client.head(reverse("visits:entry")).status_code == 200
    assert staff_client.head(reverse("core:dashboard")).status_code == 200


def test_the_admin_is_branded_in_danish(superuser_client):
    page = parse(superuser_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="da").content)
    assert page.one("#site-name").text == "Varmestue administration"
    assert "Django" not in page.one("title").text
    models = page.texts("th[scope=row] a")
    assert "Vagtpladser" in models and "Shift assignments" not in models
    assert "Loginforsøg" in models and "Access attempts" not in models
