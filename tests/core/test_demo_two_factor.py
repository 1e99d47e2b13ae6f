"""The demo says clearly that two-factor login is off there (decisions Privacy 4)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.dom import parse

pytestmark = pytest.mark.django_db


def test_load_demo_data_says_two_factor_login_is_off(settings):
    settings.TWO_FACTOR_REQUIRED = False
    out = io.StringIO()
    call_command("load_demo_data", "--force", stdout=out)
    assert "Two-factor login is OFF here" in out.getvalue()
    assert "the demo logins need the password only" in out.getvalue()


def test_load_demo_data_says_when_it_is_on(settings):
    settings.TWO_FACTOR_REQUIRED = True
    out = io.StringIO()
    call_command("load_demo_data", "--force", stdout=out)
    assert "Two-factor login is ON here" in out.getvalue()
    assert "OFF" not in out.getvalue()


def test_the_demo_login_page_says_it_is_off(client, settings):
    settings.DEBUG = True
    settings.TWO_FACTOR_REQUIRED = False
    page = parse(client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="da").content.decode())
    assert "totrinslogin er slået fra her" in page.one(".vs-demo-two-factor").text


@pytest.mark.parametrize(("debug", "required"), [(False, True), (False, False), (True, True)])
def test_a_login_page_with_two_factor_login_or_in_production_says_nothing(
    client, settings, debug, required
):
    settings.DEBUG = debug
    settings.TWO_FACTOR_REQUIRED = required
    page = parse(client.get(reverse("login")).content.decode())
    assert page.select(".vs-demo-two-factor") == []
