"""No combination of outputs the app can produce gives a withheld count away (issue 16).

Hypothesis makes random daily tallies over several sites and months, then random pairs and
triples of requests the app allows: two periods (custom day ranges, widened to whole months),
two selections of sites, one site against all, the page against its file, and a report made
before against one made after a correction (through the real correction service). Every
number the reports publish is written as a linear form over the unknowns (each site's month
per category, and the correction's size); for every withheld cell, the test checks that its
form is not in the span of the published forms, i.e. that no sum, difference or other linear
combination of published numbers equals it.
"""

import csv
import datetime
import io
from fractions import Fraction

import pytest
from django.db import transaction
from django.utils.translation import gettext as _
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.disclosure import Withheld
from core.spreadsheets import Month
from reports.builder import build_report
from reports.formats import render
from reports.formats.csvfile import cell as csv_cell
from reports.periods import Period
from reports.report import Report
from sites.operations import month_operators
from tests.core.factories import UserFactory
from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from visits.models import VISITS_CODE, CategoryGroup, CorrectionReason, TallyCategory
from visits.services import correct_counts

pytestmark = pytest.mark.django_db
D = datetime.date
SITES = 3
MONTHS = [D(2025, 1, 1), D(2025, 2, 1), D(2025, 3, 1)]
YEAR_EARLIER = [m.replace(year=2024) for m in MONTHS]
CODES = (VISITS_CODE, "naloxone")
DELTA = "delta"  # the unknown size of a correction

# (site index, month index (0-2 this year, 3-5 a year earlier), category, day of month, count)
tallies = st.lists(
    st.tuples(
        st.integers(0, SITES - 1),
        st.integers(0, 5),
        st.sampled_from(CODES),
        st.integers(1, 28),
        st.integers(1, 9),
    ),
    max_size=40,
)
# A request: a custom day range (first and last month index, days) and a choice of sites.
requests = st.tuples(
    st.integers(0, 2),
    st.integers(0, 2),
    st.integers(1, 28),
    st.integers(1, 28),
    st.one_of(st.none(), st.sets(st.integers(0, SITES - 1), min_size=1)),
)
correction = st.tuples(
    st.integers(0, SITES - 1), st.integers(0, 2), st.sampled_from(CODES), st.integers(0, 9)
)


class Forms:
    """Published numbers and withheld cells of some reports, as forms over the unknowns."""

    def __init__(self):
        self.published: list[dict] = []
        self.withheld: list[tuple[str, dict]] = []

    def add(self, where: str, value, form: dict) -> None:
        if not form:
            return
        if isinstance(value, Withheld):
            self.withheld.append((where, form))
        elif isinstance(value, int):
            self.published.append(form)

    def leaks(self) -> list[str]:
        basis = _basis(self.published)
        return [where for where, form in self.withheld if _in_span(form, basis)]


def _basis(forms: list[dict]) -> list[tuple[object, dict]]:
    """An echelon basis of the forms: (pivot, form with 1 at the pivot), exact fractions."""
    basis: list[tuple[object, dict]] = []
    for form in forms:
        row = _reduce(dict(form), basis)
        if row:
            pivot = next(iter(row))
            scale = row[pivot]
            row = {k: Fraction(v) / scale for k, v in row.items()}
            basis = [(p, _eliminate(r, row, pivot)) for p, r in basis]
            basis.append((pivot, row))
    return basis


def _eliminate(row: dict, by: dict, pivot) -> dict:
    factor = row.get(pivot, 0)
    if not factor:
        return row
    out = dict(row)
    for k, v in by.items():
        out[k] = out.get(k, 0) - factor * v
        if out[k] == 0:
            del out[k]
    return out


def _reduce(row: dict, basis) -> dict:
    for pivot, by in basis:
        row = _eliminate(row, by, pivot)
    return {k: v for k, v in row.items() if v}


def _in_span(form: dict, basis) -> bool:
    return not _reduce(dict(form), basis)


def _form(sites, months, codes, corrected=None) -> dict:
    """The sum of these cells; the corrected cell carries the correction's size too."""
    form: dict = {}
    for s in sites:
        for m in months:
            for c in codes:
                form[(s, m, c)] = 1
                if corrected == (s, m, c):
                    form[DELTA] = 1
    return form


