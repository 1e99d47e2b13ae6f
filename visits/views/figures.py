"""Visit figures for staff, coordinators and managers: tables, a chart and comparisons."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.permissions import capability_required
from sites.models import Site
from visits.charts import Series, line_chart, period_label
from visits.forms import FiguresForm
from visits.models import TallyCategory
from visits.opening import opening_hours
from visits.selectors import (
    categories_in_order,
    period_starts,
    period_totals,
    same_period_last_year,
    visits_per_period,
)


@capability_required("view_operations")
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = FiguresForm(request.GET or None, today=today)
    params = form.cleaned_data if form.is_valid() else form.defaults()
    start, end, period = params["start"], params["end"], params["period"]
    sites = [params["site"]] if params["site"] else list(Site.objects.all())
    site_ids = [s.pk for s in sites]

    # The table: totals per period and category over the chosen sites.
    totals = period_totals(site_ids, start, end, period)
    counted = {code for values in totals.values() for code in values}
    groups = categories_in_order(
        c for c in TallyCategory.objects.all() if c.active or c.code in counted
    )
    columns = [c for g in groups for c in g.categories]
    rows = [
        {"start": key, "cells": [values.get(c.code, 0) for c in columns]}
        for key, values in totals.items()
    ]

    # The chart and the comparisons: visits per site, and the same period a year earlier.
    keys = period_starts(start, end, period)
    now = visits_per_period(site_ids, start, end, period)
    ly_start, ly_end = same_period_last_year(start, end, period)
    before = visits_per_period(site_ids, ly_start, ly_end, period)
    ly_keys = period_starts(ly_start, ly_end, period)
    hours = opening_hours(site_ids, start, end)
    shown = [s for s in sites if s.pk in now or len(sites) == 1]
    series = [Series(s.name, [now.get(s.pk, {}).get(k, 0) for k in keys]) for s in shown]
    if len(sites) > 1:
        # The total sits beside its own last-year line, so the two are comparable.
        series.append(
            Series(
                _("All chosen sites"),
                [sum(now.get(i, {}).get(k, 0) for i in site_ids) for k in keys],
            )
        )
    last_year = [sum(before.get(i, {}).get(k, 0) for i in site_ids) for k in ly_keys]
    if any(last_year):
        series.append(Series(_("All chosen sites, a year earlier"), last_year, dashed=True))
    period_names = {"day": _("per day"), "week": _("per week"), "month": _("per month")}
    chart = line_chart(
        title=_("Visits %(per)s, %(start)s–%(end)s")
        % {
            "per": period_names[period],
            "start": date_format(start, "SHORT_DATE_FORMAT"),
            "end": date_format(end, "SHORT_DATE_FORMAT"),
        },
        desc=_(
            "Visits in total %(per)s for each site, and for all chosen sites together in "
            "the same period a year earlier (dashed). The numbers are in the table below."
        )
        % {"per": period_names[period]},
        labels=[period_label(k, period) for k in keys],
        series=series,
    )
    comparison = []
    for site in sites:
        visits = sum(now.get(site.pk, {}).values())
        earlier = sum(before.get(site.pk, {}).values())
        open_hours = hours.get(site.pk, 0)
        comparison.append(
            {
                "site": site,
                "visits": visits,
                "last_year": earlier,
                "change": round(100 * (visits - earlier) / earlier) if earlier else None,
                "hours": round(open_hours, 1),
                "per_hour": round(visits / open_hours, 1) if open_hours else None,
            }
        )
    chart_rows = [
        {
            "label": period_label(k, period),
            "start": k,
            "cells": [s.values[i] for s in series if not s.dashed],
            "last_year": last_year[i] if i < len(last_year) else 0,
        }
        for i, k in enumerate(keys)
    ]
    return render(
        request,
        "visits/figures.html",
        {
            "form": form,
            "sites": sites,
            "start": start,
            "end": end,
            "ly_start": ly_start,
            "ly_end": ly_end,
            "period": period,
            "columns": columns,
            "rows": rows,
            "chart": mark_safe(chart),  # noqa: S308 - built by visits.charts, every text escaped
            "chart_labels": [s.label for s in series if not s.dashed],
            "chart_rows": chart_rows,
            "comparison": comparison,
        },
    )
