"""Access classification of the visits URLs."""

from django.utils import timezone

from tests.access import COORDINATORS, TALLIES, Access, expect
from tests.sites.factories import SiteFactory
from tests.visits.factories import TallyCategoryFactory

# The API answers with 401/403 JSON, never a redirect to the login page. Who may call it
# is checked before the method, so a GET on the events API tells who got past the check.
API_GET = expect(
    anonymous="denied",
    volunteer="denied",
    manager="denied",
    staff="method_not_allowed",
    coordinator="method_not_allowed",
    superuser="method_not_allowed",
)
API = expect(anonymous="denied", volunteer="denied", manager="denied", staff="ok", coordinator="ok")


def _a_site(users) -> dict:
    SiteFactory(slug="access-site")
    return {}


def _a_category(users) -> dict:
    return {"pk": TallyCategoryFactory(code="access-category").pk}


ACCESS = [
    Access("visits:entry", TALLIES),
    # An empty post is answered with a message and a redirect back to the entry page.
    Access("visits:tap", TALLIES, method="post"),
    Access("visits:corrections", TALLIES),
    Access("visits:figures", TALLIES),
    Access("visits:figures_csv", TALLIES),
    Access("visits:figures_xlsx", TALLIES),
    Access("visits:api_events", API_GET),
    Access(
        "visits:api_counts",
        API,
        kwargs=_a_site,
        query=f"site=access-site&date={timezone.localdate().isoformat()}",
    ),
    Access("visits:categories", COORDINATORS),
    Access("visits:category_create", COORDINATORS),
    Access("visits:category_edit", COORDINATORS, kwargs=_a_category),
]
