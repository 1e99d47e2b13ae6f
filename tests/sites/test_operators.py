"""Operators as records: who runs a site on a day, takeovers, the pages and the reference data."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import AuditEntry
from sites.models import Operator, SiteOperation
from sites.operations import (
    operator_on,
    operators_on,
    record_takeover,
    stretches,
    validate_operation,
)
from tests.dom import parse
from tests.perf.helpers import count_queries
from tests.sites.factories import OperatorFactory, SiteFactory, SiteOperationFactory
from tests.trust.htmlforms import post_forms

pytestmark = pytest.mark.django_db

D = datetime.date
TAKEOVER = D(2022, 7, 1)


@pytest.fixture
def takeover(db):
    """Skælskør: Korshær until 30 June 2022, Rusmiddelcenter from 1 July."""
    site = SiteFactory(slug="skaelskoer-test", name="Skælskør")
    korshaer = OperatorFactory(slug="korshaer", name="Kirkens Korshær")
    rusmiddel = OperatorFactory(
        slug="rusmiddel", name="Rusmiddelcenter", kind=Operator.Kind.MUNICIPALITY
    )
    SiteOperationFactory(site=site, operator=korshaer, ends_on=TAKEOVER - datetime.timedelta(1))
    SiteOperationFactory(site=site, operator=rusmiddel, starts_on=TAKEOVER)
    return site, korshaer, rusmiddel


def test_the_operator_on_a_day_follows_the_takeover(takeover):
    site, korshaer, rusmiddel = takeover
    assert operator_on(site, D(2020, 1, 1)) == korshaer
    assert operator_on(site, D(2022, 6, 30)) == korshaer
    assert operator_on(site, TAKEOVER) == rusmiddel
    assert operator_on(site.pk, D(2030, 1, 1)) == rusmiddel
    assert operator_on(SiteFactory(), TAKEOVER) is None


def test_operators_on_a_day_for_many_sites_in_one_query(takeover, django_assert_num_queries):
    site, korshaer, rusmiddel = takeover
    other = SiteOperationFactory(operator=korshaer).site
    nobody = SiteFactory()
    with django_assert_num_queries(1):
        found = operators_on([site, other, nobody], D(2022, 7, 2))
    assert found == {site.pk: rusmiddel, other.pk: korshaer}


def test_stretches_split_a_period_at_the_takeover_and_cover_every_day(takeover):
    site, korshaer, rusmiddel = takeover
    parts = stretches([site], D(2022, 1, 1), D(2022, 12, 31))[site.pk]
    assert [(p.operator, p.start, p.end) for p in parts] == [
        (korshaer, D(2022, 1, 1), D(2022, 6, 30)),
        (rusmiddel, D(2022, 7, 1), D(2022, 12, 31)),
    ]


def test_stretches_leave_days_without_an_operator_as_none():
    site = SiteFactory()
    operator = OperatorFactory()
    SiteOperationFactory(
        site=site, operator=operator, starts_on=D(2022, 3, 1), ends_on=D(2022, 3, 31)
    )
    parts = stretches([site.pk], D(2022, 2, 15), D(2022, 4, 10))[site.pk]
    assert [(p.operator, p.start, p.end) for p in parts] == [
        (None, D(2022, 2, 15), D(2022, 2, 28)),
        (operator, D(2022, 3, 1), D(2022, 3, 31)),
        (None, D(2022, 4, 1), D(2022, 4, 10)),
    ]


def test_an_overlapping_period_is_refused(takeover):
    site, korshaer, _ = takeover
    overlapping = SiteOperation(site=site, operator=korshaer, starts_on=D(2022, 6, 1))
    with pytest.raises(ValidationError, match="Kirkens Korshær|Rusmiddelcenter"):
        validate_operation(overlapping)
    validate_operation(SiteOperation(site=SiteFactory(), operator=korshaer))  # another site: fine


@pytest.mark.django_db
def test_a_period_cannot_end_before_it_starts():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        SiteOperationFactory(starts_on=D(2022, 2, 1), ends_on=D(2022, 1, 1))


def test_a_takeover_ends_the_running_operation_the_day_before_and_is_audited(
    takeover, coordinator_user
):
    site, _, rusmiddel = takeover
    newcomer = OperatorFactory(name="SAND", kind=Operator.Kind.USER_ORGANISATION)
    record_takeover(site=site, operator=newcomer, on=D(2025, 1, 1), actor=coordinator_user)
    assert operator_on(site, D(2024, 12, 31)) == rusmiddel
    assert operator_on(site, D(2025, 1, 1)) == newcomer
    assert SiteOperation.objects.get(site=site, operator=rusmiddel).ends_on == D(2024, 12, 31)
    assert AuditEntry.objects.filter(actor=coordinator_user, action="create").exists()


def test_a_takeover_before_the_running_operation_began_is_refused(takeover, coordinator_user):
    site, _, _ = takeover
    before = SiteOperation.objects.count()
    with pytest.raises(ValidationError):
        record_takeover(site=site, operator=OperatorFactory(), on=TAKEOVER, actor=coordinator_user)
    assert SiteOperation.objects.count() == before


def test_the_site_page_shows_who_ran_it_when(takeover, staff_client):
    site, korshaer, rusmiddel = takeover
    doc = parse(staff_client.get(site.get_absolute_url()).content)
    table = doc.table("Hvem driver stedet")
    assert table.row("Kirkens Korshær")[1:3] == ["…", "30. juni 2022"]
    assert table.row("Rusmiddelcenter")[1:3] == ["1. juli 2022", "…"]


def test_the_operator_pages_list_operators_and_their_sites_over_time(takeover, staff_client):
    site, korshaer, _ = takeover
    doc = parse(staff_client.get("/sites/operators/").content)
    assert doc.table("Driftsherrer").row("Kirkens Korshær")[2] == "–"  # it runs nothing today
    doc = parse(staff_client.get(korshaer.get_absolute_url()).content)
    assert doc.table("Steder over tid").row("Skælskør")[2] == "30. juni 2022"


def test_the_operator_list_queries_do_not_grow_with_operators(staff_client):
    SiteOperationFactory()
    small = count_queries(staff_client, "/sites/operators/")
    for _ in range(5):
        SiteOperationFactory()
    assert count_queries(staff_client, "/sites/operators/") <= small


@pytest.mark.django_db
def test_reference_data_records_the_skaelskoer_takeover_to_be_confirmed():
    call_command("load_reference_data", stdout=io.StringIO())
    call_command("load_reference_data", stdout=io.StringIO())  # idempotent
    korshaer = Operator.objects.get(slug="kirkens-korshaer")
    rusmiddel = Operator.objects.get(slug="rusmiddelcenter-slagelse")
    assert korshaer.kind == Operator.Kind.CHARITY
    assert rusmiddel.kind == Operator.Kind.MUNICIPALITY
    skaelskoer = SiteOperation.objects.filter(site__slug="skaelskoer")
    assert skaelskoer.count() == 2
    assert operator_on(skaelskoer[0].site, D(2022, 6, 30)) == korshaer
    assert operator_on(skaelskoer[0].site, D(2022, 7, 1)) == rusmiddel
    assert all(o.to_be_confirmed for o in skaelskoer)
    assert operator_on(SiteOperation.objects.get(site__slug="korsoer").site, D(2023, 1, 1)) == (
        rusmiddel
    )


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_the_free_text_into_operators_and_periods():
    executor = MigrationExecutor(connection)
    before = [("sites", "0002_site_details_hours_closures")]
    after = [("sites", "0003_operators")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("sites", "Site")
    old.objects.create(
        name="Skælskør",
        slug="mig-skaelskoer",
        kind="permanent",
        town="Skælskør",
        in_use_from=D(2022, 7, 1),
        operator="Rusmiddelcenter Slagelse",
        operator_since=D(2022, 7, 1),
        previous_operator="Kirkens Korshær",
    )
    old.objects.create(
        name="Korsør", slug="mig-korsoer", kind="permanent", town="Korsør",
        operator="Rusmiddelcenter Slagelse",
    )  # fmt: skip
    old.objects.create(name="Nobody's", slug="mig-none", kind="other", town="X", operator="")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    operation = new.get_model("sites", "SiteOperation")
    rows = {
        (o.site.slug, o.operator.name, o.starts_on, o.ends_on)
        for o in operation.objects.select_related("site", "operator")
    }
    assert rows == {
        ("mig-skaelskoer", "Kirkens Korshær", None, D(2022, 6, 30)),
        ("mig-skaelskoer", "Rusmiddelcenter Slagelse", D(2022, 7, 1), None),
        ("mig-korsoer", "Rusmiddelcenter Slagelse", None, None),
    }
    operators = new.get_model("sites", "Operator").objects
    assert operators.count() == 2  # one record per name, shared by the sites
    assert operators.get(name="Rusmiddelcenter Slagelse").kind == "municipality"
    assert operators.get(name="Kirkens Korshær").kind == "charity"
    # Back again: the text is rebuilt from the periods.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("sites", "Site")
    skaelskoer = old.objects.get(slug="mig-skaelskoer")
    assert (skaelskoer.operator, skaelskoer.operator_since, skaelskoer.previous_operator) == (
        "Rusmiddelcenter Slagelse",
        D(2022, 7, 1),
        "Kirkens Korshær",
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _loaded_form(client, url: str) -> dict:
    """The page's edit form as loaded (with its version), as a browser would submit it."""
    (form,) = post_forms(client.get(url).content.decode(), url)
    return form.data()


