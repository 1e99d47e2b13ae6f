"""The timeline in a real browser: in-place editing with htmx, and the no-JS fallback.

Its accessibility is audited with every other page in tests/trust/test_accessibility.py.
"""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from core.audit import history_for
from planning.models import Task
from planning.quarters import Quarter

pytestmark = pytest.mark.browser


@pytest.fixture
def reference(transactional_db):
    call_command("load_reference_data", stdout=io.StringIO())
    return Task.objects.get(reference_key="korsor-recruit-staff")


def test_a_coordinator_edits_a_task_in_place(page, log_in, coordinator_user, reference):
    log_in(coordinator_user)
    page.goto("/planning/")
    row = page.locator(f"#task-{reference.pk}")
    row.get_by_role("link", name="Redigér").click()
    form = page.locator(f"#task-{reference.pk} form")
    expect(form).to_be_visible()
    assert page.url.endswith("/planning/")  # no navigation: the row was swapped
    form.get_by_label("Slutkvartal").select_option("2022-Q2")
    form.get_by_label("Statusnote (valgfri)").fill("Ingen ansøgere i første runde")
    form.get_by_role("button", name="Gem").click()
    expect(page.locator(f"#task-{reference.pk}")).to_contain_text("Planlagt Q3 2021 – Q2 2022.")
    reference.refresh_from_db()
    assert reference.end_quarter == Quarter(2022, 2)
    assert reference.notes.get().text == "Ingen ansøgere i første runde"
    assert history_for(reference).filter(actor=coordinator_user).count() == 2


def test_an_invalid_in_place_edit_shows_the_error_in_the_row(
    page, log_in, coordinator_user, reference
):
    log_in(coordinator_user)
    page.goto("/planning/")
    page.locator(f"#task-{reference.pk}").get_by_role("link", name="Redigér").click()
    form = page.locator(f"#task-{reference.pk} form")
    form.get_by_label("Startkvartal").select_option("2022-Q4")
    form.get_by_role("button", name="Gem").click()
    expect(page.locator(f"#task-{reference.pk}")).to_contain_text(
        "Slutkvartalet kan ikke ligge før startkvartalet."
    )
    reference.refresh_from_db()
    assert reference.start_quarter == Quarter(2021, 3)


def test_without_javascript_the_edit_is_a_plain_form(
    new_context, log_in, coordinator_user, reference
):
    context = new_context(java_script_enabled=False)
    log_in(coordinator_user, context)
    page = context.new_page()
    page.goto("/planning/")
    page.locator(f"#task-{reference.pk}").get_by_role("link", name="Redigér").click()
    expect(page).to_have_url(re.compile(rf"/planning/tasks/{reference.pk}/quick/$"))
    page.locator("select[name=status]").select_option("in_progress")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator(f"#task-{reference.pk}")).to_contain_text("I gang")
    reference.refresh_from_db()
    assert reference.status == Task.Status.IN_PROGRESS
