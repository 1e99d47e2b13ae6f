"""Visit figures: tables per day/week/month, the chart, comparisons and reusable reads."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.dom import parse
from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory
from visits import selectors
from visits.charts import Series, bar_chart, line_chart

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def counted(site, visits, breakfast):
    other = SiteFactory(slug="skaelskoer", name="Skælskør")
    for day, n in [(D(2025, 3, 3), 10), (D(2025, 3, 4), 12), (D(2025, 3, 11), 7)]:
        DailyCountFactory(site=site, category=visits, date=day, count=n)
    DailyCountFactory(site=site, category=breakfast, date=D(2025, 3, 3), count=4)
    DailyCountFactory(site=other, category=visits, date=D(2025, 3, 3), count=5)
    # 52 weeks before 3 March 2025 is 4 March 2024.
    DailyCountFactory(site=site, category=visits, date=D(2024, 3, 4), count=8)
    return site, other


def parse_svg(markup: str):
    return ET.fromstring(markup)  # noqa: S314 - markup made by our own chart functions


def figures(client, **params):
    return client.get(reverse("visits:figures"), params, HTTP_ACCEPT_LANGUAGE="en")


def test_weekly_table_sums_the_days(coordinator_client, counted):
    site, _other = counted
    html = figures(
        coordinator_client, site=site.slug, period="week", start="2025-03-01", end="2025-03-31"
    ).content
    doc = parse(html)
    assert doc.row("Week 10, 2025")[1] == "22"
    assert doc.row("Week 11, 2025")[1] == "7"


def test_monthly_totals_across_all_sites(staff_client, counted):
    html = figures(staff_client, period="month", start="2025-03-01", end="2025-03-31").content
    assert parse(html).row("March 2025")[1:3] == ["34", "4"]


def test_the_chart_is_an_accessible_svg_with_last_year(staff_client, counted):
    site, _other = counted
    html = figures(
        staff_client, site=site.slug, period="day", start="2025-03-03", end="2025-03-09"
    ).content.decode()
    root = parse_svg(html[html.index("<svg") : html.index("</svg>") + len("</svg>")])
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text.startswith("Visits per day")
    assert "a year earlier" in root.find(f"{ns}desc").text
    assert len(root.findall(f"{ns}polyline")) == 2  # this site and last year (dashed)
    assert "The chart's numbers as a table" in html


def test_sites_are_compared_with_last_year_and_opening_hours(staff_client, counted):
    doc = parse(figures(staff_client, period="day", start="2025-03-03", end="2025-03-09").content)
    assert doc.row("Pavillonen")[1:4] == ["22", "8", "+175.0 %"]
    assert doc.row("Skælskør")[1:4] == ["5", "0", "–"]


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2025-03-10", "end": "2025-03-01"},
        {"start": "nonsense", "end": "2025-03-01"},
        {"start": "2000-01-01", "end": "2025-03-01"},
        {"site": "nowhere"},
        {"period": "decade"},
    ],
)
def test_bad_parameters_show_errors_and_the_default_view(staff_client, params):
    response = figures(staff_client, **params)
    assert response.status_code == 200
    assert "form-error" in response.content.decode() or "alert-error" in response.content.decode()


def test_day_figures_are_for_those_who_log_tallies_only(
    volunteer_client, client, coordinator_client, manager_client
):
    """Exact day counts are operational; managers see what they may export (issue 16)."""
    assert volunteer_client.get(reverse("visits:figures")).status_code == 403
    assert manager_client.get(reverse("visits:figures")).status_code == 403
    assert client.get(reverse("visits:figures")).status_code == 302
    assert coordinator_client.get(reverse("visits:figures")).status_code == 200
    home = manager_client.get("/").content.decode()
    assert reverse("visits:figures") not in home and "Besøg i dag" not in home


def test_figures_take_a_fixed_number_of_queries(
    staff_client, site, visits, django_assert_max_num_queries
):
    start = D(2025, 1, 1)
    for offset in range(60):
        DailyCountFactory(site=site, category=visits, date=start + datetime.timedelta(days=offset))
    with django_assert_max_num_queries(25):
        figures(staff_client, period="day", start="2025-01-01", end="2025-03-31")


# --- selectors ----------------------------------------------------------------


def test_selectors_for_reports(counted, visits, breakfast):
    site, other = counted
    march = (D(2025, 3, 1), D(2025, 3, 31))
    assert selectors.category_totals([site.pk, other.pk], *march) == {"visits": 34, "breakfast": 4}
    monthly = selectors.monthly_totals([site.pk, other.pk], *march)
    assert selectors.CountRow(site.pk, D(2025, 3, 1), "visits", 29) in monthly
    assert selectors.CountRow(other.pk, D(2025, 3, 1), "visits", 5) in monthly
    daily = selectors.daily_counts([site.pk], *march)
    assert [(r.date, r.category, r.count) for r in daily][:2] == [
        (D(2025, 3, 3), "visits", 10),
        (D(2025, 3, 3), "breakfast", 4),
    ] or [(r.date, r.category, r.count) for r in daily][:2] == [
        (D(2025, 3, 3), "breakfast", 4),
        (D(2025, 3, 3), "visits", 10),
    ]
    assert selectors.visits_by_day([other.pk], *march) == {(other.pk, D(2025, 3, 3)): 5}
    assert selectors.counts_for_day(site, D(2025, 3, 3)) == {"visits": 10, "breakfast": 4}


@pytest.mark.parametrize("days", [5, 200])
def test_selectors_take_constant_queries(site, visits, django_assert_max_num_queries, days):
    start = D(2024, 1, 1)
    for offset in range(days):
        DailyCountFactory(site=site, category=visits, date=start + datetime.timedelta(days=offset))
    end = D(2024, 12, 31)
    with django_assert_max_num_queries(1):
        selectors.daily_counts([site.pk], start, end)
    with django_assert_max_num_queries(1):
        selectors.monthly_totals([site.pk], start, end)
    with django_assert_max_num_queries(1):
        selectors.category_totals([site.pk], start, end)
    with django_assert_max_num_queries(1):
        weeks = selectors.period_totals([site.pk], start, end, "week")
    assert sum(values["visits"] for values in weeks.values()) == days


def test_period_helpers():
    assert selectors.period_starts(D(2025, 1, 30), D(2025, 3, 2), "month") == [
        D(2025, 1, 1),
        D(2025, 2, 1),
        D(2025, 3, 1),
    ]
    assert selectors.period_starts(D(2025, 3, 5), D(2025, 3, 17), "week") == [
        D(2025, 3, 3),
        D(2025, 3, 10),
        D(2025, 3, 17),
    ]
    assert selectors.same_period_last_year(D(2024, 2, 29), D(2024, 3, 31), "month") == (
        D(2023, 2, 28),
        D(2023, 3, 31),
    )
    assert selectors.same_period_last_year(D(2025, 3, 3), D(2025, 3, 9), "day")[0].weekday() == 0


# --- charts -------------------------------------------------------------------


def test_charts_are_self_contained_escaped_svg():
    svg = line_chart(
        title="Visits <script>",
        desc="A & B",
        labels=["1/3", "2/3"],
        series=[Series("Pavillonen", [3, 5]), Series("Last year", [1, 0], dashed=True)],
    )
    root = parse_svg(svg)  # well-formed XML, so WeasyPrint can read it
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    assert "stroke-dasharray" in svg
    assert "style=" not in svg and 'class="vs-chart"' in svg
    assert root.get("aria-labelledby").split()[0].endswith("-title")
    bars = bar_chart(title="Per site", desc="d", labels=["A", "B"], values=[0, 7])
    assert parse_svg(bars).get("role") == "img"
    assert ">7</text>" in bars


def test_an_empty_chart_still_renders():
    parse_svg(line_chart(title="t", desc="d", labels=[], series=[]))


def test_opening_hours_are_the_sum_of_the_openings(site):
    """Summed per month by arithmetic; the same hours as making every opening, across the
    daylight-saving change, a closure, a night opening and an extra opening."""
    from django.utils import timezone

    from sites.selectors import opening_intervals
    from tests.sites.factories import ClosureFactory, ExtraOpeningFactory, WeeklyHoursFactory
    from visits.selectors import hours_held

    other = SiteFactory(slug="natbus")
    WeeklyHoursFactory(site=site, weekday=0)
    WeeklyHoursFactory(site=site, weekday=5, opens=datetime.time(20), closes=datetime.time(8))
    WeeklyHoursFactory(site=other, weekday=2, opens=datetime.time(9), closes=datetime.time(17))
    ClosureFactory(site=site, starts_on=D(2025, 3, 3), ends_on=D(2025, 3, 9))
    zone = timezone.get_default_timezone()
    ExtraOpeningFactory(
        site=other,
        starts=datetime.datetime(2025, 3, 29, 22, tzinfo=zone),
        ends=datetime.datetime(2025, 3, 30, 9, tzinfo=zone),
    )
    start, end = D(2025, 2, 10), D(2025, 4, 20)
    made = {
        site_id: sum(o.duration.total_seconds() for o in openings) / 3600
        for site_id, openings in opening_intervals(
            sites=[site.pk, other.pk], start=start, end=end
        ).items()
    }
    later = datetime.datetime(2026, 1, 1, tzinfo=zone)
    assert hours_held([site.pk, other.pk], start, end, later) == pytest.approx(made)
    assert made[site.pk] > 0 and made[other.pk] > 0


def test_hours_not_yet_begun_are_not_counted(site):
    """The figures page counts opening hours as the report does: only openings begun."""
    from django.utils import timezone

    from tests.sites.factories import WeeklyHoursFactory
    from visits.selectors import hours_held

    WeeklyHoursFactory(site=site, weekday=0)  # Mondays 10-14
    zone = timezone.get_default_timezone()
    # Monday 3 and 10 March 2025; at noon on the 10th only the 3rd's four hours and the
    # 10th's, begun, count - not the 17th, 24th or 31st.
    noon = datetime.datetime(2025, 3, 10, 12, tzinfo=zone)
    held = hours_held([site.pk], D(2025, 3, 1), D(2025, 3, 31), noon)
    assert held == {site.pk: pytest.approx(8.0)}
