"""Coordinators edit partners; every change is in the audit history; staff may not edit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEntry
from partners.models import Agreement, Contact, Organisation, OutreachSession, Service
from tests.core.formwalk import post_edit
from tests.partners.factories import (
    AgreementFactory,
    ContactFactory,
    OrganisationFactory,
    OutreachSessionFactory,
    ServiceFactory,
)
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_coordinator_creates_an_organisation_and_it_is_audited(coordinator_client):
    service = ServiceFactory()
    toften = OrganisationFactory(name="Toften")
    response = coordinator_client.post(
        reverse("partners:organisation_create"),
        {
            "name": "Gadesygeplejersken",
            "kind": "health",
            "parent": toften.pk,
            "services": [service.pk],
            "website": "",
            "phone": "",
            "email": "",
            "description": "",
        },
    )
    organisation = Organisation.objects.get(name="Gadesygeplejersken")
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.parent == toften
    assert list(organisation.services.all()) == [service]
    entry = AuditEntry.objects.get(object_id=str(organisation.pk), action="create")
    assert entry.actor.username == "bob"
    assert "name" in entry.changes


def test_a_coordinator_edits_an_organisation_and_the_change_is_recorded(coordinator_client):
    organisation = OrganisationFactory(name="SAND", kind="ngo")
    response = post_edit(
        coordinator_client,
        reverse("partners:organisation_update", args=[organisation.pk]),
        {"name": "SAND", "kind": "user_org", "phone": "", "website": "", "email": ""},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.kind == "user_org"
    entry = AuditEntry.objects.get(action="update")
    assert entry.changes == {"kind": ["ngo", "user_org"]}


def test_bad_input_gets_a_message_and_nothing_is_saved(coordinator_client):
    response = coordinator_client.post(
        reverse("partners:organisation_create"),
        {"name": "", "kind": "nonsense", "website": "not a url"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"name", "kind", "website"}
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.exists()


def test_staff_and_managers_cannot_edit(staff_client, manager_client):
    organisation = OrganisationFactory(name="SAND")
    for client in (staff_client, manager_client):
        response = post_edit(
            client,
            reverse("partners:organisation_update", args=[organisation.pk]),
            {"name": "Changed", "kind": "ngo"},
        )
        assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == "SAND"


def test_contacts_are_added_edited_and_deleted(coordinator_client):
    organisation = OrganisationFactory()
    url = reverse("partners:contact_create", args=[organisation.pk])
    response = coordinator_client.post(
        url, {"name": "Mette", "job_title": "Sagsbehandler", "work_email": "m@example.invalid"}
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.organisation == organisation
    post_edit(
        coordinator_client,
        reverse("partners:contact_update", args=[contact.pk]),
        {"name": "Mette H.", "job_title": "", "work_phone": "", "work_email": ""},
    )
    contact.refresh_from_db()
    assert contact.name == "Mette H."
    response = coordinator_client.post(reverse("partners:contact_delete", args=[contact.pk]))
    assert response["Location"] == organisation.get_absolute_url()
    assert not Contact.objects.exists()
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("id")) == [
        "create",
        "update",
        "delete",
    ]


def test_deleting_an_organisation_asks_first_and_takes_its_parts(coordinator_client):
    organisation = OrganisationFactory()
    ContactFactory(organisation=organisation)
    OutreachSessionFactory(organisation=organisation)
    url = reverse("partners:organisation_delete", args=[organisation.pk])
    response = coordinator_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert "1 contact persons, 0 agreements and 1 sessions" in response.content.decode()
    assert Organisation.objects.exists()
    response = coordinator_client.post(url)
    assert response["Location"] == reverse("partners:directory")
    assert not Organisation.objects.exists()
    assert not OutreachSession.objects.exists()
    assert AuditEntry.objects.filter(action="delete").count() == 1


def test_a_session_is_created_for_the_organisation_in_the_url(coordinator_client):
    organisation, service, site = OrganisationFactory(), ServiceFactory(), SiteFactory()
    response = coordinator_client.post(
        reverse("partners:session_create", args=[organisation.pk]),
        {
            "service": service.pk,
            "site": site.pk,
            "weekday": "1",
            "start_time": "10:00",
            "end_time": "12:00",
        },
    )
    assert response.status_code == 302
    session = OutreachSession.objects.get()
    assert session.organisation == organisation
    assert AuditEntry.objects.filter(action="create", object_id=str(session.pk)).exists()


def test_a_coordinator_adds_a_service(coordinator_client):
    response = coordinator_client.post(
        reverse("partners:service_create"),
        {"name_da": "Fodpleje", "name_en": "Foot care", "key": "foot-care", "description": ""},
    )
    assert response.status_code == 302
    assert Service.objects.get(key="foot-care").name_da == "Fodpleje"


class TestAgreementDocuments:
    def post(self, client, organisation, upload, **extra):
        return client.post(
            reverse("partners:agreement_create", args=[organisation.pk]),
            {"title": "Samarbejdsaftale", "status": "in_dialogue", "document": upload, **extra},
            HTTP_ACCEPT_LANGUAGE="en",
        )

    def test_a_pdf_is_stored_privately_and_served_to_staff_only(
        self, coordinator_client, staff_client, volunteer_client, client, settings
    ):
        organisation = OrganisationFactory()
        pdf = SimpleUploadedFile("aftale.pdf", b"%PDF-1.7 fake", content_type="application/pdf")
        assert self.post(coordinator_client, organisation, pdf).status_code == 302
        agreement = Agreement.objects.get()
        assert agreement.document.name.startswith("private/partners/agreements/")
        assert agreement.document_name == "aftale.pdf"
        url = reverse("partners:agreement_document", args=[agreement.pk])
        response = staff_client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.7 fake"
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert volunteer_client.get(url).status_code == 403
        assert client.get(url)["Location"].startswith("/login/")
        # Not public under MEDIA_URL: no URL pattern serves /media/.
        media_url = settings.MEDIA_URL + agreement.document.name
        assert staff_client.get(media_url).status_code == 404

    def test_it_rejects_a_file_of_another_type(self, coordinator_client):
        organisation = OrganisationFactory()
        exe = SimpleUploadedFile(
            "virus.exe", b"MZ\x90\x00", content_type="application/octet-stream"
        )
        response = self.post(coordinator_client, organisation, exe)
        assert response.status_code == 200
        assert "document" in response.context["form"].errors
        assert not Agreement.objects.exists()

    def test_it_rejects_content_that_does_not_match_the_extension(self, coordinator_client):
        organisation = OrganisationFactory()
        fake = SimpleUploadedFile("aftale.pdf", b"<html>not a pdf", content_type="application/pdf")
        response = self.post(coordinator_client, organisation, fake)
        assert "does not match its type" in response.content.decode()
        assert not Agreement.objects.exists()

    def test_it_rejects_a_file_that_is_too_large(self, coordinator_client, monkeypatch):
        monkeypatch.setattr("partners.documents.MAX_DOCUMENT_BYTES", 10)
        organisation = OrganisationFactory()
        big = SimpleUploadedFile("aftale.pdf", b"%PDF-" + b"x" * 20, content_type="application/pdf")
        response = self.post(coordinator_client, organisation, big)
        assert "at most" in response.content.decode()
        assert not Agreement.objects.exists()

    def test_editing_without_a_new_file_keeps_the_document(self, coordinator_client):
        organisation = OrganisationFactory()
        pdf = SimpleUploadedFile("aftale.pdf", b"%PDF-1.7", content_type="application/pdf")
        self.post(coordinator_client, organisation, pdf)
        agreement = Agreement.objects.get()
        response = post_edit(
            coordinator_client,
            reverse("partners:agreement_update", args=[agreement.pk]),
            {"title": "Ny titel", "status": "agreed"},
        )
        assert response.status_code == 302
        agreement.refresh_from_db()
        assert agreement.title == "Ny titel"
        assert agreement.document_name == "aftale.pdf"

    def test_deleting_the_agreement_deletes_the_file(self, coordinator_client):
        agreement = AgreementFactory()
        agreement.document.save("aftale.pdf", SimpleUploadedFile("a.pdf", b"%PDF-"), save=True)
        storage, name = agreement.document.storage, agreement.document.name
        assert storage.exists(name)
        coordinator_client.post(reverse("partners:agreement_delete", args=[agreement.pk]))
        assert not storage.exists(name)

    def test_a_missing_document_is_a_404(self, staff_client):
        agreement = AgreementFactory()
        url = reverse("partners:agreement_document", args=[agreement.pk])
        assert staff_client.get(url).status_code == 404
