"""Visit figures: exact counts per day, week or month, a chart and comparisons.

Operational: for those who log and correct tallies (staff, coordinators). Managers see what
they may export, in the USB report (docs/privacy.md, decisions: Disclosure 5). The figures
come from `visits.selectors.day_figures`.
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.permissions import capability_required
from core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from sites.models import Site
from visits import exports
from visits.charts import Series, line_chart, period_label
from visits.forms import FiguresForm
from visits.selectors import DayFigures, day_figures, figures_sites


def _shown(request: HttpRequest) -> tuple[FiguresForm, dict, list[Site], DayFigures]:
    """The form, the period and sites it asks for (its defaults when invalid), and the
    figures of them: what the page shows and its downloads export."""
    today = timezone.localdate()
    form = FiguresForm(request.GET or None, today=today)
    # A scoped user's figures: the sites their operators run or ran (decisions: Sites 17).
    mine = Site.objects.for_user(request.user)
    site_choice = form.fields["site"]
    assert isinstance(site_choice, forms.ModelChoiceField)
    site_choice.queryset = mine
    params = form.cleaned_data if form.is_valid() else form.defaults()
    start, end, period = params["start"], params["end"], params["period"]
    listed = figures_sites(start, end, period, chosen=params["site"]).filter(pk__in=mine)
    site_field = form.fields["site"]
    assert isinstance(site_field, forms.ModelChoiceField)
    site_field.queryset = listed  # offered; any site is valid, for its history
    sites = [params["site"]] if params["site"] else list(listed)
    return form, params, sites, day_figures(sites, start, end, period, timezone.now())


@capability_required("log_tallies")
@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    form, params, sites, found = _shown(request)
    start, end, period = params["start"], params["end"], params["period"]
    series = _series(sites, found)
    return render(
        request,
        "visits/figures.html",
        {
            "form": form,
            "sites": sites,
            "start": start,
            "end": end,
            "ly_start": found.ly_start,
            "ly_end": found.ly_end,
            "period": period,
            "columns": found.columns,
            "rows": found.rows,
            # A wide chart, and a narrow one for phones with fewer labels (visits.css shows one).
            "chart": mark_safe(_chart(series, found, start, end, period)),  # noqa: S308 - escaped by visits.charts
            "narrow_chart": mark_safe(_chart(series, found, start, end, period, width=360)),  # noqa: S308 - escaped by visits.charts
            "chart_labels": [s.label for s in series if not s.dashed],
            "chart_rows": [
                {
                    "label": period_label(k, period),
                    "start": k,
                    "cells": [s.values[i] for s in series if not s.dashed],
                    "last_year": found.last_year[i] if i < len(found.last_year) else 0,
                }
                for i, k in enumerate(found.keys)
            ],
            "comparison": found.comparison,
            "query": request.GET.urlencode(),
        },
    )


@capability_required("log_tallies")
@require_safe
def figures_download(request: HttpRequest, format: str) -> HttpResponse:
    """The figures the page shows for the same query, as CSV or XLSX (decisions: Visits 15)."""
    _form, params, sites, found = _shown(request)
    start, end, period = params["start"], params["end"], params["period"]
    if format == "csv":
        response = HttpResponse(exports.figures_csv(found, period), content_type=CSV_CONTENT_TYPE)
    else:
        content = exports.figures_xlsx(found, period, start=start, end=end, sites=sites)
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    name = f"besoegstal-{start:%Y%m%d}-{end:%Y%m%d}.{format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _series(sites: list[Site], found: DayFigures) -> list[Series]:
    """Visits per site, all chosen sites together, and the same a year earlier (dashed)."""
    now, keys = found.now, found.keys
    shown = [s for s in sites if s.pk in now or len(sites) == 1]
    series = [Series(s.name, [now.get(s.pk, {}).get(k, 0) for k in keys]) for s in shown]
    if len(sites) > 1:
        # The total sits beside its own last-year line, so the two are comparable.
        series.append(
            Series(
                _("All chosen sites"),
                [sum(now.get(s.pk, {}).get(k, 0) for s in sites) for k in keys],
            )
        )
    if any(found.last_year):
        series.append(Series(_("All chosen sites, a year earlier"), found.last_year, dashed=True))
    return series


def _chart(
    series: list[Series], found: DayFigures, start, end, period: str, width: int = 720
) -> str:
    per = {"day": _("per day"), "week": _("per week"), "month": _("per month")}[period]
    return line_chart(
        title=_("Visits %(per)s, %(start)s–%(end)s")
        % {
            "per": per,
            "start": date_format(start, "SHORT_DATE_FORMAT"),
            "end": date_format(end, "SHORT_DATE_FORMAT"),
        },
        desc=_(
            "Visits in total %(per)s for each site, and for all chosen sites together in "
            "the same period a year earlier (dashed). The numbers are in the table below."
        )
        % {"per": per},
        labels=[period_label(k, period) for k in found.keys],
        series=series,
        width=width,
    )
