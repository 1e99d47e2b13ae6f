"""Factories for sites."""

import factory

from sites.models import Site


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testsite {n}")
    slug = factory.Sequence(lambda n: f"testsite-{n}")
    kind = Site.Kind.PAVILION
    town = "Korsør"
