"""django-otp's own device admin deletes a second factor without an audit entry, so it is not
offered: the users' admin has the audited reset (core.admin, decisions Privacy 3 and 5)."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.dom import parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [TOTPDevice, StaticDevice])
def test_the_device_admin_is_not_registered(model):
    assert not admin.site.is_registered(model)
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
    with pytest.raises(NoReverseMatch):
        reverse(name)


@pytest.mark.lenient_templates
def test_a_superuser_finds_no_device_pages_in_the_admin(superuser_client, superuser):
    device = TOTPDevice.objects.create(user=superuser, name="Varmestue", confirmed=True)
    index = parse(superuser_client.get("/admin/").content.decode())
    links = [a.get("href") or "" for a in index.select("a")]
    assert not [link for link in links if "otp_" in link]
    for url in (
        "/admin/otp_totp/totpdevice/",
        f"/admin/otp_totp/totpdevice/{device.pk}/delete/",
        "/admin/otp_static/staticdevice/",
    ):
        assert superuser_client.get(url).status_code == 404, url
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
