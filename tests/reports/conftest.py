"""Report tests read Danish figures (month names, decimal commas): start each in Danish,
whatever language an earlier test left active, and restore it afterwards."""

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _danish():
    with translation.override(settings.LANGUAGE_CODE):
        yield