def collect(report: Report, forms: Forms, names: dict, *, corrected=None, label="") -> None:
    """Every published or withheld tally figure of a report, as a form."""
    chosen = [names[s.name] for s in report.sites]
    months = [Month(m) for m in report.period.months()]
    month_of = {Month(m): m for m in report.period.months()}
    before = {Month(m): m.replace(year=m.year - 1) for m in report.period.months()}
    categories = {c.name: c.code for c in TallyCategory.objects.all()}
    groups = {
        str(g.label): [c.code for c in TallyCategory.objects.filter(group=g)] for g in CategoryGroup
    }

    def now(sites, ms, codes=(VISITS_CODE,)):
        return _form(sites, [month_of[m] for m in ms], codes, corrected)

    def earlier(sites, ms, codes=(VISITS_CODE,)):
        return _form(sites, [before[m] for m in ms], codes)

    def pair(where, row_now, row_before, change, f_now, f_before):
        forms.add(where, row_now, f_now)
        forms.add(where + " a year earlier", row_before, f_before)
        if isinstance(change, float):  # a change gives its counts away: both must be shown
            assert not isinstance(row_now, Withheld) and not isinstance(row_before, Withheld), where

    visits = report.section("visits")
    tables = {t.key: t for t in visits.tables}
    assert set(tables) == {
        "visits_per_site",
        "visits_per_site_month",
        "services_per_site_month",
        "categories",
        "counts_per_site_month_category",
        "visits_per_operator",
    }, "a new table: write its forms here"
    for row in tables["visits_per_site"].rows:
        s = [names[row[0]]]
        pair(f"{label}{row[0]}", row[1], row[2], row[3], now(s, months), earlier(s, months))
    for t in ("visits_per_site", "visits_per_site_month"):
        total = tables[t].total[-3:]
        pair(f"{label}total", *total, now(chosen, months), earlier(chosen, months))
    for row in tables["visits_per_site_month"].rows:
        s = [names[row[0]]]
        pair(f"{label}{row[0]} {row[1]}", *row[2:], now(s, [row[1]]), earlier(s, [row[1]]))
    columns = [c.label for c in tables["services_per_site_month"].columns]
    for row in tables["services_per_site_month"].rows:
        for label_, value in zip(columns[2:], row[2:], strict=True):
            forms.add(
                f"{label}{row[0]} {row[1]} {label_}",
                value,
                now([names[row[0]]], [row[1]], groups[label_]),
            )
    for label_, value in zip(columns[2:], tables["services_per_site_month"].total[2:], strict=True):
        forms.add(f"{label}total {label_}", value, now(chosen, months, groups[label_]))
    for row in tables["categories"].rows:
        code = [categories[row[0]]]
        pair(f"{label}{row[0]}", *row[2:], now(chosen, months, code), earlier(chosen, months, code))
    for row in tables["counts_per_site_month_category"].rows:
        where = f"{label}{row[0]} {row[1]} {row[2]}"
        forms.add(where, row[3], now([names[row[0]]], [row[1]], [categories[row[2]]]))
    # Each operator's row: the site-months it ran, and a year earlier those it ran then.
    ids = {s.id: names[s.name] for s in report.sites}
    owners = month_operators(ids, report.period.start, report.period.end)
    a_year_earlier = report.period.year_earlier()
    was = month_operators(ids, a_year_earlier.start, a_year_earlier.end)
    nobody = _("No operator recorded")
    by_operator: dict[str, tuple[dict, dict]] = {}
    for site_id, site in ids.items():
        for m in months:
            owner = owners.get((site_id, month_of[m]))
            earlier_owner = was.get((site_id, before[m]))
            by_operator.setdefault(owner.name if owner else nobody, ({}, {}))[0].update(
                now([site], [m])
            )
            by_operator.setdefault(earlier_owner.name if earlier_owner else nobody, ({}, {}))[
                1
            ].update(earlier([site], [m]))
    for row in tables["visits_per_operator"].rows:
        f_now, f_before = by_operator[row[0]]
        pair(f"{label}operator {row[0]}", *row[2:], f_now, f_before)
    facts = [f.value for f in visits.facts]
    pair(f"{label}facts", *facts, now(chosen, months), earlier(chosen, months))
    for chart in visits.charts:  # drawn only from shown figures: their forms are published
        if chart.title == _("Visits per month"):
            for m in months:
                forms.published.append(now(chosen, [m]))
                forms.published.append(earlier(chosen, [m]))
    opening = report.section("opening").tables[0]
    for row in opening.rows:
        forms.add(f"{label}hours {row[0]} {row[1]}", row[5], now([names[row[0]]], [row[1]]))
        if isinstance(row[6], float):
            assert not isinstance(row[5], Withheld)
    forms.add(f"{label}hours total", opening.total[5], now(chosen, months))


