"""Factories and helpers for report tests."""

import datetime
from decimal import Decimal

import factory

from core.disclosure import protect
from reports.models import IndicatorValue, TargetIndicator
from reports.periods import Period
from reports.report import Chart, Column, Fact, Report, Section, SiteRef, Table
from tests.planning.factories import ReportingPeriodFactory, StrategicTargetFactory


class TargetIndicatorFactory(factory.django.DjangoModelFactory):
    """An indicator measured by hand each period (the kind whose values have a page)."""

    class Meta:
        model = TargetIndicator

    target = factory.SubFactory(StrategicTargetFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    definition = "Borgere i egen bolig efter et år, som partnerne melder dem."
    kind = TargetIndicator.Kind.MANUAL


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(TargetIndicatorFactory)
    period = factory.SubFactory(ReportingPeriodFactory)
    value = Decimal("12.00")


def sample_report() -> Report:
    """A report made by hand, to test the formats apart from the figures."""
    period = Period.year(2025)
    return Report(
        period=period,
        year_earlier=period.year_earlier(),
        sites=[SiteRef(id=1, slug="pavillonen", name="Pavillonen")],
        generated_at=datetime.datetime(2026, 1, 2, 9, 30, tzinfo=datetime.UTC),
        threshold=5,
        sections=[
            Section(
                key="sample",
                title="Besøg",
                facts=[Fact("Besøg i alt", 4321), Fact("Pr. åbningstime", 12.5)],
                tables=[
                    Table(
                        key="per_month",
                        title="Besøg pr. måned",
                        columns=[
                            Column("Sted", numeric=False),
                            Column("Besøg"),
                            Column("Ændring %"),
                        ],
                        rows=[["Pavillonen", 1234, 7.5], ['=HYPERLINK("x")', 55, None]],
                        total=["I alt", 1289, None],
                    ),
                    Table(
                        key="per_day",
                        title="Besøg pr. dag",
                        columns=[Column("Dag", numeric=False), Column("Besøg")],
                        rows=[[datetime.date(2025, 1, 2), protect(3)], ["+45 tlf", protect(8)]],
                        fine=True,
                        detail=True,
                    ),
                ],
                charts=[
                    Chart(
                        "Besøg over tid",
                        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20">'
                        '<title>Besøg over tid</title><rect width="50" height="20"/></svg>',
                    )
                ],
                lists=[("Forsinkede opgaver", ["-Opgave A", "@Opgave B", "\tOpgave C"])],
            ),
            Section(key="empty", title="Frivillige", available=False, note="Ingen data."),
        ],
    )
