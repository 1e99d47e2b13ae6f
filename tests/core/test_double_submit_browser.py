"""The courtesy on top of the one-time token (static/js/app.js): a form being sent ignores a
second submit, and its button says it waits."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_second_submit_while_sending_is_ignored(page, log_in, superuser):
    from volunteers.models import TrainingTopic

    log_in(superuser)
    page.goto("/volunteers/topics/new/")
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))
    page.get_by_label("Navn").fill("Førstehjælp")
    page.get_by_label("Kode").fill("forstehjaelp")

    # Two submits in one go, as a double tap: the second is cancelled, the button waits.
    seen = page.evaluate(
        """() => {
            const form = document.querySelector("main form[method=post]");
            const cancelled = [];
            document.addEventListener("submit", (event) => cancelled.push(event.defaultPrevented));
            form.requestSubmit();
            form.requestSubmit();
            const button = form.querySelector("button[type=submit]");
            return {cancelled, waits: button.getAttribute("aria-disabled")};
        }"""
    )
    assert seen == {"cancelled": [False, True], "waits": "true"}

    expect(page.locator(".alert-success")).to_be_visible()
    assert len(posts) == 1, posts
    assert TrainingTopic.objects.filter(code="forstehjaelp").count() == 1
