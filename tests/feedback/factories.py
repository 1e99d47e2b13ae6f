"""Factories for feedback kiosks and answers."""

import uuid

import factory
from django.utils import timezone

from feedback.models import FeedbackEntry, Kiosk, VisitorText
from tests.sites.factories import SiteFactory


class KioskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kiosk

    site = factory.SubFactory(SiteFactory)
    name = factory.Sequence(lambda n: f"Tablet {n}")


class VisitorTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitorText

    site = factory.SubFactory(SiteFactory)
    date = factory.LazyFunction(timezone.localdate)
    body = "Maden var god, men kaffen var kold."


class FeedbackEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackEntry

    id = factory.LazyFunction(uuid.uuid4)
    site = factory.SubFactory(SiteFactory)
    date = factory.LazyFunction(timezone.localdate)
    mood = 4
