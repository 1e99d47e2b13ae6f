"""The validation rules: bad input gets a clear message and nothing is saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from partners.models import Agreement, Organisation, OutreachSession
from tests.core.formwalk import post_edit
from tests.partners.factories import (
    AgreementFactory,
    OrganisationFactory,
    OutreachSessionFactory,
    ServiceFactory,
)
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> str:
    """The error's messages in English (they are lazy: translated when read)."""
    with translation.override("en"):
        return " ".join(str(m) for m in error.messages)


def session_data(session_or_none=None, **overrides) -> dict:
    data = {
        "service": "",
        "site": "",
        "weekday": "1",
        "date": "",
        "start_time": "10:00",
        "end_time": "12:00",
        "valid_from": "",
        "valid_until": "",
        "note": "",
    }
    data.update({k: str(v) for k, v in overrides.items()})
    return data


class TestSessions:
    def test_it_rejects_a_session_ending_before_it_starts(self, coordinator_client):
        organisation, service, site = OrganisationFactory(), ServiceFactory(), SiteFactory()
        response = coordinator_client.post(
            reverse("partners:session_create", args=[organisation.pk]),
            session_data(service=service.pk, site=site.pk, start_time="12:00", end_time="10:00"),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 200
        assert "A session must end after it starts." in response.content.decode()
        assert not OutreachSession.objects.exists()

    def test_it_rejects_a_session_ending_when_it_starts(self):
        session = OutreachSessionFactory.build(
            organisation=OrganisationFactory(),
            service=ServiceFactory(),
            site=SiteFactory(),
            start_time=datetime.time(10),
            end_time=datetime.time(10),
        )
        with pytest.raises(ValidationError) as error:
            session.full_clean()
        assert "must end after it starts" in messages(error.value)

    def test_the_database_refuses_a_session_ending_before_it_starts(self):
        session = OutreachSessionFactory()
        session.end_time = datetime.time(9)
        with pytest.raises(IntegrityError), transaction.atomic():
            session.save()

    def test_it_rejects_an_overlapping_weekly_session_of_the_same_service_at_the_same_site(
        self, coordinator_client
    ):
        existing = OutreachSessionFactory(weekday=1)  # Tuesdays 10-12
        other = OrganisationFactory()
        response = coordinator_client.post(
            reverse("partners:session_create", args=[other.pk]),
            session_data(
                service=existing.service.pk,
                site=existing.site.pk,
                weekday=1,
                start_time="11:30",
                end_time="13:00",
            ),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert "may not overlap" in body
        assert existing.organisation.name in body
        assert OutreachSession.objects.count() == 1

    def test_it_rejects_a_one_off_session_on_a_day_a_weekly_one_is_there(self):
        existing = OutreachSessionFactory(weekday=1)
        clash = OutreachSession(
            organisation=OrganisationFactory(),
            service=existing.service,
            site=existing.site,
            date=datetime.date(2026, 12, 1),  # a Tuesday
            start_time=datetime.time(9),
            end_time=datetime.time(10, 30),
        )
        with pytest.raises(ValidationError) as error:
            clash.full_clean()
        assert "may not overlap" in messages(error.value)

    @pytest.mark.parametrize(
        "changes",
        [
            {"weekday": 2},  # another day
            {"start_time": datetime.time(12), "end_time": datetime.time(14)},  # just after
            {"valid_from": datetime.date(2027, 1, 1)},  # after the other's period
        ],
        ids=["other-day", "back-to-back", "other-period"],
    )
    def test_it_accepts_sessions_that_do_not_overlap(self, changes):
        OutreachSessionFactory(weekday=1, valid_until=datetime.date(2026, 12, 31))
        existing = OutreachSession.objects.get()
        session = OutreachSession(
            organisation=OrganisationFactory(),
            service=existing.service,
            site=existing.site,
            weekday=1,
            start_time=datetime.time(10),
            end_time=datetime.time(12),
        )
        for name, value in changes.items():
            setattr(session, name, value)
        session.full_clean()

    def test_the_same_time_is_fine_for_another_service_or_another_site(self):
        existing = OutreachSessionFactory(weekday=1)
        for service, site in [(ServiceFactory(), existing.site), (existing.service, SiteFactory())]:
            OutreachSession(
                organisation=existing.organisation,
                service=service,
                site=site,
                weekday=1,
                start_time=existing.start_time,
                end_time=existing.end_time,
            ).full_clean()

    def test_editing_a_session_does_not_clash_with_itself(self, coordinator_client):
        session = OutreachSessionFactory(weekday=1)
        response = post_edit(
            coordinator_client,
            reverse("partners:session_update", args=[session.pk]),
            session_data(
                service=session.service.pk, site=session.site.pk, weekday=1, end_time="12:30"
            ),
        )
        assert response.status_code == 302
        session.refresh_from_db()
        assert session.end_time == datetime.time(12, 30)

    def test_it_needs_either_a_date_or_a_weekday(self, coordinator_client):
        organisation, service, site = OrganisationFactory(), ServiceFactory(), SiteFactory()
        url = reverse("partners:session_create", args=[organisation.pk])
        for weekday, date in [("", ""), ("1", "2026-12-01")]:
            response = coordinator_client.post(
                url,
                session_data(service=service.pk, site=site.pk, weekday=weekday, date=date),
                HTTP_ACCEPT_LANGUAGE="en",
            )
            assert response.status_code == 200
            assert "weekday" in response.content.decode()
        assert not OutreachSession.objects.exists()

    def test_the_service_rechecks_overlaps_under_the_lock(self, coordinator_user):
        """Two saves that both passed the form check: the second is refused."""
        from partners.forms import OutreachSessionForm
        from partners.services import save_session

        organisation, service, site = OrganisationFactory(), ServiceFactory(), SiteFactory()
        data = session_data(service=service.pk, site=site.pk)
        forms = [
            OutreachSessionForm(data, instance=OutreachSession(organisation=organisation))
            for _ in range(2)
        ]
        assert all(form.is_valid() for form in forms)
        save_session(form=forms[0], actor=coordinator_user)
        with pytest.raises(ValidationError):
            save_session(form=forms[1], actor=coordinator_user)
        assert OutreachSession.objects.count() == 1


class TestAgreements:
    def test_it_rejects_an_agreement_ending_before_it_begins(self, coordinator_client):
        organisation = OrganisationFactory()
        response = coordinator_client.post(
            reverse("partners:agreement_create", args=[organisation.pk]),
            {
                "title": "Aftale",
                "status": "agreed",
                "starts_on": "2022-01-01",
                "ends_on": "2021-12-31",
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 200
        assert "An agreement cannot end before it begins." in response.content.decode()
        assert not Agreement.objects.exists()

    def test_the_database_refuses_an_agreement_ending_before_it_begins(self):
        agreement = AgreementFactory(starts_on=datetime.date(2022, 1, 1))
        agreement.ends_on = datetime.date(2021, 1, 1)
        with pytest.raises(IntegrityError), transaction.atomic():
            agreement.save()

    def test_an_ended_agreement_needs_an_end_date(self):
        agreement = AgreementFactory.build(
            organisation=OrganisationFactory(), status=Agreement.Status.ENDED
        )
        with pytest.raises(ValidationError) as error:
            agreement.full_clean()
        assert "needs an end date" in messages(error.value)


class TestOrganisations:
    def test_an_organisation_cannot_be_part_of_its_own_part(self):
        toften = OrganisationFactory(name="Toften")
        nurse = OrganisationFactory(name="Gadesygeplejersken", parent=toften)
        toften.parent = nurse
        with pytest.raises(ValidationError) as error:
            toften.full_clean()
        assert "cannot be part of itself" in messages(error.value)

    def test_the_parent_choices_leave_out_the_organisation_itself(self):
        from partners.forms import OrganisationForm

        organisation = OrganisationFactory()
        form = OrganisationForm(instance=organisation)
        assert organisation not in form.fields["parent"].queryset

    def test_names_are_unique(self, coordinator_client):
        OrganisationFactory(name="SAND")
        response = coordinator_client.post(
            reverse("partners:organisation_create"), {"name": "SAND", "kind": "ngo"}
        )
        assert response.status_code == 200
        assert Organisation.objects.filter(name="SAND").count() == 1
