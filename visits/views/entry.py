"""The entry page: big +1/-1 buttons per category; each is a plain form, so no JS is needed."""

import uuid
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.permissions import capability_required
from core.sync import parse_iso_date
from sites.models import Site
from visits.forms import SiteDayForm
from visits.models import TallyCategory
from visits.selectors import categories_in_order, counts_for_day, totals_of
from visits.services import (
    EventRejected,
    check_tally_date,
    not_in_use_message,
    record_events,
    tally_window_days,
)
from visits.views.common import chosen_date, chosen_site, day_in_sentence, device_label


def entry_url(site: Site | None, day) -> str:
    query = {"date": day.isoformat()}
    if site is not None:
        query = {"site": site.slug, **query}
    return f"{reverse('visits:entry')}?{urlencode(query)}"


@capability_required("log_tallies")
@require_safe
def entry(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    day, bad_date = chosen_date(request, today)
    if not bad_date:
        try:
            check_tally_date(day, today=today)
        except EventRejected as rejection:
            messages.warning(request, rejection.message)
            bad_date, day = False, today
    if bad_date:
        messages.warning(request, _("The date was not understood; showing today."))
    site, bad_site = chosen_site(request, day)
    if bad_site:
        messages.warning(request, _("Unknown site; showing the default site."))
    rows = []
    not_in_use = ""
    if site is not None and not site.in_use_on(day):
        not_in_use = not_in_use_message(site.name, day)
    elif site is not None:
        categories = list(TallyCategory.objects.used_at(site))
        counts = counts_for_day(site, day)
        totals = totals_of(categories)
        for group in categories_in_order(categories):
            rows.append(
                {
                    "group": group,
                    "items": [
                        {
                            "category": category,
                            "total": counts.get(category.code, 0),
                            # A breakdown above its total is pointed out (tally.js keeps it
                            # true between page loads).
                            "total_of": totals.get(category.code),
                            "above_total": category.code in totals
                            and counts.get(category.code, 0)
                            > counts.get(totals[category.code].code, 0),
                            "add_id": uuid.uuid4(),
                            "remove_id": uuid.uuid4(),
                        }
                        for category in group.categories
                    ],
                }
            )
    picker = SiteDayForm(initial={"site": site.slug if site else None, "date": day}, max_date=today)
    site_field = picker.fields["site"]
    assert isinstance(site_field, forms.ModelChoiceField)
    site_field.queryset = Site.objects.for_user(request.user, on=day).listed(
        day, with_data=[site.pk] if site else []
    )
    return render(
        request,
        "visits/entry.html",
        {
            "site": site,
            "day": day,
            "day_words": day_in_sentence(day),
            "is_today": day == today,
            "picker": picker,
            "rows": rows,
            "not_in_use": not_in_use,
            "window_days": tally_window_days(),
        },
    )


def _as_int(value: str):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


@capability_required("log_tallies")
@require_POST
def tap(request: HttpRequest) -> HttpResponse:
    """One +1 or -1 from the entry page without JavaScript; a resubmitted form counts once."""
    post = request.POST
    raw = {
        "id": post.get("id", ""),
        "site": post.get("site", ""),
        "date": post.get("date", ""),
        "category": post.get("category", ""),
        "delta": _as_int(post.get("delta", "")),
    }
    result = record_events(events=[raw], user=request.user, device=device_label(request))
    category = TallyCategory.objects.filter(code=raw["category"]).first()
    name = category.name if category else raw["category"]
    if result.accepted:
        messages.success(
            request,
            _("Counted: %(category)s %(delta)+d.") % {"category": name, "delta": raw["delta"]},
        )
    elif result.duplicates:
        messages.info(request, _("That tap was already counted; it was not counted again."))
    else:
        messages.error(
            request,
            _("Not counted: %(error)s") % {"error": result.rejected[0]["error"]},
        )
    site = Site.objects.for_user(request.user).filter(slug=raw["site"]).first()
    url = entry_url(site, parse_iso_date(raw["date"]) or timezone.localdate())
    if category is not None:
        url += f"#tally-{category.code}"
    return HttpResponseRedirect(url)
