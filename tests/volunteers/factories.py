"""Factories for volunteers, roles, training, shifts and assignments."""

import datetime

import factory
from django.utils import timezone

from tests.sites.factories import SiteFactory
from volunteers.models import (
    Shift,
    ShiftAssignment,
    ShiftNeed,
    ShiftTemplate,
    TemplateNeed,
    TrainingSession,
    TrainingTopic,
    Unavailability,
    Volunteer,
    VolunteerRole,
)


def at(days: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """An aware datetime `days` from today at a local wall-clock time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class TrainingTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingTopic
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Topic {n}")


class VolunteerRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerRole
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"role-{n}")
    name = factory.Sequence(lambda n: f"Role {n}")


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    first_name = factory.Sequence(lambda n: f"Vera{n}")
    last_name = "Test"
    email = factory.Sequence(lambda n: f"vera{n}@example.invalid")
    phone = "+45 11 22 33 44"
    status = Volunteer.Status.ACTIVE
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=100))

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.roles.set(extracted)


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession
        skip_postgeneration_save = True

    topic = factory.SubFactory(TrainingTopicFactory)
    held_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):
        if create and extracted:
            self.attendees.set(extracted)


class ShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shift
        skip_postgeneration_save = True

    site = factory.SubFactory(SiteFactory)
    starts = factory.LazyFunction(lambda: at(7, 9))
    ends = factory.LazyAttribute(lambda s: s.starts + datetime.timedelta(hours=4))

    @factory.post_generation
    def needs(self, create, extracted, **kwargs):
        """needs={role: count}"""
        if create and extracted:
            for role, count in extracted.items():
                ShiftNeed.objects.create(shift=self, role=role, count=count)


class ShiftAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShiftAssignment

    shift = factory.SubFactory(ShiftFactory)
    volunteer = factory.SubFactory(VolunteerFactory)
    role = factory.SubFactory(VolunteerRoleFactory)


class ShiftTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShiftTemplate
        skip_postgeneration_save = True

    site = factory.SubFactory(SiteFactory)
    weekday = ShiftTemplate.Weekday.TUESDAY
    start_time = datetime.time(9)
    end_time = datetime.time(13)

    @factory.post_generation
    def needs(self, create, extracted, **kwargs):
        if create and extracted:
            for role, count in extracted.items():
                TemplateNeed.objects.create(template=self, role=role, count=count)


class UnavailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unavailability

    volunteer = factory.SubFactory(VolunteerFactory)
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))
