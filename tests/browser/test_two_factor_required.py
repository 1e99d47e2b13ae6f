"""Required two-factor login in chromium: a coordinator's first login ends on the set-up page,
which a phone shows without sideways scrolling; the code from the app lets them in."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from core.roles import Role
from tests.core.factories import UserFactory
from tests.trust.test_two_factor import PASSWORD, code

pytestmark = pytest.mark.browser


def test_a_coordinator_sets_up_two_factor_login_at_the_first_login(new_context, live_url, settings):
    settings.TWO_FACTOR_REQUIRED = True
    user = UserFactory(username="bob", role=Role.COORDINATOR)
    page = new_context(viewport={"width": 390, "height": 844}).new_page()

    page.goto("/login/?next=/volunteers/")
    page.get_by_label("Brugernavn").fill("bob")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Opsæt totrinslogin")
    expect(page.locator(".alert-info")).to_contain_text("din konto kræver totrinslogin")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.goto("/volunteers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Opsæt totrinslogin")

    device = TOTPDevice.objects.get(user=user)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=token]").fill(code(device))
    page.get_by_role("button", name="Slå totrinslogin til").click()

    expect(page.locator(".alert-success").first).to_contain_text("Totrinslogin er slået til")
    page.goto("/volunteers/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Opsæt totrinslogin")
