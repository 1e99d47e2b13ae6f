"""Factories for feedback kiosks and answers."""

import uuid

import factory
from django.utils import timezone

from feedback.models import (
    FeedbackEntry,
    Kiosk,
    MeetingAction,
    Question,
    Survey,
    SurveyQuestion,
    VisitorMeeting,
    VisitorText,
)
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


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    text = factory.Sequence(lambda n: f"Spørgsmål {n}")
    kind = Question.Kind.SCALE


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Brugerundersøgelse {2024 + n}")
    starts = factory.LazyFunction(timezone.localdate)
    ends = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def with_question(self, create, extracted, **kwargs):
        if create and extracted is not False:
            SurveyQuestion.objects.create(survey=self, question=QuestionFactory())
            self.sites.add(SiteFactory())
