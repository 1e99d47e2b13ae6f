"""Fixtures for the feedback tests: a site, and a device that is a kiosk for it."""

import pytest
from django.http import HttpResponse
from django.test import Client

from feedback import kiosk_token
from tests.feedback.factories import KioskFactory
from tests.sites.factories import SiteFactory


def kiosk_cookie(kiosk) -> str:
    """The token's value, signed by `kiosk_token.install` as when a kiosk is started."""
    response = HttpResponse()
    kiosk_token.install(response, kiosk)
    return response.cookies[kiosk_token.COOKIE_NAME].value


def kiosk_client_for(kiosk) -> Client:
    """A test client with the kiosk's token and no login, as a kiosk tablet has."""
    client = Client()
    client.cookies[kiosk_token.COOKIE_NAME] = kiosk_cookie(kiosk)
    return client


@pytest.fixture(autouse=True)
def _forget_phone_counts():
    """The phones' hourly count lives in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def site(db):
    return SiteFactory(slug="pavillonen", name="Pavillonen i Korsør")


@pytest.fixture
def kiosk(site):
    return KioskFactory(site=site, name="Pavillonens tablet")


@pytest.fixture
def kiosk_client(kiosk):
    return kiosk_client_for(kiosk)
