"""Factories for tally categories and counts."""

import uuid

import factory
from django.utils import timezone

from tests.sites.factories import SiteFactory
from visits import counting
from visits.models import CategoryGroup, DailyCount, TallyCategory, TallyEvent


class TallyCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TallyCategory
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"category-{n}")
    name_da = factory.Sequence(lambda n: f"Kategori {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    group = CategoryGroup.MEALS
    order = factory.Sequence(lambda n: n)
    active = True


class DailyCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DailyCount

    site = factory.SubFactory(SiteFactory)
    date = factory.LazyFunction(timezone.localdate)
    category = factory.SubFactory(TallyCategoryFactory)
    count = 1

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """A daily count made directly is added to its month too, as the services do."""
        row = super()._create(model_class, *args, **kwargs)
        counting.add_to_monthly_counts({(row.site_id, row.date, row.category_id): row.count})
        return row


class TallyEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TallyEvent

    id = factory.LazyFunction(uuid.uuid4)
    site = factory.SubFactory(SiteFactory)
    date = factory.LazyFunction(timezone.localdate)
    category = factory.SubFactory(TallyCategoryFactory)
    delta = 1


def event(site, category, *, delta=1, day=None, event_id=None) -> dict:
    """One event as the API receives it."""
    return {
        "id": str(event_id or uuid.uuid4()),
        "site": site.slug,
        "date": (day or timezone.localdate()).isoformat(),
        "category": category.code,
        "delta": delta,
    }
