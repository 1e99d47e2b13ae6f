"""The partner directory, a partner's page and "where can I send someone for …"."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from partners.models import Organisation
from tests.dom import parse
from tests.partners.factories import (
    AgreementFactory,
    ContactFactory,
    OrganisationFactory,
    OutreachSessionFactory,
    ServiceFactory,
)
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [o.name for o in response.context["organisations"]]


def test_the_directory_lists_the_seeded_partners(staff_client):
    call_command("load_reference_data", stdout=io.StringIO())
    response = staff_client.get(reverse("partners:directory"), {"q": "Toften"})
    assert response.status_code == 200
    assert "Toften" in names(response)
    assert "Gadesygeplejersken (Toften)" in names(response)
    response = staff_client.get(reverse("partners:directory"), {"q": "Kirkens Korshær"})
    assert names(response) == ["Kirkens Korshær"]


def test_it_searches_names_descriptions_and_services(staff_client):
    dental = ServiceFactory(name_da="Social tandpleje", name_en="Social dental care")
    OrganisationFactory(name="Tandklinikken", services=[dental])
    OrganisationFactory(name="SAND", description="De hjemløses landsorganisation")
    OrganisationFactory(name="Andet")
    url = reverse("partners:directory")
    assert names(staff_client.get(url, {"q": "tandpleje"})) == ["Tandklinikken"]
    assert names(staff_client.get(url, {"q": "dental"})) == ["Tandklinikken"]
    assert names(staff_client.get(url, {"q": "hjemløses"})) == ["SAND"]


def test_it_filters_by_kind_service_and_site(staff_client):
    nurse = ServiceFactory(key="street-nursing")
    pavilion = SiteFactory(slug="pavillonen")
    present = OrganisationFactory(name="Gadesygeplejersken", kind="health", services=[nurse])
    OutreachSessionFactory(organisation=present, service=nurse, site=pavilion)
    OrganisationFactory(name="Jobcenteret", kind="municipal")
    OrganisationFactory(name="Kirkens Korshær", kind="ngo")
    url = reverse("partners:directory")
    assert names(staff_client.get(url, {"kind": "municipal"})) == ["Jobcenteret"]
    assert names(staff_client.get(url, {"service": "street-nursing"})) == ["Gadesygeplejersken"]
    assert names(staff_client.get(url, {"site": "pavillonen"})) == ["Gadesygeplejersken"]
    assert names(staff_client.get(url, {"site": "pavillonen", "kind": "ngo"})) == []


def test_unknown_filter_values_are_ignored_with_a_message_not_a_500(staff_client):
    OrganisationFactory(name="SAND")
    response = staff_client.get(
        reverse("partners:directory"), {"kind": "nonsense", "service": "nope", "page": "x"}
    )
    assert response.status_code == 200
    assert names(response) == ["SAND"]
    assert response.context["filter_form"].errors


def test_htmx_gets_only_the_results(staff_client):
    OrganisationFactory(name="SAND")
    response = staff_client.get(reverse("partners:directory"), {"q": "SA"}, HTTP_HX_REQUEST="true")
    doc = parse(response.content)
    assert doc.select("html") == doc.select("body") == []  # a fragment, not a page
    assert "SAND" in doc.one("#partner-results").text


def test_the_directory_paginates_keeping_the_filter(staff_client):
    for n in range(30):
        OrganisationFactory(name=f"Forening {n:02}", kind="ngo")
    response = staff_client.get(reverse("partners:directory"), {"kind": "ngo"})
    assert len(names(response)) == 25
    assert "?kind=ngo&amp;page=2" in response.content.decode()
    response = staff_client.get(reverse("partners:directory"), {"kind": "ngo", "page": 2})
    assert len(names(response)) == 5


def test_the_directory_runs_a_fixed_number_of_queries(staff_client, django_assert_max_num_queries):
    for n in range(10):
        OrganisationFactory(
            name=f"Org {n}", services=[ServiceFactory()], parent=OrganisationFactory()
        )
    with django_assert_max_num_queries(12):
        response = staff_client.get(reverse("partners:directory"))
    assert response.status_code == 200


def test_staff_see_no_edit_buttons_coordinators_do(staff_client, coordinator_client):
    organisation = OrganisationFactory()
    edit_url = reverse("partners:organisation_update", args=[organisation.pk])
    assert edit_url not in staff_client.get(organisation.get_absolute_url()).content.decode()
    assert edit_url in coordinator_client.get(organisation.get_absolute_url()).content.decode()


def test_a_partner_page_shows_contacts_agreements_and_sessions(staff_client):
    organisation = OrganisationFactory(name="Jobcenteret")
    ContactFactory(organisation=organisation, name="Mette Demo", work_phone="12345678")
    AgreementFactory(organisation=organisation, title="Fremskudt sagsbehandling")
    OutreachSessionFactory(
        organisation=organisation, weekday=1, site=SiteFactory(name="Pavillonen")
    )
    response = staff_client.get(organisation.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="da")
    body = response.content.decode()
    assert "Mette Demo" in body
    assert "Fremskudt sagsbehandling" in body
    assert "Pavillonen" in body
    assert "Hver tirsdag 10.00–12.00" in body


def test_a_missing_partner_is_a_404(staff_client):
    assert staff_client.get(reverse("partners:organisation", args=[999])).status_code == 404


def test_where_can_i_send_someone_for(staff_client):
    dental = ServiceFactory(key="dental-care", name_da="Social tandpleje")
    OrganisationFactory(name="Den sociale tandpleje", services=[dental])
    visiting = OrganisationFactory(name="Tandbussen")  # no listed service, but holds sessions
    OutreachSessionFactory(
        organisation=visiting,
        service=dental,
        weekday=None,
        date=datetime.date.today() + datetime.timedelta(days=3),
        site=SiteFactory(name="Pavillonen"),
    )
    OrganisationFactory(name="Jobcenteret")
    response = staff_client.get(reverse("partners:find"), {"service": "dental-care"})
    assert response.status_code == 200
    assert [o.name for o in response.context["organisations"]] == [
        "Den sociale tandpleje",
        "Tandbussen",
    ]
    assert len(response.context["upcoming"]) == 1
    assert "Pavillonen" in response.content.decode()


def test_the_find_page_lists_services_and_survives_nonsense(staff_client):
    ServiceFactory(name_da="Gældsrådgivning")
    response = staff_client.get(reverse("partners:find"))
    assert "Gældsrådgivning" in response.content.decode()
    response = staff_client.get(reverse("partners:find"), {"service": "nope"})
    assert response.status_code == 200
    assert response.context["service"] is None


def test_service_names_follow_the_language(staff_client):
    ServiceFactory(key="debt", name_da="Gældsrådgivning", name_en="Debt counselling")
    url = reverse("partners:find")
    assert "Debt counselling" in staff_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Gældsrådgivning" in staff_client.get(url, HTTP_ACCEPT_LANGUAGE="da").content.decode()


def test_the_directory_is_in_the_menu_for_staff_not_volunteers(staff_client, volunteer_client):
    url = reverse("partners:directory")
    assert f'href="{url}"' in staff_client.get(reverse("core:dashboard")).content.decode()
    assert f'href="{url}"' not in volunteer_client.get(reverse("core:dashboard")).content.decode()


def test_the_dashboard_shows_todays_partner_sessions_to_staff(staff_client, volunteer_client):
    from django.utils import timezone

    today = timezone.localdate()
    OutreachSessionFactory(
        organisation=OrganisationFactory(name="Gadesygeplejersken"), weekday=today.weekday()
    )
    body = staff_client.get(reverse("core:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Partner sessions today" in body
    assert "Gadesygeplejersken" in body
    body = volunteer_client.get(reverse("core:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Partner sessions today" not in body.content.decode()


def test_the_organisation_count_is_right(staff_client):
    OrganisationFactory.create_batch(3)
    response = staff_client.get(reverse("partners:directory"))
    assert response.context["paginator"].count == Organisation.objects.count() == 3
