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


def test_the_2021_plan_fits_about_one_screen_at_1280_px(
    new_context, log_in, coordinator_user, reference
):
    """Issue 19 item 16: the timeline took 4,250 px at 1280 px for 16 tasks, with a narrow
    title column, stacked badges and a squeezed quarter grid (decisions Planning 17)."""
    for task in Task.objects.all():  # the overdue chip on every row, as on the demo site
        assert task.is_overdue
    sizes = {}
    for width in (1280, 768, 390):
        context = new_context(viewport={"width": width, "height": 900})
        log_in(coordinator_user, context=context)
        tab = context.new_page()
        tab.goto("/planning/")
        sizes[width] = tab.evaluate(
            """() => ({
              height: document.documentElement.scrollHeight,
              sideways: document.documentElement.scrollWidth
                > document.documentElement.clientWidth,
              rows: [...document.querySelectorAll('tr.vs-gantt-row')].map(r => r.offsetHeight),
              title: document.querySelector('tbody .vs-gantt-task').offsetWidth,
              grid: document.querySelector('tbody .vs-gantt-cell').offsetWidth,
              chips: [...document.querySelectorAll('.vs-chip')].map(c => c.offsetHeight),
            })"""
        )
        context.close()
    wide = sizes[1280]
    assert len(wide["rows"]) == 16
    assert wide["height"] < 3000, wide["height"]  # 4,180 px before
    assert max(wide["rows"]) <= 130, wide["rows"]  # 154-250 px before
    assert wide["title"] >= 350 and wide["grid"] >= 480, (wide["title"], wide["grid"])
    assert max(wide["chips"]) < 30  # one line each: no badge wraps onto three lines
    for width in (768, 390):
        assert not sizes[width]["sideways"], width  # the table scrolls in its own region
