"""A form posted with an expired security token gets a Danish page that says how to go on."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from volunteers.models import VolunteerRole

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _form_token(client: Client, url: str) -> str:
    return TOKEN.search(client.get(url).content.decode()).group(1)


def _coordinator(coordinator_user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator_user)
    return client


def _assert_expired_page(response) -> str:
    body = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="da">' in body
    assert "Formularen er udløbet" in body
    assert "Det, du skrev, blev ikke gemt." in body
    assert "genindlæs siden" in body
    assert 'class="header"' in body  # the site's own look, not Django's bare page
    assert "DEBUG" not in body and "CSRF" not in body
    return body


def test_a_form_opened_before_logging_in_again_elsewhere_is_refused_with_the_danish_page(
    coordinator_user,
):
    client = _coordinator(coordinator_user)
    url = reverse("volunteers:role_create")
    token = _form_token(client, url)
    # Logging in again in another tab renews the browser's token cookie.
    renewed = Client()
    renewed.get(reverse("login"))
    client.cookies["csrftoken"] = renewed.cookies["csrftoken"].value
    response = client.post(
        url, {"csrfmiddlewaretoken": token, "name": "Kok", "code": "kok"}, HTTP_REFERER=url
    )
    body = _assert_expired_page(response)
    assert not VolunteerRole.objects.filter(code="kok").exists()
    # A way back to the form, which now carries a working token.
    assert f'href="{url}"' in body
    fresh = _form_token(client, url)
    response = client.post(url, {"csrfmiddlewaretoken": fresh, "name": "Kok", "code": "kok"})
    assert response.status_code == 302
    assert VolunteerRole.objects.filter(code="kok").exists()


def test_a_form_whose_cookie_has_expired_is_refused_with_the_danish_page():
    client = Client(enforce_csrf_checks=True)
    token = _form_token(client, reverse("login"))
    del client.cookies["csrftoken"]  # the browser dropped the cookie
    response = client.post(reverse("login"), {"csrfmiddlewaretoken": token, "username": "x"})
    _assert_expired_page(response)


def test_a_referer_on_another_host_is_not_offered_as_the_way_back():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), HTTP_REFERER="https://evil.example/form/")
    body = _assert_expired_page(response)
    assert "evil.example" not in body


def test_the_page_is_english_for_those_who_chose_english(settings):
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("login"))
    body = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="en">' in body
    assert "The form has expired" in body