def test_a_coordinator_adds_and_edits_an_operator(coordinator_client):
    response = coordinator_client.post(
        "/sites/operators/new/",
        {"name": "SAND", "slug": "sand", "kind": "user_organisation", "contact": "sand@example.dk"},
    )
    assert response.status_code == 302
    operator = Operator.objects.get(slug="sand")
    assert operator.kind == Operator.Kind.USER_ORGANISATION
    assert AuditEntry.objects.filter(object_id=str(operator.pk), action="create").exists()
    fields = _loaded_form(coordinator_client, "/sites/operators/sand/edit/")
    fields.update(name="SAND – De Hjemløses Landsorganisation", kind="user_organisation")
    fields["contact"] = "sand@example.dk"
    assert coordinator_client.post("/sites/operators/sand/edit/", fields).status_code == 302
    operator.refresh_from_db()
    assert operator.name.startswith("SAND –") and operator.slug == "sand"


def test_a_coordinator_records_a_takeover_on_the_site(takeover, coordinator_client):
    site, _, rusmiddel = takeover
    newcomer = OperatorFactory(name="KFUM Sociale Arbejde")
    response = coordinator_client.post(
        f"/sites/{site.slug}/takeover/",
        {"operator": newcomer.pk, "starts_on": "2026-01-01", "note": "Aftale 12/11"},
    )
    assert response.status_code == 302
    assert operator_on(site, D(2025, 12, 31)) == rusmiddel
    assert operator_on(site, D(2026, 1, 1)) == newcomer


