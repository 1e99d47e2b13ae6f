"""Factories for feedback kiosks and answers."""

import uuid

import factory
from django.utils import timezone

from feedback.models import FeedbackEntry, Kiosk, MeetingAction, VisitorMeeting, VisitorText
from tests.core.factories import UserFactory
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


class VisitorMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitorMeeting

    site = factory.SubFactory(SiteFactory)
    date = factory.LazyFunction(timezone.localdate)
    participants = 8
    topics = "Åbningstider i weekenden"
    wishes = "Åbent søndag formiddag"
    decisions = "Vi prøver søndag formiddag i januar"


class MeetingActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAction

    meeting = factory.SubFactory(VisitorMeetingFactory)
    description = "Spørg de frivillige om søndagsvagter"
    responsible = factory.SubFactory(UserFactory)
    due = factory.LazyFunction(timezone.localdate)
