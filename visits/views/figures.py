"""Visit figures for staff, coordinators and managers: tables and charts per site."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.permissions import capability_required
from sites.models import Site
from visits.forms import FiguresForm
from visits.models import TallyCategory
from visits.selectors import categories_in_order, period_totals


@capability_required("view_operations")
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = FiguresForm(request.GET or None, today=today)
    params = form.cleaned_data if form.is_valid() else form.defaults()
    sites = [params["site"]] if params["site"] else list(Site.objects.all())
    start, end, period = params["start"], params["end"], params["period"]
    totals = period_totals([s.pk for s in sites], start, end, period)
    categories = list(TallyCategory.objects.all())
    groups = categories_in_order(c for c in categories if c.active or _counted(c, totals))
    columns = [c for g in groups for c in g.categories]
    rows = [
        {"start": key, "cells": [values.get(c.code, 0) for c in columns]}
        for key, values in totals.items()
    ]
    return render(
        request,
        "visits/figures.html",
        {
            "form": form,
            "sites": sites,
            "start": start,
            "end": end,
            "period": period,
            "columns": columns,
            "rows": rows,
        },
    )


def _counted(category: TallyCategory, totals: dict[datetime.date, dict[str, int]]) -> bool:
    return any(category.code in values for values in totals.values())
