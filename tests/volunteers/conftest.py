import pytest


@pytest.fixture(autouse=True)
def _leave_the_language_as_found():
    """A request with Accept-Language switches the thread's language; don't leak it."""
    from django.utils import translation

    language = translation.get_language()
    yield
    translation.activate(language)
