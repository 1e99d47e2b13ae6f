"""Reference data (the seeds' partners) and demo data: idempotent, never overwriting edits."""

import io

import pytest

from partners import demo, reference
from partners.models import Contact, Organisation, OutreachSession, Service
from sites.models import Site
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db


def load_reference():
    out = io.StringIO()
    reference.load(stdout=out, style=None)
    return out.getvalue()


def test_reference_data_loads_the_seeded_partners_with_parents_and_services():
    load_reference()
    names = set(Organisation.objects.values_list("name", flat=True))
    for expected in [
        "Bilen (Rusmiddelcenter Slagelse)",
        "Sundhedsklinikken (Rusmiddelcenter Slagelse)",
        "Lokalteamet (Rusmiddelcenter Slagelse)",
        "Gadesygeplejersken (Toften)",
        "Social Drive Out (Toften)",
        "Det opsøgende gadeteam (Toften)",
        "En Ny Start (Toften)",
        "§ 85-støtte (Toften)",
        "Den Sociale Hjemmepleje (Toften)",
        "Kirkens Korshær",
        "SAND – De hjemløses landsorganisation",
        "LVS – Landsforeningen af VæreSteder",
        "Rådet for Socialt Udsatte",
        "Birkehuset (Netværkshusene)",
        "Netværksstøtten i Korsør (CPUS)",
        "Borgerservice",
        "Jobcenteret",
        "Center for Sundhed og Ældre (CSÆ)",
        "Center for Børn og Unge",
        "Frivilligcenter Slagelse (FCS)",
        "Brugernes Akademi",
        "Projekt Farmakon",
        "Frynseklinikken",
        "Gældsrådgivning",
        "Den sociale tandpleje",
        "HUS FORBI",
        "headspace Slagelse",
        "KFUM's Sociale Arbejde",
    ]:
        assert expected in names
    nurse = Organisation.objects.get(reference_key="toften-gadesygeplejersken")
    assert nurse.parent.name == "Toften"
    assert nurse.kind == Organisation.Kind.HEALTH
    assert "street-nursing" in nurse.services.values_list("key", flat=True)
    assert Organisation.objects.get(reference_key="rmc-bilen").kind == "rusmiddelcenter"


def test_reference_data_invents_no_contacts_or_phone_numbers():
    load_reference()
    assert not Contact.objects.exists()
    assert not Organisation.objects.exclude(phone="").exists()
    assert not Organisation.objects.exclude(email="").exists()


def test_reference_data_is_idempotent_and_keeps_edits():
    load_reference()
    counts = Organisation.objects.count(), Service.objects.count()
    sand = Organisation.objects.get(reference_key="sand")
    sand.name = "SAND Slagelse"
    sand.description = "Rettet af en koordinator"
    sand.parent = None
    sand.save()
    sand.services.clear()
    Service.objects.filter(key="pet-care").update(name_da="Dyrlæge")
    load_reference()
    assert (Organisation.objects.count(), Service.objects.count()) == counts
    sand.refresh_from_db()
    assert sand.name == "SAND Slagelse"
    assert sand.description == "Rettet af en koordinator"
    assert not sand.services.exists()
    assert Service.objects.get(key="pet-care").name_da == "Dyrlæge"


def test_reference_data_adopts_an_organisation_made_by_hand():
    Organisation.objects.create(name="kirkens korshær", kind="ngo", phone="11 22 33 44")
    load_reference()
    korshaer = Organisation.objects.get(name__iexact="kirkens korshær")
    assert korshaer.reference_key == "kirkens-korshaer"
    assert korshaer.phone == "11 22 33 44"


def test_reference_data_recreates_a_deleted_organisation_only():
    load_reference()
    Organisation.objects.filter(reference_key="headspace").delete()
    load_reference()
    assert Organisation.objects.filter(reference_key="headspace").count() == 1


def test_demo_data_adds_marked_contacts_and_sessions_idempotently():
    import random

    SiteFactory(kind=Site.Kind.PAVILION, name="Pavillonen")
    SiteFactory(kind=Site.Kind.BUS_STOP, name="Bussen i Korsør Syd")
    load_reference()
    for _ in range(2):
        demo.load(stdout=io.StringIO(), style=None, rng=random.Random(1))
    assert Contact.objects.count() == len(demo.CONTACTS)
    assert all("(demo)" in name for name in Contact.objects.values_list("name", flat=True))
    sessions = OutreachSession.objects.select_related("organisation", "site")
    assert sessions.count() == len(demo.SESSIONS)
    assert all(s.note.endswith("(demo)") for s in sessions)
    job = sessions.get(organisation__reference_key="jobcenteret")
    assert (job.site.name, job.weekday, job.start_time.hour, job.end_time.hour) == (
        "Pavillonen",
        1,
        10,
        12,
    )
    assert sessions.get(organisation__reference_key="toften-gadesygeplejersken").weekday == 3
