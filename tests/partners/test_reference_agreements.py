"""The partner agreements the seeds name (issue 18), loaded with their status and dates, a
date the seeds only imply (or do not give) marked to be confirmed."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from partners.models import Agreement
from tests.dom import parse

pytestmark = pytest.mark.django_db

A = Agreement.Status


def load():
    call_command("load_reference_data", stdout=io.StringIO())


def _by(organisation: str, title_part: str) -> Agreement:
    return Agreement.objects.get(organisation__name=organisation, title__contains=title_part)


def test_the_agreements_the_seeds_name_are_loaded():
    load()
    korshaer = _by("Kirkens Korshær", "Skælskør")
    # "indtil aftalen i Skælskør udløber i medio 2022": a month, no day, so to be confirmed.
    assert korshaer.status == A.AGREED
    assert korshaer.ends_on == datetime.date(2022, 6, 30) and korshaer.starts_on is None
    assert korshaer.dates_to_be_confirmed
    for association in ("Skælskør Boligselskab", "Korsør Boligselskab"):
        assert _by(association, "Toften").status == A.AGREED
    assert _by("Socialstyrelsen", "Housing First").status == A.AGREED
    assert _by("Jobcenteret", "Café Backstage").status == A.AGREED
    assert _by("Frivilligcenter Slagelse (FCS)", "CPUS").status == A.AGREED
    planned = _by("Frivilligcenter Slagelse (FCS)", "CHP, Frivilligcenteret og Folkesundhed")
    assert planned.status == A.IN_DIALOGUE
    assert Agreement.objects.count() == 7
    # No seed gives a day for any of them.
    assert all(a.dates_to_be_confirmed for a in Agreement.objects.all())
    for agreement in Agreement.objects.all():
        agreement.full_clean()


def test_loading_again_keeps_an_edited_agreement_and_adds_nothing():
    load()
    korshaer = _by("Kirkens Korshær", "Skælskør")
    Agreement.objects.filter(pk=korshaer.pk).update(
        title="Aftale om Skælskør", ends_on=datetime.date(2022, 7, 31), dates_to_be_confirmed=False
    )
    load()
    assert Agreement.objects.count() == 7
    korshaer.refresh_from_db()
    assert (korshaer.title, korshaer.ends_on, korshaer.dates_to_be_confirmed) == (
        "Aftale om Skælskør",
        datetime.date(2022, 7, 31),
        False,
    )


def test_the_organisation_page_says_the_dates_are_to_be_confirmed(coordinator_client):
    load()
    korshaer = _by("Kirkens Korshær", "Skælskør")
    page = parse(coordinator_client.get(korshaer.organisation.get_absolute_url()).content.decode())
    row = next(tr for tr in page.select("tr") if "Drift af varmestuen i Skælskør" in tr.text)
    assert "datoer skal bekræftes" in row.text
    edit = parse(
        coordinator_client.get(reverse("partners:agreement_update", args=[korshaer.pk])).content
    )
    assert "checked" in edit.one("input[name=dates_to_be_confirmed]").attrs
