"""Factories for partner organisations, services, agreements and sessions."""

import datetime

import factory

from partners.models import Agreement, Contact, Organisation, OutreachSession, Service
from tests.sites.factories import SiteFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"service-{n}")
    name_da = factory.Sequence(lambda n: f"Tilbud {n}")
    name_en = factory.Sequence(lambda n: f"Service {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.NGO

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if create and extracted:
            self.services.set(extracted)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    job_title = "Sagsbehandler"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Samarbejdsaftale {n}")
    status = Agreement.Status.ACTIVE
    starts_on = datetime.date(2021, 7, 1)


class OutreachSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachSession

    organisation = factory.SubFactory(OrganisationFactory)
    service = factory.SubFactory(ServiceFactory)
    site = factory.SubFactory(SiteFactory)
    weekday = 1  # Tuesday
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 0)