def test_a_takeover_before_the_current_operator_began_is_a_form_error(takeover, coordinator_client):
    site, _, _ = takeover
    response = coordinator_client.post(
        f"/sites/{site.slug}/takeover/",
        {"operator": OperatorFactory().pk, "starts_on": "2022-07-01"},
    )
    assert response.status_code == 200
    assert "Overtagelsen skal ligge efter" in parse(response.content).one("[role=alert]").text
    assert SiteOperation.objects.filter(site=site).count() == 2


def test_correcting_a_period_into_another_is_refused(takeover, coordinator_client):
    site, korshaer, _ = takeover
    operation = SiteOperation.objects.get(site=site, operator=korshaer)
    fields = _loaded_form(coordinator_client, f"/sites/operations/{operation.pk}/edit/")
    fields.update(operator=korshaer.pk, starts_on="", ends_on="2022-08-31")
    response = coordinator_client.post(f"/sites/operations/{operation.pk}/edit/", fields)
    assert response.status_code == 200
    operation.refresh_from_db()
    assert operation.ends_on == D(2022, 6, 30)
    fields.pop("to_be_confirmed", None)  # the agreed date, confirmed
    fields["ends_on"] = "2022-05-31"
    response = coordinator_client.post(f"/sites/operations/{operation.pk}/edit/", fields)
    assert response.status_code == 302
    operation.refresh_from_db()
    assert operation.ends_on == D(2022, 5, 31)
