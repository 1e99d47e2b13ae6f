"""Correcting a past day's counts, with a reason that goes into the audit history."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.permissions import capability_required
from sites.models import Site
from sites.operations import is_scoped
from visits.forms import CorrectionForm, SiteDayForm
from visits.models import TallyCategory
from visits.selectors import (
    breakdowns_above_total,
    categories_in_order,
    counts_for_day,
    sites_with_tallies,
)
from visits.services import CorrectionConflict, EventRejected, correct_counts
from visits.views.common import day_in_sentence


@capability_required("log_tallies")
def corrections(request: HttpRequest) -> HttpResponse:
    """GET ?site=&date= picks the day; POST saves new counts for it."""
    today = timezone.localdate()
    picker = SiteDayForm(request.GET or None, max_date=today)
    site_field = picker.fields["site"]
    assert isinstance(site_field, forms.ModelChoiceField)
    # Validated against every site the user may see (a past day of a closed site can be
    # corrected); a scoped user only at a site their operators ran that day (Sites 17).
    site_field.queryset = Site.objects.for_user(request.user)
    slug = request.GET.get("site", "")
    if slug and is_scoped(request.user) and not site_field.queryset.filter(slug=slug).exists():
        raise Http404  # another operator's site, as an unknown one
    valid = bool(request.GET) and picker.is_valid()
    day = picker.cleaned_data["date"] if valid else today
    if (
        valid
        and not (
            Site.objects.for_user(request.user, on=day).filter(pk=picker.cleaned_data["site"].pk)
        ).exists()
    ):
        raise Http404
    # Offered: the sites listed for that day (decisions: Sites 14).
    chosen = picker.cleaned_data["site"].pk if valid else None
    site_field.queryset = Site.objects.for_user(request.user, on=day).listed(
        day, with_data=[sites_with_tallies(day, day), chosen]
    )
    if not valid:
        return render(
            request,
            "visits/corrections.html",
            {"picker": picker, "form": None, "site": None, "day": None, "groups": []},
        )
    site, day = picker.cleaned_data["site"], picker.cleaned_data["date"]
    counts = counts_for_day(site, day)
    # Categories the site counts, plus any that have a count that day (e.g. since retired).
    categories = list(
        TallyCategory.objects.used_at(site)
        | TallyCategory.objects.filter(code__in=[code for code, n in counts.items() if n])
    )
    form = CorrectionForm(
        request.POST if request.method == "POST" else None,
        categories=categories,
        counts=counts,
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = correct_counts(
                site=site,
                day=day,
                expected=form.expected(),
                wanted=form.wanted(),
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except CorrectionConflict:
            messages.error(
                request,
                _(
                    "The counts for this day changed while you were editing (a tablet may have "
                    "synced). Nothing was saved: check the numbers below and save again."
                ),
            )
        except EventRejected as rejection:
            messages.error(request, rejection.message)
        else:
            if changed:
                messages.success(request, _("Saved %(n)d corrected count(s).") % {"n": changed})
            else:
                messages.info(request, _("Nothing was changed."))
        query = urlencode({"site": site.slug, "date": day.isoformat()})
        return HttpResponseRedirect(f"{reverse('visits:corrections')}?{query}")
    groups = [
        {"group": group, "fields": [form[f"count_{c.code}"] for c in group.categories]}
        for group in categories_in_order(categories)
    ]
    return render(
        request,
        "visits/corrections.html",
        {
            "picker": picker,
            "form": form,
            "site": site,
            "day": day,
            "day_words": day_in_sentence(day),
            "groups": groups,
            # Warned, not refused (decisions: Visits 14): the day's paper may say so.
            "above_total": breakdowns_above_total(categories, counts),
        },
        status=400 if form.is_bound else 200,
    )
