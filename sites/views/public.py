"""The public where-and-when pages: the schedule, the printable flyer and the calendar feeds."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.ical import calendar_response
from core.links import public_url
from core.pdf import html_to_pdf
from core.permissions import public
from core.qr import qr_svg
from sites.feed import openings_calendar
from sites.models import Site
from sites.schedule import build_schedule

EARLIEST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)


def parse_moment(raw: str) -> datetime.datetime:
    """An ISO date-time from `?at=`; without an offset it is Copenhagen time. ValueError if bad."""
    raw = raw.strip()
    if "T" in raw and " " in raw:
        raw = raw.replace(" ", "+")  # an unescaped "+" in a query string arrives as a space
    moment = datetime.datetime.fromisoformat(raw)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if not EARLIEST <= moment < LATEST:
        raise ValueError("out of range")
    return moment


def _moment(request: HttpRequest) -> tuple[datetime.datetime, str, bool]:
    """The moment asked for (or now), an error message, and whether `at` was given."""
    raw = request.GET.get("at", "")
    if not raw.strip():
        return timezone.now(), "", False
    try:
        return parse_moment(raw), "", True
    except ValueError:
        message = _(
            "“%(value)s” is not a date and time we can read. Write it like "
            "2026-12-24T14:00. Showing the situation right now instead."
        ) % {"value": raw[:40]}
        return timezone.now(), message, False


@public
@require_safe
def schedule(request: HttpRequest) -> HttpResponse:
    moment, error, chosen = _moment(request)
    context = {
        "schedule": build_schedule(moment=moment),
        "at_error": error,
        "at_chosen": chosen,
        "at_value": timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M"),
    }
    return render(request, "sites/schedule.html", context, status=400 if error else 200)


def _flyer_context(request: HttpRequest) -> dict:
    moment, error, _chosen = _moment(request)
    url = public_url("sites:schedule", request=request)
    return {
        "schedule": build_schedule(moment=moment, with_presence=False),
        "at_error": error,
        "public_schedule_url": url,
        "qr_svg": qr_svg(url),
    }


@public
@require_safe
def flyer(request: HttpRequest) -> HttpResponse:
    """The flyer as a printable page (print CSS gives an A4 sheet)."""
    context = _flyer_context(request)
    return render(request, "sites/flyer.html", context, status=400 if context["at_error"] else 200)


@public
@require_safe
def flyer_pdf(request: HttpRequest) -> HttpResponse:
    """The same flyer as an A4 PDF, made by WeasyPrint."""
    context = _flyer_context(request)
    if context["at_error"]:
        return render(request, "sites/flyer.html", context, status=400)
    html = render_to_string("sites/flyer_pdf.html", context, request=request)
    pdf = html_to_pdf(html, stylesheet="sites/flyer.css", base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    week = context["schedule"].week_start.isocalendar()
    response["Content-Disposition"] = (
        f'inline; filename="varmestue-{week.year}-uge-{week.week:02d}.pdf"'
    )
    return response


@public
@require_safe
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Every site's public openings, a week back and two months ahead."""
    calendar = openings_calendar(today=timezone.localdate(), stamp=timezone.now(), request=request)
    return calendar_response(calendar, filename="varmestue.ics")


@public
@require_safe
def site_calendar_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """One site's public openings, for those who follow one place."""
    site = get_object_or_404(Site, slug=slug)
    calendar = openings_calendar(
        site=site, today=timezone.localdate(), stamp=timezone.now(), request=request
    )
    return calendar_response(calendar, filename=f"varmestue-{site.slug}.ics")
