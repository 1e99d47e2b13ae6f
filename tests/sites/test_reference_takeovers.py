"""Reference facts the seeds do not state are marked to be confirmed (issue 18): the
takeover dates; the pavilion's areas in the seeds' words."""

import datetime
import io

import pytest
from django.core.management import call_command

from sites.models import Site, SiteOperation

pytestmark = pytest.mark.django_db


def test_every_takeover_date_is_to_be_confirmed_and_the_pavilion_keeps_the_seeds_words():
    call_command("load_reference_data", stdout=io.StringIO())
    operations = SiteOperation.objects.select_related("site", "operator")
    assert operations.count() == 7
    assert all(o.to_be_confirmed for o in operations)
    takeover = operations.get(site__slug="pavillon-korsoer")
    assert takeover.starts_on == datetime.date(2021, 7, 1)
    assert takeover.operator.name == "Rusmiddelcenter Slagelse"
    pavilion = Site.objects.get(slug="pavillon-korsoer")
    # Korsør Syd, Halsskov and Lilleø are areas the pavilion is reached from (seed 000/001).
    assert "tilgængelig for såvel de udsatte borgere i Korsør Syd som på Halsskov og på Lilleø" in (
        pavilion.description
    )