def _files_show_the_same(report: Report) -> None:
    """The CSV and the XLSX print the report's visits tables cell for cell (the page and the
    PDF render the same object through one template)."""
    lines = list(csv.reader(io.StringIO(render(report, "csv").decode("utf-8-sig")), delimiter=";"))
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    sheet = [list(row) for row in book[report.section("visits").title].iter_rows(values_only=True)]
    for table in report.section("visits").tables:
        for row in table.rows:
            printed = [v if isinstance(v, str) else "" if v is None else csv_cell(v) for v in row]
            assert printed in lines, (table.key, printed)
            stored = [_xlsx(v) for v in row]
            assert stored in [r[: len(row)] for r in sheet], (table.key, stored)


def _xlsx(value):
    """A cell as openpyxl reads it back: months are datetimes, a withheld count its mark."""
    if isinstance(value, Month):
        return datetime.datetime.combine(value.first, datetime.time())
    if isinstance(value, Withheld):
        return str(value)
    return value


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=tallies, asked=st.lists(requests, min_size=2, max_size=3), fix=correction)
def test_no_combination_of_reports_gives_a_withheld_count_away(data, asked, fix):
    with transaction.atomic():
        _check(data, asked, fix)
        transaction.set_rollback(True)


def _check(data, asked, fix):
    sites = [SiteFactory(slug=f"p{n}", name=f"Sted {n}", town="Korsør") for n in range(SITES)]
    names = {s.name: n for n, s in enumerate(sites)}
    category = {
        VISITS_CODE: TallyCategoryFactory(
            code=VISITS_CODE, name_da="Besøg", group=CategoryGroup.VISITORS
        ),
        "naloxone": TallyCategoryFactory(
            code="naloxone", name_da="Naloxon", group=CategoryGroup.HARM_REDUCTION
        ),
    }
    merged: dict = {}
    for s, m, code, day, count in data:
        month = (MONTHS + YEAR_EARLIER)[m]
        key = (s, month.replace(day=day), code)
        merged[key] = merged.get(key, 0) + count
    for (s, day, code), count in merged.items():
        DailyCountFactory(site=sites[s], date=day, category=category[code], count=count)

    forms = Forms()
    for n, (first, last, day1, day2, chosen) in enumerate(asked):
        first, last = min(first, last), max(first, last)
        start = MONTHS[first].replace(day=day1)
        end = max(MONTHS[last].replace(day=day2), start)
        picked = None if chosen is None else [sites[i] for i in sorted(chosen)]
        report = build_report(period=Period(start, end), sites=picked)
        assert (report.period.start.day, (report.period.end + datetime.timedelta(1)).day) == (1, 1)
        collect(report, forms, names, label=f"request {n}: ")
        if n == 0:
            _files_show_the_same(report)

    # The same first request after a correction of one day's count.
    s, m, code, new = fix
    day = MONTHS[m].replace(day=15)
    shown = merged.get((s, day, code), 0)
    correct_counts(
        site=sites[s],
        day=day,
        expected={category[code]: shown},
        wanted={category[code]: new},
        reason=CorrectionReason.MISCOUNT,
        user=UserFactory(),
    )
    first, last, day1, day2, chosen = asked[0]
    first, last = min(first, last), max(first, last)
    picked = None if chosen is None else [sites[i] for i in sorted(chosen)]
    start = MONTHS[first].replace(day=day1)
    after = build_report(
        period=Period(start, max(MONTHS[last].replace(day=day2), start)), sites=picked
    )
    collect(after, forms, names, corrected=(s, MONTHS[m], code), label="after the correction: ")

    leaks = forms.leaks()
    assert not leaks, f"withheld cells that published ones give away: {leaks}"


def test_the_check_finds_a_leak_when_there_is_one():
    """The span check itself: a total and all but one of its cells give the last away."""
    forms = Forms()
    forms.add("a", 30, {"a": 1})
    forms.add("b", Withheld(), {"b": 1})
    forms.add("total", 33, {"a": 1, "b": 1})
    assert forms.leaks() == ["b"]
    other = Forms()
    other.add("a", Withheld(), {"a": 1})
    other.add("b", Withheld(), {"b": 1})
    other.add("total", 33, {"a": 1, "b": 1})
    assert other.leaks() == []
