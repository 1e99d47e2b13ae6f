import pytest

from tests.perf.helpers import Quiet, fill_small


@pytest.fixture
def small_data(db):
    """The reference data and the benchmark's generator at a small scale."""
    from django.core.management import call_command

    call_command("load_reference_data", stdout=Quiet())
    fill_small()
