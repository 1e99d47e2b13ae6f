"""Edits of important objects, made through the real pages, land in the audit history.

Each case opens an app's edit page as a coordinator, changes one field in the form the page
shows, submits it, and looks for the AuditEntry of that object with that field's change.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from core.models import AuditEntry
from tests.dom import parse
from tests.trust.htmlforms import Field, post_forms

pytestmark = pytest.mark.django_db


def another_option(field: Field) -> str:
    return next(o for o in field.options if o and o != field.value)


@dataclass
class Edit:
    url_name: str
    make: Callable[[], object]  # builds the object; returns it
    kwargs: Callable[[object], dict]
    field: str
    value: str | Callable[[Field], str]


def _site():
    from tests.sites.factories import SiteFactory

    return SiteFactory()


def _hours():
    from tests.sites.factories import WeeklyHoursFactory

    return WeeklyHoursFactory()


def _closure():
    from tests.sites.factories import ClosureFactory

    return ClosureFactory()


def _organisation():
    from tests.partners.factories import OrganisationFactory

    return OrganisationFactory()


def _contact():
    from tests.partners.factories import ContactFactory

    return ContactFactory()


def _task():
    from tests.planning.factories import TaskFactory

    return TaskFactory()


BY_PK = lambda obj: {"pk": obj.pk}  # noqa: E731

EDITS = [
    Edit("sites:site_update", _site, lambda s: {"slug": s.slug}, "name", "Pavillonen (ny)"),
    Edit("sites:hours_update", _hours, BY_PK, "note", "Fra nu af med suppe"),
    Edit("sites:closure_update", _closure, BY_PK, "reason", "Vandskade"),
    Edit("partners:organisation_update", _organisation, BY_PK, "name", "Ny forening"),
    Edit("partners:contact_update", _contact, BY_PK, "job_title", "Gadeplansmedarbejder"),
    Edit("planning:task_edit", _task, BY_PK, "title", "Ny opgavetitel"),
    Edit("planning:task_quick", _task, BY_PK, "status", another_option),
]


@pytest.mark.parametrize("edit", EDITS, ids=[e.url_name for e in EDITS])
def test_an_edit_through_the_page_is_in_the_audit_history(edit, coordinator_client):
    obj = edit.make()
    url = reverse(edit.url_name, kwargs=edit.kwargs(obj))
    page = coordinator_client.get(url)
    assert page.status_code == 200
    (form,) = [f for f in post_forms(page.content.decode(), url) if edit.field in f.named()]
    data = form.data()
    field = form.named()[edit.field]
    data[edit.field] = edit.value(field) if callable(edit.value) else edit.value

    response = coordinator_client.post(form.action, data)

    assert response.status_code in (200, 302, 303), response.status_code
    entry = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        action="update",
    ).first()
    assert entry is not None, f"{edit.url_name}: no audit entry (form errors?)"
    assert entry.actor.username == "bob"
    assert edit.field in entry.changes
    old, new = entry.changes[edit.field]
    assert old != new


def test_the_audit_history_page_shows_the_edit(coordinator_client):
    site = _site()
    url = reverse("sites:site_update", kwargs={"slug": site.slug})
    (form,) = post_forms(coordinator_client.get(url).content.decode(), url)
    data = form.data() | {"name": "Værestedet ved havnen"}
    coordinator_client.post(form.action, data)
    history = coordinator_client.get(reverse("core:audit")).content.decode()
    assert "Værestedet ved havnen" in history


def test_the_history_names_fields_by_their_danish_labels_and_translates_notes(
    coordinator_client, db
):
    """/audit/ showed `start_quarter`, `template`, "Timeline as PDF" in the Danish interface
    (issue 19.6): field names become the model's labels, kept notes are translated."""
    from core import audit
    from tests.planning.factories import TaskFactory

    task = TaskFactory()
    audit.record(
        actor=None,
        instance=task,
        action="update",
        changes={"start_quarter": ["2021-Q2", "2021-Q3"], "no_such_field": [1, 2]},
        note="Timeline as PDF",
    )
    page = coordinator_client.get("/audit/").content.decode()
    row = page.split("2021-Q3")[0].rsplit("<tr>", 1)[1]
    assert "start_quarter" not in row
    assert "Startkvartal" in row
    assert "no_such_field" in page  # a field the model no longer has keeps its name
    assert "Tidsplan som PDF" in page and "Timeline as PDF" not in page


def test_the_history_labels_changes_that_are_no_field_and_translates_every_note(
    coordinator_client, db
):
    """What issue 19.6 found left: `assigned` on a shift, `unavailable` on a volunteer,
    `progress_note` on a task, and the notes "cancelled", "reinstated" and the like."""
    from core import audit
    from tests.planning.factories import TaskFactory
    from tests.volunteers.factories import ShiftFactory, VolunteerFactory
    from volunteers import services

    shift = ShiftFactory()
    audit.record(actor=None, instance=shift, action="update", changes={"assigned": [None, "x"]})
    audit.record(
        actor=None, instance=TaskFactory(), action="update", changes={"progress_note": ["", "y"]}
    )
    services.cancel_shift(shift=shift, reason="Storm", actor=None)
    services.reinstate_shift(shift=shift, actor=None)
    volunteer = VolunteerFactory()
    day = datetime.date(2031, 1, 6)
    period = services.add_unavailability(volunteer=volunteer, starts_on=day, ends_on=day)
    services.remove_unavailability(period=period)
    doc = parse(coordinator_client.get("/audit/", HTTP_ACCEPT_LANGUAGE="da").content)
    rows = [row.cells() for row in doc.select("main tbody tr")]
    changes = [cell[4].text for cell in rows]
    notes = {cell[5].text for cell in rows}
    assert "Sat på vagt: — → x" in changes
    assert "Statusnote: — → y" in changes
    assert any(change.startswith("Ikke til rådighed: — →") for change in changes)
    assert not any(raw in " ".join(changes) for raw in ("assigned", "progress_note", "unavailable"))
    assert {
        "aflyst",
        "genoptaget",
        "periode uden vagter tilføjet",
        "periode uden vagter fjernet",
    } <= notes
