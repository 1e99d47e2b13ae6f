"""Keep the active language as it was: requests in these tests must not leak Danish."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _restore_language():
    language = translation.get_language()
    yield
    translation.activate(language)
