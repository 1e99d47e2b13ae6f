import pytest

from tests.sites.factories import SiteFactory
from tests.visits.factories import TallyCategoryFactory


@pytest.fixture
def site(db):
    return SiteFactory(slug="pavillonen", name="Pavillonen")


@pytest.fixture
def breakfast(db):
    return TallyCategoryFactory(code="breakfast", name_da="Morgenmad", name_en="Breakfast")


@pytest.fixture
def visits(db):
    from visits.models import CategoryGroup

    return TallyCategoryFactory(
        code="visits",
        name_da="Besøg i alt",
        name_en="Visits in total",
        group=CategoryGroup.VISITORS,
    )


@pytest.fixture(autouse=True)
def _leave_the_language_as_found():
    """A request with Accept-Language switches the thread's language; don't leak it."""
    from django.utils import translation

    language = translation.get_language()
    yield
    translation.activate(language)
