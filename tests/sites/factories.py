"""Factories for sites, the bus, opening hours, closures and extra openings."""

import datetime

import factory

from sites.models import Bus, Closure, ExtraOpening, Operator, Site, SiteOperation, WeeklyHours


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testsite {n}")
    slug = factory.Sequence(lambda n: f"testsite-{n}")
    kind = Site.Kind.PAVILION
    town = "Korsør"


class OperatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Operator
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testoperator {n}")
    slug = factory.Sequence(lambda n: f"testoperator-{n}")
    kind = Operator.Kind.CHARITY


class SiteOperationFactory(factory.django.DjangoModelFactory):
    """Runs the site from the start, open-ended, unless told otherwise."""

    class Meta:
        model = SiteOperation

    site = factory.SubFactory(SiteFactory)
    operator = factory.SubFactory(OperatorFactory)
    starts_on = None
    ends_on = None


class BusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bus
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testbus {n}")
    slug = factory.Sequence(lambda n: f"testbus-{n}")


class BusStopFactory(SiteFactory):
    kind = Site.Kind.BUS_STOP
    bus = factory.SubFactory(BusFactory)


class WeeklyHoursFactory(factory.django.DjangoModelFactory):
    """Mondays 10:00-14:00 from 2020 on, unless told otherwise."""

    class Meta:
        model = WeeklyHours

    site = factory.SubFactory(SiteFactory)
    weekday = 0
    opens = datetime.time(10, 0)
    closes = datetime.time(14, 0)
    overnight = factory.LazyAttribute(lambda o: o.closes <= o.opens)
    valid_from = datetime.date(2020, 1, 1)


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    site = factory.SubFactory(SiteFactory)
    starts_on = datetime.date(2026, 1, 5)
    ends_on = factory.SelfAttribute("starts_on")
    reason = "Renovation"


class ExtraOpeningFactory(factory.django.DjangoModelFactory):
    """Give `starts` and `ends` as aware datetimes."""

    class Meta:
        model = ExtraOpening

    site = factory.SubFactory(SiteFactory)
    reason = "Frost night"
