"""Every output that reads the tallies passes core.disclosure, unless it is operational.

Walks every URL the access matrix classifies (tests/*/access.py), as every role that may use
it, with tallies in the database, and every management command. A page, file or command that
reads the tally tables without calling `core.disclosure.disclose` fails, unless it is one of
the operational views for those who log tallies (docs/privacy.md, decisions: Disclosure 1, 5).
"""

import datetime
import re

import pytest
from django.core.management import call_command, get_commands
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import core.disclosure
from tests.sites.factories import SiteFactory
from tests.trust.urlwalk import LazyUsers, collected_access
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from visits.models import VISITS_CODE, CategoryGroup

# The tallies, and the feedback box's answers (counts of anonymous answers, published the same way).
TALLY_TABLES = re.compile(
    r'"(visits_(dailycount|monthlycount|tallyevent)|feedback_(feedbackentry|feedbacktopic))"'
)

# The exact operational views: for those who log and correct tallies, and nobody else.
OPERATIONAL = {
    "visits:entry",
    "visits:tap",
    "visits:corrections",
    "visits:figures",
    # The figures page's own download, for those who log tallies (decisions Visits 15).
    "visits:figures_csv",
    "visits:figures_xlsx",
    "visits:api_counts",
    "visits:api_events",
    "core:dashboard",  # the "visits today" panel, shown to those who log tallies only
}
LOGGERS = {"staff", "coordinator", "superuser"}

# Commands that publish tally figures, with the arguments of a run.
EXPORT_COMMANDS = {
    "export_usb_report": lambda tmp: [
        "--from",
        "2025-01-01",
        "--to",
        "2025-03-31",
        "--format",
        "csv",
        "--output",
        str(tmp / "usb.csv"),
    ],
}
# The project's other commands publish nothing with tally figures.
NOT_OUTPUTS = {
    "backup_db": "a database backup, kept inside the building (docs/operations.md)",
    "restore_db": "restores a backup",
    "load_demo_data": "writes demo data",
    "load_reference_data": "writes reference data",
    "anonymise_volunteers": "volunteers' personal data, no tallies",
    "forget_tally_details": "removes the tallies' event details, publishes nothing",
    "send_shift_reminders": "e-mails volunteers their shifts, no tallies",
    "send_outbox": "e-mails volunteers their queued messages, no tallies",
    "reset_two_factor": "removes a user's second factor, no tallies",
}
PROJECT_APPS = (
    "core",
    "sites",
    "visits",
    "volunteers",
    "partners",
    "planning",
    "reports",
    "feedback",
)

ACCESS = [entry for entry in collected_access() if entry.method == "get"]


@pytest.fixture
def tallies(db):
    site = SiteFactory(slug="disclosure-site")
    visits = TallyCategoryFactory(code=VISITS_CODE, group=CategoryGroup.VISITORS)
    naloxone = TallyCategoryFactory(code="naloxone", group=CategoryGroup.HARM_REDUCTION)
    for day in (datetime.date(2025, 1, 6), datetime.date(2025, 2, 3)):
        DailyCountFactory(site=site, category=visits, date=day, count=12)
        DailyCountFactory(site=site, category=naloxone, date=day, count=2)
    return site


@pytest.fixture
def disclosures(monkeypatch):
    calls: list = []
    original = core.disclosure.Disclosed.__init__

    def spy(self, *args, **kwargs):
        calls.append(args)
        original(self, *args, **kwargs)

    monkeypatch.setattr(core.disclosure.Disclosed, "__init__", spy)
    return calls


CASES = [
    pytest.param(entry, role, id=f"{entry.url_name}-{role}")
    for entry in ACCESS
    for role, expected in entry.expect.items()
    if expected == "ok"
]


@pytest.mark.django_db
@pytest.mark.lenient_templates
@pytest.mark.parametrize(("entry", "role"), CASES)
def test_no_page_or_file_reads_the_tallies_around_disclosure(entry, role, tallies, disclosures):
    users = LazyUsers()
    kwargs = entry.kwargs(users) if entry.kwargs else {}
    url = reverse(entry.url_name, kwargs=kwargs)
    if entry.query:
        url = f"{url}?{entry.query}"
    client = Client()
    if users[role] is not None:
        client.force_login(users[role])
    for name, value in (entry.cookies(users) if entry.cookies else {}).items():
        client.cookies[name] = value
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data=entry.data)
    assert response.status_code < 500
    reads = any(TALLY_TABLES.search(q["sql"]) for q in queries.captured_queries)
    if not reads or disclosures:
        return
    assert entry.url_name in OPERATIONAL and role in LOGGERS, (
        f"{url} as {role} reads the tallies without core.disclosure: publish them through it, "
        "or (for an exact view for those who log tallies) list it in OPERATIONAL"
    )


def test_the_walk_reaches_the_report_and_its_files():
    names = {entry.url_name for entry in ACCESS}
    assert {"reports:usb", "reports:usb_download"} <= names
    assert any(
        entry.url_name == "reports:usb_download" and entry.expect["manager"] == "ok"
        for entry in ACCESS
    )


def _project_commands() -> set[str]:
    return {name for name, app in get_commands().items() if app in PROJECT_APPS}


def test_every_command_is_classified():
    unknown = _project_commands() - set(EXPORT_COMMANDS) - set(NOT_OUTPUTS)
    assert not unknown, (
        f"Classify these commands in {__name__}: EXPORT_COMMANDS (they must pass "
        f"core.disclosure) or NOT_OUTPUTS (with why): {sorted(unknown)}"
    )
    assert set(EXPORT_COMMANDS) <= _project_commands()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPORT_COMMANDS))
def test_every_export_command_passes_disclosure(name, tallies, disclosures, tmp_path):
    call_command(name, *EXPORT_COMMANDS[name](tmp_path))
    assert disclosures, f"{name} published tally figures without core.disclosure"
