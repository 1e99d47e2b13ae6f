"""The reference data: the 2021 plan and the strategic targets, loaded safely twice."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from planning import selectors
from planning.models import Plan, ReportingPeriod, StrategicTarget, SubGoalStatus, Task
from planning.quarters import Quarter
from planning.schedule import dependency_breaks
from tests.dom import parse


def load():
    call_command("load_reference_data", stdout=io.StringIO())


@pytest.mark.django_db
def test_it_loads_the_2021_plan_with_its_columns_and_workstreams():
    load()
    plan = Plan.objects.get()
    assert plan.dated == datetime.date(2021, 5, 25)
    assert [q.label for q in plan.columns][-2:] == ["Q1 2023", "Q1 2024"]
    assert [w.name for w in plan.workstreams.all()] == ["Korsør", "Skælskør"]
    assert Task.objects.filter(workstream__name="Korsør").count() == 10
    assert Task.objects.filter(workstream__name="Skælskør").count() == 6
    assert not Task.objects.filter(quarters_inferred=False).exists()


@pytest.mark.django_db
def test_the_dates_in_the_text_become_milestones():
    load()
    korsor = Task.objects.get(reference_key="korsor-permanent-start")
    assert korsor.milestone_date == datetime.date(2022, 1, 1)
    assert korsor.start_quarter == Quarter(2022, 1)
    assert korsor.depends_on.count() == 2
    temporary = Task.objects.get(reference_key="korsor-temporary-offer")
    assert temporary.start_quarter <= Quarter(2021, 3) <= temporary.end_quarter  # 1 July 2021
    skaelskor = Task.objects.get(reference_key="skaelskor-start")
    assert skaelskor.start_quarter == Quarter(2022, 3)  # Korshær runs it until mid-2022


@pytest.mark.django_db
def test_every_task_is_inside_the_plan_and_breaks_no_dependency():
    load()
    plan = Plan.objects.get()
    tasks = list(Task.objects.prefetch_related("depends_on"))
    for task in tasks:
        task.full_clean()
        assert task.start_quarter in plan.columns and task.end_quarter in plan.columns
    spans = {t.pk: (t.start_quarter, t.end_quarter) for t in tasks}
    edges = [(t.pk, d.pk) for t in tasks for d in t.depends_on.all()]
    assert dependency_breaks(spans, edges) == {}


@pytest.mark.django_db
def test_it_loads_the_strategic_targets():
    load()
    assert StrategicTarget.objects.count() == 5
    target = StrategicTarget.objects.get(title="Udsathed og Hjemløshed")
    assert [g.number for g in target.sub_goals.all()] == [1, 2, 3, 4]
    status = SubGoalStatus.objects.get(sub_goal__target=target, sub_goal__number=2)
    assert status.committee_follow_up == "Området følges tæt af USB"
    assert ReportingPeriod.objects.get().title == "USB 2018-2021"


@pytest.mark.django_db
def test_running_it_again_duplicates_nothing_and_keeps_edits():
    load()
    task = Task.objects.get(reference_key="korsor-recruit-staff")
    task.title = "Rekruttering af personale (rettet)"
    task.end_quarter = Quarter(2022, 1)
    task.quarters_inferred = False
    task.save()
    task.depends_on.clear()
    status = SubGoalStatus.objects.first()
    status.status_text = "Rettet"
    status.save()
    counts = (Task.objects.count(), SubGoalStatus.objects.count(), Plan.objects.count())
    load()
    assert (Task.objects.count(), SubGoalStatus.objects.count(), Plan.objects.count()) == counts
    task.refresh_from_db()
    assert task.title == "Rekruttering af personale (rettet)"
    assert task.end_quarter == Quarter(2022, 1) and not task.quarters_inferred
    status.refresh_from_db()
    assert status.status_text == "Rettet"


@pytest.mark.django_db
def test_a_known_partner_organisation_becomes_the_responsible():
    from tests.partners.factories import OrganisationFactory

    rmc = OrganisationFactory(name="Rusmiddelcenter Slagelse")
    load()
    task = Task.objects.get(reference_key="korsor-recruit-staff")
    assert task.responsible_organisation == rmc and task.responsible_name == ""
    both = Task.objects.get(reference_key="korsor-recruit-volunteers")
    assert both.responsible_organisation is None
    assert both.responsible_name == "Rusmiddelcenter Slagelse og Frivilligcenter Slagelse"


@pytest.mark.django_db
def test_the_targets_descriptions_come_from_seed_002_and_an_edit_is_kept():
    load()
    targets = list(StrategicTarget.objects.all())
    assert len(targets) == 5
    assert {t.description for t in targets} == {
        "Pejlemærket bygger på værdierne i medborgerpolitikken."
    }
    edited = targets[0]
    edited.description = "Vores egen tekst."
    edited.save()
    load()
    edited.refresh_from_db()
    assert edited.description == "Vores egen tekst."


@pytest.mark.django_db
def test_the_plan_of_25_may_2021_is_frozen_as_the_first_baseline():
    load()
    plan = Plan.objects.get()
    baseline = plan.latest_baseline()
    assert baseline.label == "Tids- og handleplan 25.05.2021"
    assert timezone.localtime(baseline.frozen_at).date() == datetime.date(2021, 5, 25)
    entries = {e.task.reference_key: e for e in baseline.tasks.select_related("task")}
    assert len(entries) == 16
    korsor = entries["korsor-permanent-start"]
    assert korsor.milestone_date == datetime.date(2022, 1, 1)
    assert (korsor.start_quarter, korsor.end_quarter) == (Quarter(2022, 1), Quarter(2022, 1))
    skaelskor = entries["skaelskor-evaluation"]
    assert (skaelskor.start_quarter, skaelskor.end_quarter) == (Quarter(2024, 1), Quarter(2024, 1))
    # As loaded, nothing has slipped against it.
    assert all(row.slip == 0 for row in selectors.timeline(plan).rows)


@pytest.mark.django_db
def test_the_baseline_holds_the_plan_s_quarters_not_later_moves_and_is_made_once():
    load()
    plan = Plan.objects.get()
    plan.baselines.all().delete()
    moved = Task.objects.get(reference_key="korsor-find-location")
    Task.objects.filter(pk=moved.pk).update(end_quarter=Quarter(2022, 2))
    load()
    load()
    assert plan.baselines.count() == 1
    entry = plan.latest_baseline().tasks.get(task=moved)
    assert entry.end_quarter == Quarter(2021, 3)  # as the plan of 25 May 2021 has it
    row = selectors.timeline(plan, task=moved).rows[0]
    assert row.slip == 3


@pytest.mark.django_db
def test_facts_the_seeds_do_not_state_are_marked_to_be_confirmed(coordinator_client):
    load()
    tasks = list(Task.objects.prefetch_related("depends_on"))
    # The seeds name no responsible per task and no dependencies: the loader's are proposals.
    assert all(task.responsible_to_be_confirmed for task in tasks)
    assert {t.reference_key for t in tasks if t.dependencies_to_be_confirmed} == {
        t.reference_key for t in tasks if t.depends_on.all()
    }
    assert Task.objects.filter(dependencies_to_be_confirmed=True).count() == 6
    task = Task.objects.get(reference_key="korsor-permanent-start")
    page = parse(
        coordinator_client.get(reverse("planning:task_detail", args=[task.pk])).content.decode()
    )
    assert page.one(".vs-tbc-responsible").text == "Afventer bekræftelse"
    assert page.one(".vs-tbc-dependencies").text == "Afventer bekræftelse"
    timeline = parse(coordinator_client.get(reverse("planning:timeline")).content.decode())
    meta = timeline.one(f"#task-{task.pk} .vs-gantt-meta").text
    assert "Rusmiddelcenter Slagelse (afventer bekræftelse)" in meta
