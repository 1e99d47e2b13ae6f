"""A volunteer's shifts as an iCalendar feed, with stable UIDs and Europe/Copenhagen times."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from volunteers.models import ShiftAssignment, Volunteer

PAST_DAYS = 90


def uid_for(assignment: ShiftAssignment) -> str:
    """Stable across requests and renewed tokens: the same place keeps the same UID."""
    host = urlsplit(settings.VARMESTUE["PUBLIC_BASE_URL"]).hostname or "varmestue"
    return f"volunteer-shift-{assignment.shift_id}-{assignment.volunteer_id}@{host}"


def calendar_for(volunteer: Volunteer) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Varmestue//Vagter//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Varmestue shifts"))
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    assignments = (
        volunteer.assignments.filter(shift__ends__gte=since)
        .select_related("shift__site", "role")
        .order_by("shift__starts")
    )
    stamp = timezone.now()
    for assignment in assignments:
        shift = assignment.shift
        event = Event()
        event.add("uid", uid_for(assignment))
        event.add("dtstamp", stamp)
        # Raised on cancelling and reinstating: calendars replace the event they hold.
        event.add("sequence", shift.revision)
        event.add("dtstart", timezone.localtime(shift.starts))
        event.add("dtend", timezone.localtime(shift.ends))
        summary = _("Shift at %(site)s (%(role)s)") % {
            "site": shift.site.name,
            "role": assignment.role,
        }
        if shift.is_cancelled:
            event.add("status", "CANCELLED")
            event.add("last-modified", shift.cancelled_at)
            summary = _("Cancelled: %(summary)s") % {"summary": summary}
        event.add("summary", summary)
        event.add("location", f"{shift.site.name}, {shift.site.town}")
        description = [shift.note] if shift.note else []
        if shift.is_cancelled:
            description.append(
                _("Reason for cancelling: %(reason)s") % {"reason": shift.cancel_reason}
            )
        if description:
            event.add("description", "\n".join(description))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
