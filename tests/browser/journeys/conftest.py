"""The four end-to-end journeys of issue 10, each with the mouse and with the keyboard alone."""

import pytest

from tests.browser.journeys.drivers import Keyboard, Mouse


@pytest.fixture(params=["mouse", "keyboard"])
def driver(request, page, log_in):
    if request.param == "mouse":
        return Mouse(page, log_in)
    return Keyboard(page)
