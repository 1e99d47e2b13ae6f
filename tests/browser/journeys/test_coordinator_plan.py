"""Journey 2: a coordinator moves a plan task a quarter later and sees it on the timeline."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from core.audit import history_for
from core.roles import Role
from planning.models import Task
from planning.quarters import Quarter
from planning.services import freeze_baseline
from tests.browser.journeys.drivers import follow_main_menu
from tests.core.factories import UserFactory

pytestmark = pytest.mark.browser

TITLE = "Rekruttering af fagpersonale"
NOTE = "Ingen kvalificerede ansøgere i første runde; stillingerne genopslås."


@pytest.fixture
def task(live_url):
    call_command("load_reference_data", stdout=io.StringIO())
    task = Task.objects.get(reference_key="korsor-recruit-staff")
    # The steering group agreed the plan's quarters: the baseline is frozen.
    freeze_baseline(plan=task.workstream.plan, actor=UserFactory(role=Role.COORDINATOR))
    return task


@pytest.fixture
def coordinator(live_url):
    return UserFactory(username="tove", first_name="Tove", last_name="Lund", role=Role.COORDINATOR)


def row_of(page, task):
    return page.locator(f"#task-{task.pk}")


def quarters_under(page, bar) -> list[str]:
    """The quarter headings a bar is drawn under, as the eye reads the timeline."""
    box = bar.bounding_box()
    headings = page.locator(".vs-gantt-head").first.locator("span")
    return [
        heading.inner_text()
        for heading in headings.all()
        if box["x"]
        <= (h := heading.bounding_box())["x"] + h["width"] / 2
        <= box["x"] + box["width"]
    ]


def test_a_coordinator_moves_a_task_a_quarter_later(driver, page, coordinator, task):
    assert (task.start_quarter, task.end_quarter) == (Quarter(2021, 3), Quarter(2021, 4))
    driver.start(coordinator)
    follow_main_menu(driver, page, "Handleplan")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tids- og handleplan")
    row = row_of(page, task)
    expect(row).to_contain_text("Planlagt Q3 2021 – Q4 2021.")
    assert quarters_under(page, row.locator(".vs-bar")) == ["Q3 2021", "Q4 2021"]

    driver.activate(row.get_by_role("link", name=f"Redigér {TITLE}"))
    form = row_of(page, task).locator("form")
    expect(form.get_by_role("group", name=f"Redigér “{TITLE}”")).to_be_visible()
    start = form.get_by_label("Startkvartal")
    expect(start).to_be_focused()  # the form's first field takes the focus after the swap
    driver.choose(start, "Q4 2021")
    driver.choose(form.get_by_label("Slutkvartal"), "Q1 2022")
    driver.type_into(form.get_by_label("Statusnote (valgfri)"), NOTE)
    driver.activate(form.get_by_role("button", name="Gem"))

    row = row_of(page, task)
    expect(row).to_contain_text("Planlagt Q4 2021 – Q1 2022.")
    expect(row).to_contain_text("Forskudt 1 kvartal")
    expect(row).to_contain_text("Basislinje Q3 2021 – Q4 2021.")
    # The form is gone; the focus is back on the row's edit link, not lost to the page.
    expect(row.get_by_role("link", name=f"Redigér {TITLE}")).to_be_focused()
    # The bar moved one column to the right; the grey baseline bar stayed where it was.
    assert quarters_under(page, row.locator(".vs-bar")) == ["Q4 2021", "Q1 2022"]
    assert quarters_under(page, row.locator(".vs-baseline")) == ["Q3 2021", "Q4 2021"]

    task.refresh_from_db()
    assert (task.start_quarter, task.end_quarter) == (Quarter(2021, 4), Quarter(2022, 1))
    assert task.notes.get().text == NOTE

    # The task's page lists the move in its history, with who made it.
    driver.go(row.get_by_role("link", name=TITLE, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    history = page.locator("table", has=page.get_by_role("columnheader", name="Hvem"))
    move = history.locator("tbody tr", has_text="Startkvartal")
    expect(move).to_contain_text("Tove Lund")
    expect(move).to_contain_text("Startkvartal: 2021-Q3 → 2021-Q4")
    expect(move).to_contain_text("Slutkvartal: 2021-Q4 → 2022-Q1")
    expect(history.locator("tbody tr", has_text="Statusnote")).to_contain_text(NOTE)
    moves = [entry for entry in history_for(task) if "start_quarter" in entry.changes]
    assert [(entry.actor, entry.changes["start_quarter"]) for entry in moves] == [
        (coordinator, ["2021-Q3", "2021-Q4"])
    ]
