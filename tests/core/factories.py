"""Factories for users with a role."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.roles import ensure_role_groups


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted is not None:
            ensure_role_groups()
            self.groups.add(Group.objects.get(name=extracted.value))
